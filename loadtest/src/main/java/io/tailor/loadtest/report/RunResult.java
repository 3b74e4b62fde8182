package io.tailor.loadtest.report;

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
 * @param unsent          requests due in the run that never got a connection (open model overload).
 * @param unanswered      requests still without an answer when the run was closed.
 * @param connectFailures failed connection attempts.
 * @param serverSide      the server's own latency, when it exposes it.
 * @param slos            objectives and their verdicts.
 * @param slosMet         whether every objective was met.
 * @param warnings        what a reader should know before trusting the numbers.
 */
public record RunResult(String tool, String startedAt, Map<String, Object> settings, Map<String, String> environment,
    double measuredSeconds, List<TypeResult> types, LatencySummary clientLag, long unsent, long unanswered,
    long connectFailures, ServerSide serverSide, List<SloResult> slos, boolean slosMet, List<String> warnings)
{
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
