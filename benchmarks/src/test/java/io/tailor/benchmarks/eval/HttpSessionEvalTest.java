package io.tailor.benchmarks.eval;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.GridSettings;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.TailorServer;
import io.tailor.server.config.InputLimits;
import io.tailor.server.config.ServerSettings;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code ./tailor eval --endpoint}: the session evaluation through a real node's HTTP API gives the in-process
 * evaluation's numbers on the same data.
 * <p>
 * Both sides run the server's default settings with collaborative factors off (the node relearns them about once
 * a minute; {@code model.factorsFrom} lets a loader wait for that, which would make this test a minute long). The
 * product ids of the data are {@code i0, i1, ...} in order of first appearance, the in-process catalog's, so that
 * ties fall the same way. One difference remains by design: the node learns from the cases' views (a live node
 * cannot tell an evaluation from traffic) once its next model is built, a few seconds on; the training here
 * repeats each pattern so often that a few cases cannot reorder a list.
 */
class HttpSessionEvalTest
{
    private static final Pattern ROW = Pattern.compile("\\| tailor(?: over HTTP)? \\((home|product)"
        + "(?:, node had learnt the cases)?\\) \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+) \\| ([0-9.]+) \\|");

    @TempDir
    Path dir;

    private TailorServer node;

    @BeforeEach
    void startNode()
    {
        final GridSettings grid = GridSettings.loopback(GridFixtures.freePort(), null)
            .withClusterName("eval-" + System.nanoTime())
            .withModel(ModelSettings.DEFAULT.withFactors(FactorSettings.OFF));
        node = TailorServer.start(new ServerSettings("127.0.0.1", 0, 2, Duration.ofSeconds(5), InputLimits.DEFAULT,
            RankingSettings.DEFAULT, grid), Clock.systemUTC());
    }

    @AfterEach
    void stopNode()
    {
        node.close();
    }

    @Test
    void shouldScoreTheSameThroughTheApiAsInProcess() throws Exception
    {
        final Path data = sessions(dir.resolve("tiny-sessions"));
        final String[] common = {"--dataset", data.toString(), "--k", "5", "--factors", "0,4"};

        final String inProcess = run(common, "--no-baselines", "--out", dir.resolve("in").toString());
        final String overHttp = run(common, "--endpoint", node.url(), "--placements", "home,product", "--out",
            dir.resolve("http").toString());

        final List<String> local = rows(inProcess);
        assertThat(local).hasSize(2);
        assertThat(local.get(1)).as("the product page hits some cases").doesNotStartWith("product 0.00 0.00");
        assertThat(rows(overHttp)).as(overHttp).isEqualTo(local);
        assertThat(overHttp).contains("| tailor over HTTP (product, node had learnt the cases) |")
            .contains("0 of ");
        assertThat(Files.list(dir.resolve("http"))).extracting(p -> p.getFileName().toString())
            .contains("eval-tiny-sessions-http.md", "eval-tiny-sessions-http.json");
    }

    @Test
    void shouldScoreTheSameThroughTheApiAsInProcessWhenEveryPageAsksForAList() throws Exception
    {
        final Path data = sessions(dir.resolve("tiny-sessions"));
        final String[] common = {"--dataset", data.toString(), "--k", "5", "--factors", "0,4", "--every-page"};

        final String inProcess = run(common, "--no-baselines", "--out", dir.resolve("in").toString());
        final String overHttp = run(common, "--endpoint", node.url(), "--placements", "home,product", "--out",
            dir.resolve("http").toString());

        assertThat(rows(overHttp)).as(overHttp).isEqualTo(rows(inProcess));
    }

    /**
     * Twenty products in four groups of five; shoppers walk within a group, going back to a product they viewed
     * one time in four; ids in order of first appearance.
     */
    private static Path sessions(final Path folder) throws Exception
    {
        Files.createDirectories(folder);
        final Random random = new Random(7);
        final List<List<Integer>> train = new ArrayList<>();
        for (int g = 0; g < 4; g++)
        {
            train.add(List.of(5 * g, 5 * g + 1, 5 * g + 2, 5 * g + 3, 5 * g + 4));
        }
        for (int s = 0; s < 400; s++)
        {
            train.add(walk(random, 3 + random.nextInt(4)));
        }
        final List<List<Integer>> test = new ArrayList<>();
        for (int s = 0; s < 12; s++)
        {
            test.add(walk(random, 2 + random.nextInt(4)));
        }
        final StringBuilder trainText = new StringBuilder();
        for (final List<Integer> session : train)
        {
            trainText.append(ids(session)).append('\n');
        }
        final StringBuilder testText = new StringBuilder();
        for (final List<Integer> session : test)
        {
            for (int next = 1; next < session.size(); next++)
            {
                testText.append(ids(session.subList(0, next))).append('\t').append("i").append(session.get(next))
                    .append('\n');
            }
        }
        Files.writeString(folder.resolve(SessionsReader.TRAIN_FILE), trainText);
        Files.writeString(folder.resolve(SessionsReader.TEST_FILE), testText);
        return folder;
    }

    private static List<Integer> walk(final Random random, final int length)
    {
        final int group = random.nextInt(4);
        final List<Integer> session = new ArrayList<>();
        int at = random.nextInt(5);
        for (int c = 0; c < length; c++)
        {
            session.add(5 * group + at);
            at = random.nextInt(4) == 0 && c > 0 ? session.get(random.nextInt(c)) - 5 * group : (at + 1) % 5;
        }
        return session;
    }

    private static String ids(final List<Integer> items)
    {
        final StringBuilder text = new StringBuilder();
        for (final int item : items)
        {
            text.append(text.length() == 0 ? "" : " ").append('i').append(item);
        }
        return text.toString();
    }

    private static String run(final String[] common, final String... more)
    {
        final String[] args = new String[common.length + more.length];
        System.arraycopy(common, 0, args, 0, common.length);
        System.arraycopy(more, 0, args, common.length, more.length);
        final ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final int code = EvalCommand.run(args, new PrintStream(stdout, true, StandardCharsets.UTF_8),
            new PrintStream(stderr, true, StandardCharsets.UTF_8));
        assertThat(code).as(stderr.toString(StandardCharsets.UTF_8)).isZero();
        return stdout.toString(StandardCharsets.UTF_8);
    }

    /** Placement and the four metrics of each Tailor row, in table order. */
    private static List<String> rows(final String markdown)
    {
        final List<String> rows = new ArrayList<>();
        final Matcher row = ROW.matcher(markdown);
        while (row.find())
        {
            rows.add(row.group(1) + " " + row.group(2) + " " + row.group(3) + " " + row.group(4) + " " +
                row.group(5));
        }
        return rows;
    }
}
