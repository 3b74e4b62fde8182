package io.tailor.loadtest.cli;

import io.tailor.loadtest.report.LatencySummary;
import io.tailor.loadtest.report.RunResult;
import io.tailor.loadtest.report.TypeResult;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class ComparisonTest
{
    private static RunResult result(final String target, final double throughput)
    {
        final LatencySummary latency = new LatencySummary(100, 150, 200, 900, 1000, 1100, 1200, 180);
        return new RunResult("tool", "now", Map.of("target", target), Map.of(), 10,
            List.of(new TypeResult(target, 1000, throughput, throughput, latency, latency, Map.of("200", 1000L), 0)),
            latency, RunResult.ClientStalls.NONE, 0, 0, 0, null, List.of(), true, List.of());
    }

    @Test
    void shouldShowEachTargetsThroughputAsAShareOfTheFirst()
    {
        final String text = Comparison.text(List.of(result("ping", 40_000), result("recommendations", 22_000)));

        assertThat(text).containsPattern("ping\\s+40000\\.0 .* 100\\.0%")
            .containsPattern("recommendations\\s+22000\\.0 .* 55\\.0%");
    }
}
