package io.tailor.server.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side latency per route in HdrHistograms, from request received to response written, for
 * benchmarks: recording is wait-free from any event loop and allocates nothing; a snapshot folds the
 * interval histograms into a running total since the last {@link #reset()}.
 *
 * <p>Each route has one recorder, and each reader a histogram of its own that every swap of the recorder adds
 * to, so no reader steals another's requests: the total (benchmarks, {@code /metrics/latency}), the Prometheus
 * scrape interval, and the one-second samples. Only {@link #sample} closes the last: once a second
 * ({@link LatencySampler}) it closes every route's interval into that route's ring of the last
 * {@link #HISTORY_SAMPLES} samples; {@code /v1/stats} shows the newest of them and {@code /v1/stats/history} the
 * ring. A recorder per reader cost the event loops three sets of shared counters per request, 350-590 ns a request
 * with both event loops recording into one route against 150-230 ns now (RouteRecordBenchmark, benchmarks/RESULTS.md,
 * sixteenth slice).
 */
public final class RouteLatency
{
    private static final long HIGHEST_NS = 60_000_000_000L;

    /** Quantiles exposed to Prometheus, per route. */
    public static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    /** One-second samples kept per route: five minutes. */
    public static final int HISTORY_SAMPLES = 300;

    private static final long SCRAPE_CACHE_NS = 1_000_000_000L;
    private static final long MIN_SAMPLE_NS = 1_000_000_000L;

    /**
     * A route's latency over one sampled interval of at least a second: what the console plots.
     *
     * @param atMs    server time the interval ended; -1 for the empty interval before the first sample.
     * @param count   requests answered in the interval.
     * @param seconds length of the interval.
     * @param p50Us   median in microseconds (0 without requests).
     * @param p99Us   99th percentile in microseconds.
     * @param p999Us  99.9th percentile in microseconds.
     */
    public record Recent(long atMs, long count, double seconds, double p50Us, double p99Us, double p999Us)
    {
        /** What a route shows before its first sample. */
        static final Recent NONE = new Recent(-1, 0, 0, 0, 0, 0);
    }

    /**
     * One route's latencies: one recorder the event loops write into, and what each reader has not read yet: a total
     * since the last reset, the requests since the last scrape, those since the last one-second sample.
     */
    public static final class Route
    {
        private final Recorder recorder = new Recorder(1, HIGHEST_NS, 3);
        /** The recorder's last interval, handed back to it at the next swap. */
        private Histogram interval;
        /** Guards the histograms below and the swap that fills them. */
        private final Object histograms = new Object();
        /**
         * Everything since the last scrape: every swap adds its interval here, the one add per second. The total
         * is {@link #totalBefore} plus this, less {@link #reset}'s {@link #excluded}, so the once-a-second sample
         * does not also add into the total.
         */
        private final Histogram sinceScrape = new Histogram(1, HIGHEST_NS, 3);
        /** The total up to the last scrape. */
        private final Histogram totalBefore = new Histogram(1, HIGHEST_NS, 3);
        /** What {@link #sinceScrape} held at the last reset: in no total. */
        private final Histogram excluded = new Histogram(1, HIGHEST_NS, 3);
        /** Intervals that scrapes and snapshots swapped out since the last sample, which the sample must count. */
        private final Histogram sinceSample = new Histogram(1, HIGHEST_NS, 3);
        private final double[] quantileSeconds = new double[QUANTILES.length];
        private long quantilesAtNs = System.nanoTime() - SCRAPE_CACHE_NS;
        private long sampleStartNs = System.nanoTime();
        private final LatencyRing history = new LatencyRing(HISTORY_SAMPLES);

        /**
         * Records one request: one recorder, so one set of shared counters for the event loops to contend on (three
         * recorders, one per reader, were three).
         *
         * @param nanos latency in nanoseconds.
         */
        public void record(final long nanos)
        {
            recorder.recordValue(Math.min(Math.max(1L, nanos), HIGHEST_NS));
        }

        /**
         * The newest sample: the route's last interval of at least a second, the same for every reader until
         * the next sample.
         *
         * @return the interval's count and quantiles, or {@link Recent#NONE} before the first sample.
         */
        public synchronized Recent recent()
        {
            return history.size() == 0 ? Recent.NONE : history.get(history.size() - 1);
        }

        /**
         * The samples whose interval ended after a time, oldest first.
         *
         * @param afterMs server time; samples ending at or before it are left out.
         * @return the samples, at most {@link #HISTORY_SAMPLES}.
         */
        public synchronized List<Recent> history(final long afterMs)
        {
            final List<Recent> samples = new ArrayList<>(history.size());
            for (int i = 0; i < history.size(); i++)
            {
                final Recent sample = history.get(i);
                if (sample.atMs() > afterMs)
                {
                    samples.add(sample);
                }
            }
            return samples;
        }

        /**
         * Closes the current interval into the ring and starts the next, unless it is shorter than a second;
         * allocates nothing (the recorder's spare histogram is recycled, the ring overwrites its oldest slot).
         *
         * @param atMs  server time now, the sample's time.
         * @param nowNs {@link System#nanoTime()} now, for the interval's length.
         */
        void sample(final long atMs, final long nowNs)
        {
            // The swap and the quantile walks (tens of microseconds) hold only the histograms' lock: readers of the
            // ring on the event loops (/v1/stats, /v1/stats/history) wait for the six-long write alone.
            synchronized (histograms)
            {
                if (nowNs - sampleStartNs < MIN_SAMPLE_NS)
                {
                    // a route registered within the last second: its first interval waits for the next round
                    return;
                }
                drain();
                // Usually no scrape swapped in between and the interval is the whole second.
                Histogram second = interval;
                if (sinceSample.getTotalCount() > 0)
                {
                    sinceSample.add(interval);
                    second = sinceSample;
                }
                final long count = second.getTotalCount();
                final long p50 = count == 0 ? 0 : second.getValueAtPercentile(50);
                final long p99 = count == 0 ? 0 : second.getValueAtPercentile(99);
                final long p999 = count == 0 ? 0 : second.getValueAtPercentile(99.9);
                if (second == sinceSample)
                {
                    sinceSample.reset();
                }
                synchronized (this)
                {
                    history.add(atMs, nowNs - sampleStartNs, count, p50, p99, p999);
                }
                sampleStartNs = nowNs;
            }
        }

        /**
         * A quantile of the latencies recorded between the previous scrape and this one (NaN when none);
         * all quantiles of one scrape come from the same interval.
         *
         * @param index index into {@link #QUANTILES}.
         * @return the quantile in seconds.
         */
        public double quantileSeconds(final int index)
        {
            synchronized (histograms)
            {
                final long now = System.nanoTime();
                if (now - quantilesAtNs >= SCRAPE_CACHE_NS)
                {
                    drainForSample();
                    for (int q = 0; q < QUANTILES.length; q++)
                    {
                        quantileSeconds[q] = sinceScrape.getTotalCount() == 0 ? Double.NaN :
                            sinceScrape.getValueAtPercentile(QUANTILES[q] * 100.0) / 1e9;
                    }
                    totalBefore.add(sinceScrape);
                    totalBefore.subtract(excluded);
                    excluded.reset();
                    sinceScrape.reset();
                    quantilesAtNs = now;
                }
                return quantileSeconds[index];
            }
        }

        private Histogram snapshot()
        {
            synchronized (histograms)
            {
                drainForSample();
                final Histogram total = totalBefore.copy();
                total.add(sinceScrape);
                total.subtract(excluded);
                return total;
            }
        }

        private void reset()
        {
            synchronized (histograms)
            {
                drainForSample();
                totalBefore.reset();
                excluded.reset();
                excluded.add(sinceScrape);
            }
        }

        /** Swaps the recorder's interval out and adds it to {@link #sinceScrape}; holds the histograms' lock. */
        private void drain()
        {
            interval = recorder.getIntervalHistogram(interval);
            if (interval.getTotalCount() > 0)
            {
                sinceScrape.add(interval);
            }
        }

        /** {@link #drain()} for a reader other than the sampler: the sample still has to count the interval. */
        private void drainForSample()
        {
            drain();
            if (interval.getTotalCount() > 0)
            {
                sinceSample.add(interval);
            }
        }
    }

    private final Map<String, Route> routes = new ConcurrentHashMap<>();

    /**
     * The recorder of a route, created on first use; keep it and record into it.
     *
     * @param name route name such as {@code GET /v1/recommendations}.
     * @return its recorder.
     */
    public Route route(final String name)
    {
        return routes.computeIfAbsent(name, k -> new Route());
    }

    /**
     * Histograms of every route since the last reset, by route name.
     *
     * @return copies, safe to read.
     */
    public Map<String, Histogram> snapshot()
    {
        final Map<String, Histogram> snapshot = new TreeMap<>();
        routes.forEach((name, route) -> snapshot.put(name, route.snapshot()));
        return snapshot;
    }

    /**
     * Every route's latency over its last interval of at least a second, by route name.
     *
     * @return the intervals.
     */
    public Map<String, Recent> recent()
    {
        final Map<String, Recent> recent = new TreeMap<>();
        routes.forEach((name, route) -> recent.put(name, route.recent()));
        return recent;
    }

    /**
     * A route's samples whose interval ended after a time, oldest first.
     *
     * @param name    route name such as {@code GET /v1/recommendations}.
     * @param afterMs server time; samples ending at or before it are left out.
     * @return the samples, or empty when no route has that name (none is created).
     */
    public Optional<List<Recent>> history(final String name, final long afterMs)
    {
        final Route route = routes.get(name);
        return route == null ? Optional.empty() : Optional.of(route.history(afterMs));
    }

    /**
     * Closes every route's one-second interval into its ring: the one place that swaps those intervals.
     *
     * @param atMs  server time now.
     * @param nowNs {@link System#nanoTime()} now.
     */
    public void sample(final long atMs, final long nowNs)
    {
        routes.values().forEach(route -> route.sample(atMs, nowNs));
    }

    /**
     * Starts every route's total afresh, e.g. after a benchmark's warm-up.
     */
    public void reset()
    {
        routes.values().forEach(Route::reset);
    }
}
