package io.tailor.loadtest.report;

import org.HdrHistogram.Histogram;

import java.util.List;
import java.util.Map;

/**
 * Everything a run measured, as written to {@code result.json}. Latencies are microseconds.
 *
 * @param tool            name and version of the tool.
 * @param startedAt       wall-clock start (ISO-8601).
 * @param settings        the run's settings (URL, model, rate, connections, scenario ...).
 * @param environment     JDK, OS, CPUs, client transport.
 * @param measuredSeconds length of the measured period (after the warm-up).
 * @param types           per request type, then {@code all}.
 * @param clientLag       how late the generator itself sent requests (open model).
 * @param clientStalls    the generator's own stalls while it measured.
 * @param unsent          requests due in the run that never got a connection (open model overload).
 * @param unanswered      requests still without an answer when the run was closed.
 * @param connectFailures failed connection attempts.
 * @param serverSide      the server's own latency, when it exposes it.
 * @param slos            objectives and their verdicts.
 * @param slosMet         whether every objective was met.
 * @param warnings        what a reader should know before trusting the numbers.
 */
public record RunResult(String tool, String startedAt, Map<String, Object> settings, Map<String, String> environment,
    double measuredSeconds, List<TypeResult> types, LatencySummary clientLag, ClientStalls clientStalls,
    long unsent, long unanswered,
    long connectFailures, ServerSide serverSide, List<SloResult> slos, boolean slosMet, List<String> warnings)
{
    /**
     * The load generator's own stalls in the measured period ({@code ClientStallMeter}): a client-side latency
     * percentile as long as these may be the client's, not the server's.
     *
     * @param hiccups         how much later than asked a thread sleeping 1 ms at a time woke, corrected for
     *                        coordinated omission (microseconds): GC pauses, safepoints, no CPU.
     * @param gcPauses        this JVM's stop-the-world GC pauses.
     * @param gcPauseMaxMs    the longest, whole milliseconds (as collectors report them).
     * @param gcPauseTotalMs  all of them, whole milliseconds.
     */
    public record ClientStalls(LatencySummary hiccups, long gcPauses, double gcPauseMaxMs, double gcPauseTotalMs)
    {
        /** Nothing measured. */
        public static final ClientStalls NONE = new ClientStalls(LatencySummary.of(new Histogram(3)), 0, 0, 0);

        /**
         * The stalls of histograms of nanoseconds.
         *
         * @param hiccups  the hiccup meter's histogram.
         * @param gcPauses one value per GC pause.
         * @return the summary.
         */
        public static ClientStalls of(final Histogram hiccups, final Histogram gcPauses)
        {
            final long count = gcPauses.getTotalCount();
            // Whole milliseconds, as the collectors report them (the histogram's max is its bucket's top).
            return new ClientStalls(LatencySummary.of(hiccups), count,
                count == 0 ? 0 : Math.round(gcPauses.getMaxValue() / 1e6),
                count == 0 ? 0 : Math.round(gcPauses.getMean() * count / 1e6));
        }
    }

    /**
     * The server's view.
     *
     * @param available whether {@code /metrics/latency} answered.
     * @param note      why not, when not.
     * @param routes    per route.
     */
    public record ServerSide(boolean available, String note, List<ServerRoute> routes)
    {
    }
}
