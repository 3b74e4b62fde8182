package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

class EvalCommandTest
{
    @TempDir
    Path dir;

    @Test
    void shouldRunTheWholeEvaluationWithPeersAndWriteTheSameNumbersTwice() throws Exception
    {
        final Path data = TinyDatasets.movieLens(Files.createDirectory(dir.resolve("tiny-ml")), 60, 120, 25, 3);
        final Path out = dir.resolve("results");
        final Path resultsMd = dir.resolve("RESULTS.md");
        final String[] args = {"--dataset", data.toString(), "--out", out.toString(), "--peers", "itemknn,bpr",
            "--librec", "bpr.rec.iterator.maximum=30", "--results-md", resultsMd.toString(), "--tune"};

        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final long started = System.nanoTime();
        final int code = EvalCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        final double seconds = (System.nanoTime() - started) / 1e9;

        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(seconds).as("bounded: a few seconds").isLessThan(30);
        final Path json = out.resolve("eval-tiny-ml.json");
        final Path md = out.resolve("eval-tiny-ml.md");
        assertThat(json).exists();
        assertThat(md).exists();

        final String markdown = Files.readString(md);
        assertThat(markdown).contains("| method | HR@10 | NDCG@10 | coverage@10 | HR@10 sampled | NDCG@10 sampled |");
        for (final String method : List.of("popularity", "tailor", "tailor-tuned", "tailor-ratings-as-views",
            "tailor-ratings-as-views-tuned", "librec-itemknn", "librec-bpr"))
        {
            assertThat(markdown).contains("| " + method + " | ");
        }
        assertThat(markdown).contains("Harper").contains("Targets (issue 3)").contains("60 evaluated");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("| librec-bpr | ");
        assertThat(Files.readString(resultsMd)).contains("## Quality").contains("<!-- eval:tiny-ml:begin -->")
            .contains("| librec-itemknn | ");

        final String first = Files.readString(json);
        assertThat(first).contains("\"method\": \"librec-bpr\"").contains("\"rec.iterator.maximum\": \"30\"")
            .contains("\"hr@10\"").contains("\"sampled.ndcg@10\"").contains("\"validationCases\": 60");
        final List<String> firstMetrics = metrics(first);
        assertThat(firstMetrics).hasSize(7 * 5);
        assertThat(popularityHitRate(first)).as("the generated data have something to learn").isGreaterThan(0.0);

        assertThat(EvalCommand.run(args, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8))).isZero();
        assertThat(metrics(Files.readString(json))).as("fixed seeds: the same numbers").isEqualTo(firstMetrics);
    }

    @Test
    void shouldEvaluateRees46EventsAndFailCleanlyOnAMissingDataset() throws Exception
    {
        final Path file = dir.resolve("events.csv");
        final StringBuilder csv = new StringBuilder(DatasetFormat.REES46_HEADER).append('\n');
        for (int u = 0; u < 30; u++)
        {
            for (int n = 0; n < 4; n++)
            {
                final int product = (u % 3) * 10 + (u + n) % 7;
                final String type = n == 3 ? "purchase" : n == 2 ? "cart" : "view";
                csv.append(String.format("2019-10-01 00:%02d:%02d UTC,%s,%d,77,electronics.phone,acme,%d.50,%d,s%d%n",
                    u, n * 5, type, 1000 + product, 10 + product, 500 + u, u));
            }
        }
        Files.writeString(file, csv);
        final Path out = dir.resolve("out");
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();

        final int code = EvalCommand.run(new String[] {"--dataset", file.toString(), "--out", out.toString(),
            "--peers", "none"}, new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));

        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        final String json = Files.readString(out.resolve("eval-events.json"));
        assertThat(json).contains("\"format\": \"rees46\"").contains("\"evaluatedUsers\": 30")
            .doesNotContain("tailor-ratings-as-views");

        final int missing = EvalCommand.run(new String[] {"--dataset", dir.resolve("nowhere").toString()},
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
            new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));
        assertThat(missing).isNotZero();
    }

    @Test
    void shouldPrintHelp()
    {
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();

        final int code = EvalCommand.run(new String[] {"--help"}, new PrintStream(stdout, true,
            StandardCharsets.UTF_8), new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8));

        assertThat(code).isZero();
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("--dataset").contains("--peers")
            .contains("--out").contains("--tune");
    }

    /** The metric lines of a JSON report (not the timings, which differ from run to run). */
    private static List<String> metrics(final String json)
    {
        return json.substring(json.indexOf("\"results\"")).lines().map(String::strip)
            .filter(l -> l.startsWith("\"hr@") || l.startsWith("\"ndcg@") || l.startsWith("\"coverage@") ||
                l.startsWith("\"sampled."))
            .collect(Collectors.toList());
    }

    private static double popularityHitRate(final String json)
    {
        final int at = json.indexOf("\"method\": \"popularity\"");
        final int hr = json.indexOf("\"hr@10\": ", at);
        return Double.parseDouble(json.substring(hr + 9, json.indexOf(',', hr)));
    }
}
