package io.tailor.loadtest.cli;

import io.tailor.loadtest.report.PercentilePlot;
import io.tailor.loadtest.report.RunResult;
import io.tailor.loadtest.report.TypeResult;

import java.util.List;
import java.util.Locale;

/**
 * Several targets run one after the other with the same client and settings, side by side: each one's
 * throughput as a share of the first's (e.g. recommendations against the ping ceiling).
 */
final class Comparison
{
    private Comparison()
    {
    }

    /**
     * The comparison table.
     *
     * @param results one per target, the first is the reference.
     * @return lines for a terminal and for {@code comparison.txt}.
     */
    static String text(final List<RunResult> results)
    {
        final StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "%n%-16s %12s %9s %9s %9s %12s%n", "target", "req/s", "p50", "p99",
            "max", "of first"));
        final double reference = total(results.get(0)).throughputPerSec();
        for (final RunResult result : results)
        {
            final TypeResult total = total(result);
            text.append(String.format(Locale.ROOT, "%-16s %12.1f %9s %9s %9s %11.1f%%%n",
                result.settings().get("target"), total.throughputPerSec(),
                PercentilePlot.latencyLabel(total.latency().p50Us()),
                PercentilePlot.latencyLabel(total.latency().p99Us()),
                PercentilePlot.latencyLabel(total.latency().maxUs()),
                reference > 0 ? 100.0 * total.throughputPerSec() / reference : 0));
        }
        return text.toString();
    }

    /** The run's {@code all} row, or its only type. */
    private static TypeResult total(final RunResult result)
    {
        final List<TypeResult> types = result.types();
        return types.get(types.size() - 1);
    }
}
