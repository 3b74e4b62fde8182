package io.tailor.loadtest.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.loadtest.driver.LoadRecorders;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

class RunReportTest
{
    private static RunReport report(final List<Slo> slos, final RunResult.ServerSide server)
    {
        final Histogram recommendations = LoadRecorders.newHistogram();
        final Histogram recommendationsService = LoadRecorders.newHistogram();
        for (int i = 1; i <= 1000; i++)
        {
            recommendations.recordValue(i * 1_000L);
            recommendationsService.recordValue(i * 500L);
        }
        final Histogram view = LoadRecorders.newHistogram();
        view.recordValue(300_000);
        final long[] recommendationStatuses = new long[LoadRecorders.STATUS_SLOTS];
        recommendationStatuses[200] = 998;
        recommendationStatuses[400] = 2;
        recommendationStatuses[LoadRecorders.STATUS_TIMEOUT] = 1;
        final long[] viewStatuses = new long[LoadRecorders.STATUS_SLOTS];
        viewStatuses[200] = 1;
        final Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("rate", 100.0);
        return new RunReport("tool", "2026-11-25T10:00:00Z", "storefront, open model", settings,
            Map.of("jdk", "17"), 10.0,
            List.of(new RunReport.Measured("recommendations", recommendations, recommendationsService,
                recommendationStatuses, 1), new RunReport.Measured("view", view, view, viewStatuses, 1)),
            LoadRecorders.newHistogram(), stalls(), 0, 0, 0, server, slos, List.of());
    }

    /** The generator stalled 1 ms per 1,000 sleeps and 12 ms once; two GC pauses of its own, 3 and 9 ms. */
    private static RunResult.ClientStalls stalls()
    {
        final Histogram hiccups = LoadRecorders.newHistogram();
        hiccups.recordValueWithCount(50_000, 9_989);
        hiccups.recordValueWithCount(1_000_000, 10);
        hiccups.recordValue(12_000_000);
        final Histogram gcPauses = LoadRecorders.newHistogram();
        gcPauses.recordValue(3_000_000);
        gcPauses.recordValue(9_000_000);
        return RunResult.ClientStalls.of(hiccups, gcPauses);
    }

    @Test
    void shouldSummariseThroughputPercentilesAndErrorsByStatus()
    {
        final RunResult result = report(List.of(), null).result();

        final TypeResult recommendations = result.types().get(0);
        assertThat(recommendations.name()).isEqualTo("recommendations");
        assertThat(recommendations.requests()).isEqualTo(1001);
        assertThat(recommendations.throughputPerSec()).isEqualTo(100.1);
        assertThat(recommendations.latency().p50Us()).isBetween(499.0, 501.0);
        assertThat(recommendations.latency().p99Us()).isBetween(989.0, 991.0);
        assertThat(recommendations.latency().maxUs()).isBetween(999.0, 1001.0);
        assertThat(recommendations.serviceTime().p50Us()).isBetween(249.0, 251.0);
        assertThat(recommendations.statuses()).containsEntry("200", 998L).containsEntry("400", 2L)
            .containsEntry("timeout", 1L);
        assertThat(recommendations.errors()).isEqualTo(3);
        assertThat(result.types().get(2).name()).isEqualTo("all");
        assertThat(result.types().get(2).requests()).isEqualTo(1002);
    }

    @Test
    void shouldReportObjectivesMetAndMissedPerType()
    {
        final RunResult result = report(List.of(Slo.parse("p99=1ms"), Slo.parse("recommendations:p50=100us"),
            Slo.parse("errors=1%")), null).result();

        assertThat(result.slos()).extracting(SloResult::type, SloResult::met).containsExactly(
            tuple("recommendations", true),
            tuple("view", true),
            tuple("recommendations", false),
            tuple("recommendations", true),
            tuple("view", true));
        assertThat(result.slosMet()).isFalse();
    }

    @Test
    void shouldMissAnObjectiveForATypeTheRunDidNotMeasure()
    {
        final RunResult result = report(List.of(Slo.parse("purchase:p99=1ms")), null).result();

        assertThat(result.slosMet()).isFalse();
        assertThat(result.slos()).singleElement().extracting(SloResult::met).isEqualTo(false);
    }

    @Test
    void shouldWriteHgrmSummaryJsonAndASelfContainedPlot(@TempDir final Path directory) throws IOException
    {
        final RunReport report = report(List.of(Slo.parse("p99=1ms")), new RunResult.ServerSide(true, null,
            List.of(new ServerRoute("GET /v1/recommendations", 1000, 80, 120, 400, 900, 1500))));

        final List<Path> files = report.write(directory);

        assertThat(files).extracting(f -> f.getFileName().toString()).contains("recommendations.hgrm",
            "recommendations.uncorrected.hgrm", "view.hgrm", "summary.txt", "result.json", "percentiles.html");
        final String hgrm = Files.readString(directory.resolve("recommendations.hgrm"));
        assertThat(hgrm).contains("Value     Percentile TotalCount 1/(1-Percentile)").contains("#[Max     =");
        // Microseconds: the largest value is 1,000 µs, not 1,000,000 (ns).
        assertThat(hgrm).contains("#[Max     =     1000.447");
        final JsonNode json = new ObjectMapper().readTree(directory.resolve("result.json").toFile());
        assertThat(json.path("types").get(0).path("latency").path("p99Us").asDouble()).isBetween(989.0, 991.0);
        assertThat(json.path("serverSide").path("routes").get(0).path("p99Us").asDouble()).isEqualTo(400.0);
        assertThat(json.path("slosMet").asBoolean()).isTrue();
        final String html = Files.readString(directory.resolve("percentiles.html"), StandardCharsets.UTF_8);
        assertThat(html).contains("<svg").contains("<polyline").contains("recommendations").contains("SLO p99=1ms")
            .doesNotContain("<script").doesNotContain("src=").doesNotContain("href=");
        assertThat(Files.readString(directory.resolve("summary.txt"))).contains("GET /v1/recommendations")
            .contains("p99=1ms");
        if (files.contains(directory.resolve("percentiles.png")))
        {
            final byte[] png = Files.readAllBytes(directory.resolve("percentiles.png"));
            assertThat(png).startsWith((byte)0x89, (byte)'P', (byte)'N', (byte)'G');
        }
    }

    @Test
    void shouldReportTheGeneratorsOwnStallsBesideTheLatencies()
    {
        final RunReport report = report(List.of(), null);

        final RunResult.ClientStalls stalls = report.result().clientStalls();
        assertThat(stalls.gcPauses()).isEqualTo(2);
        assertThat(stalls.gcPauseMaxMs()).isBetween(8.99, 9.01);
        assertThat(stalls.gcPauseTotalMs()).isBetween(11.99, 12.01);
        assertThat(stalls.hiccups().p999Us()).isBetween(999.0, 1001.0);
        assertThat(report.summary()).contains("client stalls p99 / p99.9 / max: 50µs / 1ms / 12ms; " +
            "its GC pauses: 2, longest 9 ms, 12 ms in all");
    }

    @Test
    void shouldSayWhenServerSideLatencyIsNotAvailable()
    {
        final String summary = report(List.of(), new RunResult.ServerSide(false, "the server has no " +
            "/metrics/latency (404)", List.of())).summary();

        assertThat(summary).contains("server-side latency: not available");
    }
}
