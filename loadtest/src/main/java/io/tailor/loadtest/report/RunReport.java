package io.tailor.loadtest.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import org.HdrHistogram.Histogram;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns a run's histograms and counts into its result and files:
 * <pre>
 *   &lt;type&gt;.hgrm              percentile spectrum, coordinated omission corrected (µs)
 *   &lt;type&gt;.uncorrected.hgrm  the same from the actual send time (service time)
 *   summary.txt              what is printed at the end
 *   result.json              {@link RunResult}
 *   percentiles.html         the spectra as inline SVG, self-contained
 *   percentiles.png          the same picture (java.awt, headless)
 * </pre>
 */
public final class RunReport
{
    /** Scale of histogram values (nanoseconds) to the unit of the files (microseconds). */
    public static final double NANOS_PER_MICRO = 1000.0;

    /**
     * One request type's measurement.
     *
     * @param name            type name.
     * @param latency         latency from the intended send time, nanoseconds.
     * @param service         latency from the actual send time, nanoseconds.
     * @param statuses        counts by status slot (0 I/O error, 1 timeout, 100..599 HTTP).
     * @param itemsPerRequest events or products per request.
     */
    public record Measured(String name, Histogram latency, Histogram service, long[] statuses, int itemsPerRequest)
    {
    }

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final RunResult result;
    private final List<Measured> measured;
    private final Histogram all;
    private final String heading;

    /**
     * Builds the result.
     *
     * @param tool            tool name and version.
     * @param startedAt       wall-clock start.
     * @param heading         one line saying what was run.
     * @param settings        settings to record.
     * @param environment     JDK, OS, transport.
     * @param measuredSeconds measured period.
     * @param measured        per type.
     * @param clientLag       the generator's lag histogram, nanoseconds.
     * @param clientStalls    the generator's own stalls while it measured.
     * @param unsent          due requests never sent.
     * @param unanswered      requests without an answer at the end.
     * @param connectFailures failed connection attempts.
     * @param serverSide      the server's view.
     * @param slos            objectives to check.
     * @param warnings        warnings so far.
     */
    public RunReport(final String tool, final String startedAt, final String heading,
        final Map<String, Object> settings, final Map<String, String> environment, final double measuredSeconds,
        final List<Measured> measured,
        final Histogram clientLag, final RunResult.ClientStalls clientStalls, final long unsent,
        final long unanswered, final long connectFailures,
        final RunResult.ServerSide serverSide, final List<Slo> slos, final List<String> warnings)
    {
        this.measured = List.copyOf(measured);
        this.heading = heading;
        this.all = new Histogram(measured.isEmpty() ? 3 :
            measured.get(0).latency().getNumberOfSignificantValueDigits());
        final List<TypeResult> types = new ArrayList<>();
        final long[] allStatuses = new long[measured.isEmpty() ? 600 : measured.get(0).statuses().length];
        double allItemsPerSec = 0;
        for (final Measured m : measured)
        {
            all.add(m.latency());
            final TypeResult type = typeResult(m.name(), m.latency(), m.service(), m.statuses(), m.itemsPerRequest(),
                measuredSeconds);
            allItemsPerSec += type.itemsPerSec();
            types.add(type);
            for (int s = 0; s < allStatuses.length; s++)
            {
                allStatuses[s] += m.statuses()[s];
            }
        }
        final Histogram allService = new Histogram(all.getNumberOfSignificantValueDigits());
        for (final Measured m : measured)
        {
            allService.add(m.service());
        }
        if (measured.size() > 1)
        {
            final TypeResult total = typeResult("all", all, allService, allStatuses, 1, measuredSeconds);
            types.add(new TypeResult(total.name(), total.requests(), total.throughputPerSec(), allItemsPerSec,
                total.latency(), total.serviceTime(), total.statuses(), total.errors()));
        }

        final List<SloResult> verdicts = new ArrayList<>();
        for (final Slo slo : slos)
        {
            boolean matched = false;
            for (final Measured m : measured)
            {
                if (!slo.appliesTo(m.name()))
                {
                    continue;
                }
                final long requests = requests(m.statuses());
                if (slo.type() == null && requests == 0)
                {
                    // An objective for every type skips the types this run did not send.
                    continue;
                }
                matched = true;
                verdicts.add(slo.evaluate(m.name(), m.latency(), requests, errors(m.statuses())));
            }
            if (!matched)
            {
                verdicts.add(new SloResult(slo.text(), slo.type() == null ? "all" : slo.type(), Double.NaN, Double.NaN,
                    false));
            }
        }
        final boolean met = verdicts.stream().allMatch(SloResult::met);
        this.result = new RunResult(tool, startedAt, settings, environment, round(measuredSeconds), types,
            LatencySummary.of(clientLag), clientStalls, unsent, unanswered, connectFailures, serverSide, verdicts, met,
            List.copyOf(warnings));
    }

    private static TypeResult typeResult(final String name, final Histogram latency, final Histogram service,
        final long[] statuses, final int itemsPerRequest, final double seconds)
    {
        final long requests = requests(statuses);
        final Map<String, Long> byStatus = new LinkedHashMap<>();
        for (int s = 0; s < statuses.length; s++)
        {
            if (statuses[s] > 0)
            {
                byStatus.put(statusName(s), statuses[s]);
            }
        }
        final double throughput = seconds > 0 ? requests / seconds : 0;
        return new TypeResult(name, requests, round(throughput), round(throughput * itemsPerRequest),
            LatencySummary.of(latency), LatencySummary.of(service), byStatus, errors(statuses));
    }

    /**
     * The name of a status slot.
     *
     * @param slot 0, 1 or an HTTP status.
     * @return {@code io-error}, {@code timeout} or the number.
     */
    public static String statusName(final int slot)
    {
        return slot == 0 ? "io-error" : slot == 1 ? "timeout" : Integer.toString(slot);
    }

    private static long requests(final long[] statuses)
    {
        long total = 0;
        for (final long count : statuses)
        {
            total += count;
        }
        return total;
    }

    private static long errors(final long[] statuses)
    {
        long total = 0;
        for (int s = 0; s < statuses.length; s++)
        {
            if (s < 200 || s >= 300)
            {
                total += statuses[s];
            }
        }
        return total;
    }

    private static double round(final double value)
    {
        return Math.round(value * 100.0) / 100.0;
    }

    /**
     * The result.
     *
     * @return what result.json holds.
     */
    public RunResult result()
    {
        return result;
    }

    /**
     * The text summary.
     *
     * @return lines for a terminal.
     */
    public String summary()
    {
        final StringBuilder text = new StringBuilder(4096);
        text.append(heading).append('\n');
        text.append(String.format(Locale.ROOT, "%-16s %10s %10s %9s %9s %9s %9s %9s %9s %8s%n", "type", "requests",
            "req/s", "p50", "p90", "p99", "p99.9", "p99.99", "max", "errors"));
        for (final TypeResult type : result.types())
        {
            final LatencySummary l = type.latency();
            text.append(String.format(Locale.ROOT, "%-16s %10d %10.1f %9s %9s %9s %9s %9s %9s %8d%n", type.name(),
                type.requests(), type.throughputPerSec(), us(l.p50Us()), us(l.p90Us()), us(l.p99Us()),
                us(l.p999Us()), us(l.p9999Us()), us(l.maxUs()), type.errors()));
        }
        text.append("closed".equals(result.settings().get("model")) ?
            "closed model: latency counts from the actual send (saturation; not coordinated omission corrected)\n" :
            "latency counts from each request's intended send time (coordinated omission corrected)\n");
        text.append("service time (from the actual send) p50 / p99:");
        for (final TypeResult type : result.types())
        {
            text.append(' ').append(type.name()).append(' ').append(us(type.serviceTime().p50Us())).append(" / ")
                .append(us(type.serviceTime().p99Us())).append(';');
        }
        text.append('\n');
        for (final TypeResult type : result.types())
        {
            if (type.itemsPerSec() > type.throughputPerSec() * 1.001 + 0.1)
            {
                text.append(String.format(Locale.ROOT, "%s: %.1f items/s%n", type.name(), type.itemsPerSec()));
            }
        }
        text.append("statuses:");
        for (final TypeResult type : result.types())
        {
            if ("all".equals(type.name()))
            {
                continue;
            }
            text.append(' ').append(type.name()).append(' ').append(type.statuses()).append(';');
        }
        text.append('\n');
        final LatencySummary lag = result.clientLag();
        if (lag.count() > 0)
        {
            text.append("client send lag p50 / p99 / max: ").append(us(lag.p50Us())).append(" / ")
                .append(us(lag.p99Us())).append(" / ").append(us(lag.maxUs()))
                .append("  (how late the generator itself sent; compare with the latencies above)\n");
        }
        final RunResult.ClientStalls stalls = result.clientStalls();
        if (stalls != null && stalls.hiccups().count() > 0)
        {
            text.append("client stalls p99 / p99.9 / max: ").append(us(stalls.hiccups().p99Us())).append(" / ")
                .append(us(stalls.hiccups().p999Us())).append(" / ").append(us(stalls.hiccups().maxUs()))
                .append(String.format(Locale.ROOT, "; its GC pauses: %d, longest %.0f ms, %.0f ms in all",
                    stalls.gcPauses(), stalls.gcPauseMaxMs(), stalls.gcPauseTotalMs()))
                .append("  (the generator's own; a latency this long may be the client's)\n");
        }
        if (result.unsent() > 0 || result.unanswered() > 0 || result.connectFailures() > 0)
        {
            text.append("unsent (due, no free connection by the end): ").append(result.unsent())
                .append("; unanswered at the end: ").append(result.unanswered())
                .append("; failed connection attempts: ").append(result.connectFailures()).append('\n');
        }
        final RunResult.ServerSide server = result.serverSide();
        if (server == null || !server.available())
        {
            text.append("server-side latency: not available").append(server != null && server.note() != null ?
                " (" + server.note() + ")" : "").append('\n');
        }
        else
        {
            text.append("server-side latency (the server's own histograms, since the end of the warm-up):\n");
            text.append(String.format(Locale.ROOT, "  %-28s %10s %9s %9s %9s %9s %9s%n", "route", "count", "p50", "p90",
                "p99", "p99.9", "max"));
            for (final ServerRoute route : server.routes())
            {
                text.append(String.format(Locale.ROOT, "  %-28s %10d %9s %9s %9s %9s %9s%n", route.route(),
                    route.count(),
                    us(route.p50Us()), us(route.p90Us()), us(route.p99Us()), us(route.p999Us()), us(route.maxUs())));
            }
        }
        for (final SloResult slo : result.slos())
        {
            text.append("SLO ").append(slo.slo()).append(" on ").append(slo.type()).append(": ");
            if (Double.isNaN(slo.actual()))
            {
                text.append("no such request type measured: MISSED\n");
                continue;
            }
            final boolean errorSlo = slo.slo().contains("errors=");
            final String actual = errorSlo ? percent(slo.actual()) : us(slo.actual());
            final String limit = errorSlo ? percent(slo.limit()) : us(slo.limit());
            text.append(actual).append(slo.met() ? " <= " : " > ").append(limit).append(slo.met() ? " met" : " MISSED")
                .append('\n');
        }
        for (final String warning : result.warnings())
        {
            text.append("WARNING: ").append(warning).append('\n');
        }
        return text.toString();
    }

    /**
     * Writes every file into a directory.
     *
     * @param directory target, created if missing.
     * @return the files written.
     * @throws IOException when one cannot be written (the PNG is best effort and reported as a warning).
     */
    public List<Path> write(final Path directory) throws IOException
    {
        Files.createDirectories(directory);
        final List<Path> files = new ArrayList<>();
        for (final Measured m : measured)
        {
            files.add(writeHgrm(directory.resolve(m.name() + ".hgrm"), m.latency()));
            files.add(writeHgrm(directory.resolve(m.name() + ".uncorrected.hgrm"), m.service()));
        }
        final PercentilePlot plot = plot();
        final Path html = directory.resolve("percentiles.html");
        Files.writeString(html, plot.html(heading, summary().lines().toList()), StandardCharsets.UTF_8);
        files.add(html);
        final Path png = directory.resolve("percentiles.png");
        try
        {
            plot.writePng(png);
            files.add(png);
        }
        catch (final IOException | RuntimeException | LinkageError ex)
        {
            System.err.println("loadtest: no PNG plot (" + ex + "); percentiles.html has the same picture");
        }
        final Path summaryFile = directory.resolve("summary.txt");
        Files.writeString(summaryFile, summary(), StandardCharsets.UTF_8);
        files.add(summaryFile);
        final Path json = directory.resolve("result.json");
        JSON.writeValue(json.toFile(), result);
        files.add(json);
        return files;
    }

    /**
     * The percentile plot of every type, with the latency objectives as lines.
     *
     * @return the plot.
     */
    public PercentilePlot plot()
    {
        final PercentilePlot plot = new PercentilePlot("closed".equals(result.settings().get("model")) ?
            "Latency by percentile (closed model, from the actual send)" :
            "Latency by percentile (coordinated omission corrected)");
        for (final Measured m : measured)
        {
            plot.add(m.name(), m.latency());
        }
        final Set<String> drawn = new HashSet<>();
        for (final SloResult slo : result.slos())
        {
            if (!slo.slo().contains("errors=") && !Double.isNaN(slo.limit()) && drawn.add(slo.slo()))
            {
                plot.limit("SLO " + slo.slo(), slo.limit());
            }
        }
        return plot;
    }

    private static Path writeHgrm(final Path file, final Histogram histogram) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8))
        {
            if (histogram.getTotalCount() > 0)
            {
                histogram.outputPercentileDistribution(out, 5, NANOS_PER_MICRO);
            }
            else
            {
                out.println("#[No values recorded]");
            }
        }
        Files.write(file, bytes.toByteArray());
        return file;
    }

    private static String us(final double micros)
    {
        return PercentilePlot.latencyLabel(micros);
    }

    private static String percent(final double share)
    {
        return String.format(Locale.ROOT, "%.3f%%", share * 100);
    }
}
