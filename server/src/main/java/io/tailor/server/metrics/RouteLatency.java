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
     * Starts every route's total afresh, e.g. after a benchmark's warm-up.
     */
    public void reset()
    {
        routes.values().forEach(Route::reset);
    }
}
