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

    /** One route's recorder and its total since the last reset. */
    public static final class Route
    {
        private final Recorder recorder = new Recorder(1, HIGHEST_NS, 3);
        private final Histogram total = new Histogram(1, HIGHEST_NS, 3);
        private Histogram interval;

        /**
         * Records one request.
         *
         * @param nanos latency in nanoseconds.
         */
        public void record(final long nanos)
        {
            recorder.recordValue(Math.min(Math.max(1L, nanos), HIGHEST_NS));
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
