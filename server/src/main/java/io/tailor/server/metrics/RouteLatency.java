package io.tailor.server.metrics;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Server-side latency per route in HdrHistograms, from request received to response written, for
 * benchmarks: recording is wait-free from any event loop and allocates nothing; a snapshot folds the
 * interval histograms into a running total since the last {@link #reset()}.
 */
public final class RouteLatency
{
    private static final long HIGHEST_NS = 60_000_000_000L;

    /** Quantiles exposed to Prometheus, per route. */
    public static final double[] QUANTILES = {0.5, 0.9, 0.99, 0.999};

    private static final long SCRAPE_CACHE_NS = 1_000_000_000L;

    /**
     * A route's latency over its last interval of at least a second: what the console plots.
     *
     * @param count   requests answered in the interval.
     * @param seconds length of the interval.
     * @param p50Us   median in microseconds (0 without requests).
     * @param p99Us   99th percentile in microseconds.
     * @param p999Us  99.9th percentile in microseconds.
     */
    public record Recent(long count, double seconds, double p50Us, double p99Us, double p999Us)
    {
    }

    /** One route's recorders: a total since the last reset, and quantiles between scrapes. */
    public static final class Route
    {
        private final Recorder recorder = new Recorder(1, HIGHEST_NS, 3);
        private final Histogram total = new Histogram(1, HIGHEST_NS, 3);
        private Histogram interval;
        private final Recorder scrapeRecorder = new Recorder(1, HIGHEST_NS, 3);
        private Histogram scrapeInterval;
        private final double[] quantileSeconds = new double[QUANTILES.length];
        private long quantilesAtNs = System.nanoTime() - SCRAPE_CACHE_NS;
        // A third recorder for the console, so its one-second reads leave Prometheus' scrape intervals whole.
        private final Recorder recentRecorder = new Recorder(1, HIGHEST_NS, 3);
        private Histogram recentInterval;
        private long recentStartNs = System.nanoTime();
        private Recent recent = new Recent(0, 0, 0, 0, 0);

        /**
         * Records one request.
         *
         * @param nanos latency in nanoseconds.
         */
        public void record(final long nanos)
        {
            final long value = Math.min(Math.max(1L, nanos), HIGHEST_NS);
            recorder.recordValue(value);
            scrapeRecorder.recordValue(value);
            recentRecorder.recordValue(value);
        }

        /**
         * The latencies of the last interval of at least a second: readers within a second of each other share
         * one interval, so any number of consoles see the same numbers.
         *
         * @return the interval's count and quantiles.
         */
        public synchronized Recent recent()
        {
            final long now = System.nanoTime();
            if (now - recentStartNs >= SCRAPE_CACHE_NS)
            {
                recentInterval = recentRecorder.getIntervalHistogram(recentInterval);
                final long count = recentInterval.getTotalCount();
                recent = new Recent(count, (now - recentStartNs) / 1e9,
                    count == 0 ? 0 : recentInterval.getValueAtPercentile(50) / 1000.0,
                    count == 0 ? 0 : recentInterval.getValueAtPercentile(99) / 1000.0,
                    count == 0 ? 0 : recentInterval.getValueAtPercentile(99.9) / 1000.0);
                recentStartNs = now;
            }
            return recent;
        }

        /**
         * A quantile of the latencies recorded between the previous scrape and this one (NaN when none);
         * all quantiles of one scrape come from the same interval.
         *
         * @param index index into {@link #QUANTILES}.
         * @return the quantile in seconds.
         */
        public synchronized double quantileSeconds(final int index)
        {
            final long now = System.nanoTime();
            if (now - quantilesAtNs >= SCRAPE_CACHE_NS)
            {
                scrapeInterval = scrapeRecorder.getIntervalHistogram(scrapeInterval);
                for (int q = 0; q < QUANTILES.length; q++)
                {
                    quantileSeconds[q] = scrapeInterval.getTotalCount() == 0 ? Double.NaN :
                        scrapeInterval.getValueAtPercentile(QUANTILES[q] * 100.0) / 1e9;
                }
                quantilesAtNs = now;
            }
            return quantileSeconds[index];
        }

        private synchronized Histogram snapshot()
        {
            interval = recorder.getIntervalHistogram(interval);
            total.add(interval);
            return total.copy();
        }

        private synchronized void reset()
        {
            interval = recorder.getIntervalHistogram(interval);
            total.reset();
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
     * Starts every route's total afresh, e.g. after a benchmark's warm-up.
     */
    public void reset()
    {
        routes.values().forEach(Route::reset);
    }
}
