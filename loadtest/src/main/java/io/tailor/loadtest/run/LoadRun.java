package io.tailor.loadtest.run;

import io.tailor.loadtest.driver.ClientStallMeter;
import io.tailor.loadtest.driver.HttpLoadDriver;
import io.tailor.loadtest.driver.LoadRecorders;
import io.tailor.loadtest.driver.RequestSourceFactory;
import io.tailor.loadtest.http.ApiKeyOption;
import io.tailor.loadtest.http.ServerLatencyProbe;
import io.tailor.loadtest.report.PercentilePlot;
import io.tailor.loadtest.report.RunReport;
import io.tailor.loadtest.report.RunResult;
import io.tailor.loadtest.scenario.Scenarios;
import org.HdrHistogram.Histogram;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One measured run, on the calling thread:
 * <pre>
 *   connect ─► start (open: schedule; closed: saturate) ─► every second: interval histograms, a progress line
 *     ─► end of warm-up: discard what was recorded, reset the server's histograms
 *     ─► end: stop issuing, wait for answers, last interval, read the server's histograms ─► report
 * </pre>
 */
public final class LoadRun
{
    /** Name and version written into results. */
    public static final String TOOL = "tailor-loadtest 0.1.0";

    private static final long SECOND_NS = 1_000_000_000L;
    private static final double CLIENT_LAG_WARNING_US = 200;
    /** The generator's own p99 stall worth a warning at all: below 1 ms it is timer slack, not a pause. */
    private static final double CLIENT_STALL_WARNING_US = 1_000;

    private final RunSettings settings;
    private final ServerLatencyProbe server;
    private final PrintStream progress;

    /**
     * A run.
     *
     * @param settings what to run.
     * @param server   the server's latency endpoint, or null to skip it.
     * @param progress where progress lines go.
     */
    public LoadRun(final RunSettings settings, final ServerLatencyProbe server, final PrintStream progress)
    {
        this.settings = settings;
        this.server = server;
        this.progress = progress;
    }

    /**
     * Runs and reports.
     *
     * @param heading          one line saying what is run.
     * @param recordedSettings settings to record in the result.
     * @param warnings         warnings found before the run (more are added).
     * @return the report.
     * @throws IOException          when the server cannot be reached.
     * @throws InterruptedException when interrupted.
     */
    public RunReport execute(final String heading, final Map<String, Object> recordedSettings,
        final List<String> warnings) throws IOException, InterruptedException
    {
        final RequestSourceFactory sources = Scenarios.factory(settings.scenario());
        final List<String> types = sources.types();
        final LoadRecorders recorders = new LoadRecorders(types);
        final int typeCount = types.size();
        final Histogram[] latency = new Histogram[typeCount];
        final Histogram[] service = new Histogram[typeCount];
        Histogram[] recycledLatency = new Histogram[typeCount];
        Histogram[] recycledService = new Histogram[typeCount];
        for (int t = 0; t < typeCount; t++)
        {
            latency[t] = LoadRecorders.newHistogram();
            service[t] = LoadRecorders.newHistogram();
        }
        final Histogram clientLag = LoadRecorders.newHistogram();
        Histogram recycledLag = null;
        final Histogram intervalAll = LoadRecorders.newHistogram();
        final List<String> allWarnings = new ArrayList<>(warnings);
        final String startedAt = Instant.now().toString();
        final Map<String, String> environment = new LinkedHashMap<>();
        environment.put("jdk", System.getProperty("java.vendor") + " " + System.getProperty("java.runtime.version"));
        environment.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " +
            System.getProperty("os.arch"));
        environment.put("cpus", Integer.toString(Runtime.getRuntime().availableProcessors()));

        final Histogram hiccups = LoadRecorders.newHistogram();
        final Histogram gcPauses = LoadRecorders.newHistogram();
        Histogram recycledHiccups = null;
        Histogram recycledGcPauses = null;
        try (ClientStallMeter stalls = new ClientStallMeter();
            HttpLoadDriver driver = new HttpLoadDriver(settings.url(), settings.threads(), settings.connections(),
                sources, recorders, settings.timeout(), settings.spin(), ApiKeyOption.headerLines(settings.apiKey())))
        {
            environment.put("transport", driver.transport());
            final int open = driver.connect(Duration.ofSeconds(5));
            if (open == 0)
            {
                throw new IOException("cannot connect to " + settings.url() + " (" + driver.connectFailures() +
                    " attempts failed); is Tailor running there?");
            }
            if (open < settings.connections())
            {
                allWarnings.add("only " + open + " of " + settings.connections() + " connections opened at the start");
            }
            final long startNs = System.nanoTime() + 20_000_000L;
            final long warmupEndNs = startNs + settings.warmup().toNanos();
            final long endNs = warmupEndNs + settings.duration().toNanos();
            if (settings.openModel())
            {
                driver.startOpen(startNs, settings.rate(), endNs);
            }
            else
            {
                driver.startClosed(startNs, endNs);
            }
            if (settings.warmup().isZero())
            {
                resetServer(allWarnings);
            }

            long[][] statusesAtWarmupEnd = settings.warmup().isZero() ? new long[typeCount][] : null;
            if (statusesAtWarmupEnd != null)
            {
                for (int t = 0; t < typeCount; t++)
                {
                    statusesAtWarmupEnd[t] = recorders.statusCounts(t);
                }
            }
            // The stalls of connecting and starting are not the run's: counted from here, and from the warm-up's
            // end when there is one.
            recycledHiccups = stalls.intervalHiccups(null);
            recycledGcPauses = stalls.intervalGcPauses(null);
            long tickNs = startNs;
            long lastTickNs = startNs;
            while (tickNs < endNs)
            {
                long nextTick = tickNs + SECOND_NS;
                if (tickNs < warmupEndNs && nextTick > warmupEndNs)
                {
                    nextTick = warmupEndNs;
                }
                nextTick = Math.min(nextTick, endNs);
                sleepUntil(nextTick);
                final boolean warmingUp = nextTick <= warmupEndNs && !settings.warmup().isZero();
                intervalAll.reset();
                long answers = 0;
                for (int t = 0; t < typeCount; t++)
                {
                    recycledLatency[t] = recorders.intervalCorrected(t, recycledLatency[t]);
                    recycledService[t] = recorders.intervalService(t, recycledService[t]);
                    intervalAll.add(recycledLatency[t]);
                    answers += recycledLatency[t].getTotalCount();
                    if (!warmingUp)
                    {
                        latency[t].add(recycledLatency[t]);
                        service[t].add(recycledService[t]);
                    }
                }
                recycledLag = recorders.intervalClientLag(recycledLag);
                recycledHiccups = stalls.intervalHiccups(recycledHiccups);
                recycledGcPauses = stalls.intervalGcPauses(recycledGcPauses);
                if (!warmingUp)
                {
                    clientLag.add(recycledLag);
                    hiccups.add(recycledHiccups);
                    gcPauses.add(recycledGcPauses);
                }
                if (nextTick == warmupEndNs && statusesAtWarmupEnd == null)
                {
                    statusesAtWarmupEnd = new long[typeCount][];
                    for (int t = 0; t < typeCount; t++)
                    {
                        statusesAtWarmupEnd[t] = recorders.statusCounts(t);
                    }
                    resetServer(allWarnings);
                }
                if (settings.progress())
                {
                    printProgress(nextTick - startNs, nextTick - lastTickNs, warmingUp, intervalAll, answers,
                        errorsSoFar(recorders, typeCount), driver);
                }
                lastTickNs = nextTick;
                tickNs = nextTick;
            }

            final boolean idle = driver.awaitIdle(settings.timeout().plusSeconds(1));
            final long unanswered = idle ? 0 : driver.inFlight();
            final long unsent = driver.backlog();
            for (int t = 0; t < typeCount; t++)
            {
                latency[t].add(recorders.intervalCorrected(t, recycledLatency[t]));
                service[t].add(recorders.intervalService(t, recycledService[t]));
            }
            clientLag.add(recorders.intervalClientLag(recycledLag));

            final List<RunReport.Measured> measured = new ArrayList<>();
            for (int t = 0; t < typeCount; t++)
            {
                final long[] now = recorders.statusCounts(t);
                final long[] delta = new long[now.length];
                for (int s = 0; s < now.length; s++)
                {
                    delta[s] = now[s] - statusesAtWarmupEnd[t][s];
                }
                measured.add(new RunReport.Measured(types.get(t), latency[t], service[t], delta,
                    sources.itemsPerRequest(t)));
            }
            final RunResult.ServerSide serverSide = readServer();
            addWarnings(allWarnings, clientLag, unsent, unanswered);
            final RunResult.ClientStalls clientStalls = RunResult.ClientStalls.of(hiccups, gcPauses);
            final String stallWarning = stallWarning(clientStalls, measured);
            if (stallWarning != null)
            {
                allWarnings.add(stallWarning);
            }
            recordedSettings.put("transport", driver.transport());
            return new RunReport(TOOL, startedAt, heading, recordedSettings, environment,
                settings.duration().toNanos() / 1e9, measured, clientLag, clientStalls, unsent, unanswered,
                driver.connectFailures(), serverSide, settings.slos(), allWarnings);
        }
    }

    private void resetServer(final List<String> warnings)
    {
        if (server == null)
        {
            return;
        }
        final String failure = server.reset();
        if (failure != null && !failure.contains("404"))
        {
            warnings.add("could not reset the server's latency histograms: " + failure);
        }
    }

    private RunResult.ServerSide readServer()
    {
        if (server == null)
        {
            return new RunResult.ServerSide(false, "not asked (--no-server-latency)", List.of());
        }
        final ServerLatencyProbe.Reading reading = server.read();
        return new RunResult.ServerSide(reading.available(), reading.note(), reading.routes());
    }

    /**
     * A warning when the generator itself stalled as long as a request type's latency at the same percentile (half
     * of it or more, the 99th): that percentile may then be the client's pause, not the server's.
     *
     * @param stalls   the generator's stalls in the measured period.
     * @param measured the request types' latencies.
     * @return the warning, or {@code null}.
     */
    static String stallWarning(final RunResult.ClientStalls stalls, final List<RunReport.Measured> measured)
    {
        final double stallUs = stalls.hiccups().p99Us();
        if (stalls.hiccups().count() == 0 || stallUs < CLIENT_STALL_WARNING_US)
        {
            return null;
        }
        for (final RunReport.Measured type : measured)
        {
            final double p99Us = type.latency().getTotalCount() == 0 ? 0 :
                type.latency().getValueAtPercentile(99) / 1000.0;
            if (p99Us > 0 && stallUs >= p99Us / 2)
            {
                return String.format(Locale.ROOT, "the generator itself stalled %s or more 1 %% of the time " +
                        "(its own GC pauses: %d, the longest %.0f ms), against a %s p99 of %s: that tail may be " +
                        "the client's (give the generator a core of its own, or another machine)",
                    PercentilePlot.latencyLabel(stallUs), stalls.gcPauses(), stalls.gcPauseMaxMs(), type.name(),
                    PercentilePlot.latencyLabel(p99Us));
            }
        }
        return null;
    }

    private void addWarnings(final List<String> warnings, final Histogram clientLag, final long unsent,
        final long unanswered)
    {
        if (clientLag.getTotalCount() > 0 && clientLag.getValueAtPercentile(99) / 1000.0 > CLIENT_LAG_WARNING_US)
        {
            warnings.add(String.format(Locale.ROOT, "the generator sent 1%% of requests more than %.0f µs late " +
                    "(client send lag p99 %s): its thread did not get a CPU in time (is the machine busy?) or the " +
                    "client is the bottleneck (try another --threads or a lower --rate)", CLIENT_LAG_WARNING_US,
                PercentilePlot.latencyLabel(clientLag.getValueAtPercentile(99) / 1000.0)));
        }
        if (settings.openModel() && settings.spin().isZero() && clientLag.getTotalCount() > 0 &&
            clientLag.getValueAtPercentile(50) > 20_000)
        {
            warnings.add(String.format(Locale.ROOT, "half the requests were sent %s or more late: the kernel's " +
                "timer slack on the client's sleeps; --spin 100us sends them on time at the cost of CPU",
                PercentilePlot.latencyLabel(clientLag.getValueAtPercentile(50) / 1000.0)));
        }
        if (unsent > 0)
        {
            warnings.add(unsent + " requests due in the run were never sent (no free connection): the server did " +
                "not keep up with --rate " + settings.rate() + ", or more --connections are needed");
        }
        if (unanswered > 0)
        {
            warnings.add(unanswered + " requests had no answer when the run was closed");
        }
    }

    private static long errorsSoFar(final LoadRecorders recorders, final int typeCount)
    {
        long errors = 0;
        for (int t = 0; t < typeCount; t++)
        {
            final long[] counts = recorders.statusCounts(t);
            for (int s = 0; s < counts.length; s++)
            {
                if (s < 200 || s >= 300)
                {
                    errors += counts[s];
                }
            }
        }
        return errors;
    }

    private void printProgress(final long elapsedNs, final long intervalNs, final boolean warmingUp,
        final Histogram interval, final long answers, final long errors, final HttpLoadDriver driver)
    {
        final double seconds = intervalNs / 1e9;
        final long backlog = settings.openModel() ? driver.backlog() : 0;
        progress.printf(Locale.ROOT, "%6.1fs %-8s %9.0f req/s  p50 %8s  p99 %8s  max %8s  errors %d  backlog %d%n",
            elapsedNs / 1e9, warmingUp ? "warm-up" : "measure", seconds > 0 ? answers / seconds : 0,
            PercentilePlot.latencyLabel(percentileUs(interval, 50)),
            PercentilePlot.latencyLabel(percentileUs(interval, 99)),
            PercentilePlot.latencyLabel(interval.getTotalCount() == 0 ? 0 : interval.getMaxValue() / 1000.0), errors,
            backlog);
    }

    private static double percentileUs(final Histogram histogram, final double percentile)
    {
        return histogram.getTotalCount() == 0 ? 0 : histogram.getValueAtPercentile(percentile) / 1000.0;
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        while (true)
        {
            final long remaining = deadlineNs - System.nanoTime();
            if (remaining <= 0)
            {
                return;
            }
            Thread.sleep(remaining / 1_000_000L, (int)(remaining % 1_000_000L));
        }
    }
}
