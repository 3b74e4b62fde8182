package io.tailor.loadtest.run;

import io.tailor.loadtest.driver.LoadRecorders;
import io.tailor.loadtest.report.RunReport;
import io.tailor.loadtest.report.RunResult;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class LoadRunStallWarningTest
{
    /** A type whose latencies are 200 µs, and 3 ms for its slowest 2 %. */
    private static List<RunReport.Measured> recommendations()
    {
        final Histogram latency = LoadRecorders.newHistogram();
        latency.recordValueWithCount(200_000, 980);
        latency.recordValueWithCount(3_000_000, 20);
        return List.of(new RunReport.Measured("recommendations", latency, latency,
            new long[LoadRecorders.STATUS_SLOTS], 1));
    }

    /** The generator's own stalls: 20 µs mostly, {@code tailNs} for its slowest 2 %; one GC pause of 4 ms. */
    private static RunResult.ClientStalls stalls(final long tailNs)
    {
        final Histogram hiccups = LoadRecorders.newHistogram();
        hiccups.recordValueWithCount(20_000, 980);
        hiccups.recordValueWithCount(tailNs, 20);
        final Histogram gc = LoadRecorders.newHistogram();
        gc.recordValue(4_000_000);
        return RunResult.ClientStalls.of(hiccups, gc);
    }

    @Test
    void shouldWarnWhenTheGeneratorStalledAsLongAsAReportedTail()
    {
        assertThat(LoadRun.stallWarning(stalls(2_000_000), recommendations()))
            .contains("the generator itself stalled 2ms or more 1 % of the time")
            .contains("its own GC pauses: 1, the longest 4 ms")
            .contains("recommendations p99 of 3ms");
    }

    @Test
    void shouldStayQuietWhenTheGeneratorsStallsAreFarBelowTheTail()
    {
        assertThat(LoadRun.stallWarning(stalls(1_200_000), recommendations())).as("1.2 ms against 3 ms").isNull();
        assertThat(LoadRun.stallWarning(stalls(500_000), recommendations())).as("timer slack").isNull();
        assertThat(LoadRun.stallWarning(RunResult.ClientStalls.NONE, recommendations())).isNull();
    }
}
