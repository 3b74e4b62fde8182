package io.tailor.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.promotion.Promotions;
import io.tailor.scoring.rank.Placement;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.BooleanSupplier;

/**
 * Every metric of a node, in one Micrometer registry exposed in Prometheus format at {@code /metrics}.
 * <pre>
 *   tailor_http_requests_seconds{route,method,status}   histogram (SLO buckets 0.25 ms .. 50 ms)
 *   tailor_http_latency_seconds{route,method,quantile}  HdrHistogram quantiles between two scrapes
 *   tailor_events_total{outcome}                         accepted | duplicate | rejected
 *   tailor_recommendations_degraded_total                fallbacks sent because the deadline passed
 *   tailor_lists_served_total{placement,strategy,arm}    lists served, see {@link Attribution}
 *   tailor_catalog_coverage_ratio{placement}             share of in-stock products shown in the last day, all
 *                                                        nodes (an estimate), see {@link CatalogCoverage}
 *   tailor_attributed_total, _revenue_total{...,type}    clicks, carts and purchases credited to a served list
 *   tailor_promotion_impressions{promotion,kind}         a promotion's delivered, scheduled and target impressions,
 *                                                        cluster-wide as this node knows them
 *   tailor_webhook_deliveries_total{webhook,outcome}    delivered | retried | failed (dead letter) | dropped (no
 *                                                        consent, webhook deleted), attempts this node settled
 *   tailor_webhook_lag_seconds{webhook}                  the last delivery's time from transition to 2xx
 *   tailor_overload_refused_total{bound}                 503s: grid | body-bytes | parse-queue at its bound
 *   tailor_item_signals_backlog_bytes, _dropped_total    the item-signal ring's backlog, signals lost to it full,
 *   tailor_item_signals_received_total                   and signals drained from it (what the item model learns from)
 *   tailor_model_age_seconds                             age of this node's local model (ingestion lag)
 *   tailor_model_rebuild_seconds, _cpu_seconds           the last model rebuild: wall time, CPU time (paced on)
 *   tailor_catalog_patch_seconds                         the last catalog patch (launches, stock changes): wall time
 *   tailor_model_rebuilds_total                          full rebuilds of this node's item model
 *   tailor_model_exposure_patches_total                  merged impressions and clicks set into the live model
 *                                                        without a rebuild
 *   tailor_grid_members, tailor_grid_partitions_owned, tailor_grid_migrations_completed_total
 *   tailor_grid_map_entries{map}                         entries this member owns
 *   tailor_ready                                         1 when ready
 *   tailor_persistence_lag_seconds, tailor_persistence_errors_total, tailor_background_errors_total{where}
 *   jvm_*, process_*                                     Micrometer's JVM and process binders
 * </pre>
 */
public final class Metrics implements AutoCloseable
{
    private static final Duration[] SLO = {
        Duration.ofNanos(250_000), Duration.ofNanos(500_000), Duration.ofMillis(1), Duration.ofMillis(2),
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(50)};

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final RouteLatency latency = new RouteLatency();
    /** Listens to the JVM's collectors, which hold it (and so this registry) until it is closed. */
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    /** Held here: the ready gauge holds it weakly, as gauges hold their objects. */
    private final BooleanSupplier ready;
    private final Counter eventsAccepted;
    private final Counter eventsDuplicate;
    private final Counter eventsRejected;
    private final Counter degraded;
    private final ConcurrentHashMap<String, RouteTimers> routeTimers = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, java.util.concurrent.atomic.AtomicLong> webhookLags =
        new ConcurrentHashMap<>();
    private final Counter impressionsRecorded;
    private final Counter impressionsSkipped;
    private final Counter impressionsFailed;
    private final Counter impressionsShed;
    private final Counter refusedGrid;
    private final Counter refusedBodyBytes;
    private final Counter refusedParses;
    private final Attribution attribution;
    private final MultiGauge promotionImpressions;

    /**
     * Metrics of a node.
     *
     * @param grid  the node's grid member or client.
     * @param clock server time.
     */
    public Metrics(final TailorGrid grid, final Clock clock)
    {
        this(grid, clock, grid::ready);
    }

    /**
     * Metrics of a node whose readiness is more than its grid's.
     *
     * @param grid  the node's grid member or client.
     * @param clock server time.
     * @param ready whether the node is ready to serve, as {@code /health/ready} says.
     */
    public Metrics(final TailorGrid grid, final Clock clock, final BooleanSupplier ready)
    {
        this.ready = ready;
        new JvmMemoryMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);

        eventsAccepted = Counter.builder("tailor.events").tag("outcome", "accepted")
            .description("Events applied to profiles").register(registry);
        eventsDuplicate = Counter.builder("tailor.events").tag("outcome", "duplicate")
            .description("Events whose id was seen before").register(registry);
        eventsRejected = Counter.builder("tailor.events").tag("outcome", "rejected")
            .description("Events refused as invalid").register(registry);
        degraded = Counter.builder("tailor.recommendations.degraded")
            .description("Fallback answers sent because the deadline passed or the grid failed").register(registry);
        refusedGrid = refusedCounter("grid");
        refusedBodyBytes = refusedCounter("body-bytes");
        refusedParses = refusedCounter("parse-queue");
        attribution = new Attribution(registry);
        promotionImpressions = MultiGauge.builder("tailor.promotion.impressions")
            .description("A promotion's impressions: delivered through the promoted slot (cluster-wide as this node " +
                "last read them plus its own since), scheduled by now (target times the elapsed share of the " +
                "period), and its target")
            .register(registry);

        impressionsRecorded = Counter.builder("tailor.impressions").tag("outcome", "recorded")
            .description("Served lists queued to be counted as shown, for the frequency cap").register(registry);
        impressionsSkipped = Counter.builder("tailor.impressions").tag("outcome", "skipped")
            .description("Served lists not counted: the shopper has no history or objected to personalization")
            .register(registry);
        impressionsFailed = Counter.builder("tailor.impressions").tag("outcome", "failed")
            .description("Served lists that could not be counted (grid unavailable)").register(registry);
        impressionsShed = Counter.builder("tailor.impressions").tag("outcome", "shed")
            .description("Served lists not counted because the impression ring was full")
            .register(registry);

        Gauge.builder("tailor.item.signals.backlog", grid, g -> g.signals().backlogBytes()).baseUnit("bytes")
            .description("Item signals waiting to be merged into the grid").register(registry);
        FunctionCounter.builder("tailor.item.signals.dropped", grid, g -> g.signals().dropped())
            .description("Item signals dropped because the ring was full").register(registry);
        FunctionCounter.builder("tailor.item.signals.received", grid, g -> g.signals().received())
            .description("Item signals drained from the ring into this node's deltas").register(registry);
        Gauge.builder("tailor.model.age", grid, g -> Math.max(0, clock.millis() - g.models().current().builtAtMs()) /
            1000.0).baseUnit("seconds").description("Age of this node's local item model").register(registry);
        Gauge.builder("tailor.model.rebuild", grid, g -> g.modelRefresher().lastRebuildNanos() / 1e9)
            .baseUnit("seconds").description("Wall time of this node's last item model rebuild").register(registry);
        Gauge.builder("tailor.model.rebuild.cpu", grid, g -> g.modelRefresher().lastRebuildCpuNanos() / 1e9)
            .baseUnit("seconds").description("CPU time of this node's last item model rebuild; the next waits 9x it")
            .register(registry);
        Gauge.builder("tailor.catalog.patch", grid, g -> g.modelRefresher().lastPatchNanos() / 1e9)
            .baseUnit("seconds").description("Wall time of this node's last catalog patch (a few products launched " +
                "or changed, applied without a full rebuild)").register(registry);
        FunctionCounter.builder("tailor.model.rebuilds", grid, g -> g.modelRefresher().rebuilds())
            .description("Full rebuilds of this node's item model").register(registry);
        FunctionCounter.builder("tailor.model.exposure.patches", grid, g -> g.modelRefresher().exposurePatches())
            .description("Stats changes that were only impressions and clicks, set into the live item model " +
                "without a rebuild").register(registry);
        Gauge.builder("tailor.model.factors.cpu", grid, g -> g.modelRefresher().lastFactorCpuNanos() / 1e9)
            .baseUnit("seconds").description("CPU time of this node's last learning of the collaborative item " +
                "factors; the next waits 19x it, and at least a minute").register(registry);
        Gauge.builder("tailor.model.factors.products", grid, g -> g.models().current().factors().rowCount())
            .description("Products with a collaborative vector in this node's item model").register(registry);
        FunctionCounter.builder("tailor.eventloop.allocated", this, m -> eventLoopAllocatedBytes()).baseUnit("bytes")
            .description("Bytes allocated by the HTTP event loop threads since start (the JVM's per-thread count): " +
                "its rate over a route's request rate is that route's allocation per request").register(registry);
        FunctionCounter.builder("tailor.impressions.sent", grid, g -> g.profiles().impressions().sent())
            .description("Served lists whose impressions reached their shopper's owner (batched per partition)")
            .register(registry);
        FunctionCounter.builder("tailor.impressions.send.failed", grid, g -> g.profiles().impressions().failed())
            .description("Served lists whose impression batch failed (grid unavailable); not retried")
            .register(registry);
        FunctionCounter.builder("tailor.profile.grid.reads", grid, g -> g.profiles().gridReads())
            .description("Profile reads that went to the grid because this node's owner replica could not answer " +
                "(the shopper is owned elsewhere, or its partition is not yet filled here)").register(registry);
        Gauge.builder("tailor.profile.replica.complete.partitions", grid, g -> g.replicaCompletePartitions())
            .description("Partitions owned here whose missing shoppers are known to have no profile")
            .register(registry);
        Gauge.builder("tailor.grid.members", grid, g -> g.stats().members())
            .description("Members of the grid").register(registry);
        Gauge.builder("tailor.grid.partitions.owned", grid, g -> g.stats().partitionsOwned())
            .description("Partitions whose primary this member holds").register(registry);
        FunctionCounter.builder("tailor.grid.migrations.completed", grid, g -> g.stats().migrationsCompleted())
            .description("Partition replica migrations completed").register(registry);
        for (final String map : new String[] {ProfileStore.MAP_NAME, CatalogStore.MAP_NAME,
            ModelRefresher.ITEM_STATS_MAP})
        {
            Gauge.builder("tailor.grid.map.entries", grid, g -> g.member() ?
                g.hazelcast().getMap(map).getLocalMapStats().getOwnedEntryCount() : 0)
                .tag("map", map).description("Entries of the map this member owns").register(registry);
        }
        Gauge.builder("tailor.ready", ready, r -> r.getAsBoolean() ? 1 : 0)
            .description("1 when ready to serve: data loaded and warmed up")
            .register(registry);
        Gauge.builder("tailor.persistence.lag", grid, g -> g.persistenceLagMs() / 1000.0).baseUnit("seconds")
            .description("How long newly owned data has waited to be written to this member's files")
            .register(registry);
        FunctionCounter.builder("tailor.persistence.errors", grid, g -> g.files() == null ? 0 : g.files().errors())
            .description("Failed writes to data files").register(registry);
        for (final String place : BackgroundErrors.PLACES)
        {
            registry.counter("tailor.background.errors", "where", place);
        }
        grid.errors().onRecord(where -> registry.counter("tailor.background.errors", "where", where).increment());
    }

    /**
     * Exposes a node's catalog coverage, one gauge per placement reading the cached share.
     *
     * @param coverage the node's coverage.
     */
    public void catalogCoverage(final CatalogCoverage coverage)
    {
        for (final Placement placement : Placement.values())
        {
            Gauge.builder("tailor.catalog.coverage.ratio", coverage, c -> c.ratio(placement))
                .tag("placement", placement.wireName())
                .description("Share of in-stock products shown at least once in the last 24 hours in this " +
                    "placement, over every node; an estimate (HyperLogLog, about 1.6 % relative error); products " +
                    "shown and since gone out of stock still count (capped at 1)")
                .register(registry);
        }
    }

    /**
     * Exposes the promotions in force, three series each ({@code kind} delivered, scheduled, target), read at each
     * scrape; called again whenever the promotions change, so a deleted promotion's series go.
     *
     * @param promotions the promotions in force.
     * @param clock      server time, for the schedule.
     */
    public void promotions(final Promotions promotions, final Clock clock)
    {
        final List<MultiGauge.Row<?>> rows = new ArrayList<>();
        for (final Promotion promotion : promotions.all())
        {
            rows.add(MultiGauge.Row.of(Tags.of("promotion", promotion.id(), "kind", "delivered"), promotion,
                p -> p.delivery().delivered()));
            rows.add(MultiGauge.Row.of(Tags.of("promotion", promotion.id(), "kind", "scheduled"), promotion,
                p -> Math.floor(p.scheduled(clock.millis()))));
            rows.add(MultiGauge.Row.of(Tags.of("promotion", promotion.id(), "kind", "target"), promotion,
                p -> p.target()));
        }
        promotionImpressions.register(rows, true);
    }

    /**
     * Timers of one route, one per status code, created on first use of each status.
     */
    public final class RouteTimers
    {
        private final String route;
        private final String method;
        private final AtomicReferenceArray<Timer> byStatus = new AtomicReferenceArray<>(600);
        private final RouteLatency.Route hdr;

        private RouteTimers(final String method, final String route)
        {
            this.route = route;
            this.method = method;
            this.hdr = latency.route(method + " " + route);
            for (int q = 0; q < RouteLatency.QUANTILES.length; q++)
            {
                final int index = q;
                Gauge.builder("tailor.http.latency", hdr, h -> h.quantileSeconds(index)).baseUnit("seconds")
                    .tag("route", route).tag("method", method)
                    .tag("quantile", Double.toString(RouteLatency.QUANTILES[q]))
                    .description("Latency quantiles of the requests between two scrapes (HdrHistogram)")
                    .register(registry);
            }
        }

        /**
         * Records one answered request.
         *
         * @param status HTTP status.
         * @param nanos  latency from request received to response written.
         */
        public void record(final int status, final long nanos)
        {
            final int index = status >= 100 && status < 600 ? status : 599;
            Timer timer = byStatus.get(index);
            if (timer == null)
            {
                timer = Timer.builder("tailor.http.requests")
                    .tag("route", route).tag("method", method).tag("status", Integer.toString(status))
                    .serviceLevelObjectives(SLO)
                    .description("HTTP requests, from received to response written")
                    .register(registry);
                byStatus.set(index, timer);
            }
            timer.record(nanos, java.util.concurrent.TimeUnit.NANOSECONDS);
            hdr.record(nanos);
        }

        /**
         * Requests answered since start with a status in {@code [from, to)}.
         *
         * @param from lowest status counted.
         * @param to   first status not counted.
         * @return the count.
         */
        public long answered(final int from, final int to)
        {
            long count = 0;
            for (int status = Math.max(100, from); status < Math.min(600, to); status++)
            {
                final Timer timer = byStatus.get(status);
                count += timer == null ? 0 : timer.count();
            }
            return count;
        }

        /**
         * This route's latency over its last interval of at least a second.
         *
         * @return the interval.
         */
        public RouteLatency.Recent recent()
        {
            return hdr.recent();
        }
    }

    /**
     * Timers for a route.
     *
     * @param method HTTP method.
     * @param route  route template, e.g. {@code /v1/recommendations}.
     * @return its timers.
     */
    public RouteTimers route(final String method, final String route)
    {
        // Every event loop registers the same routes: one set of timers and gauges per route, shared (Micrometer
        // timers and HdrHistogram recorders take concurrent writers).
        return routeTimers.computeIfAbsent(method + " " + route, name -> new RouteTimers(method, route));
    }

    /**
     * Every route's timers, by {@code METHOD /template}.
     *
     * @return the routes, sorted by name.
     */
    public java.util.SortedMap<String, RouteTimers> routes()
    {
        return new java.util.TreeMap<>(routeTimers);
    }

    /**
     * Events counted since start, by outcome.
     *
     * @return accepted, duplicate and rejected events.
     */
    public EventCounts eventCounts()
    {
        return new EventCounts((long)eventsAccepted.count(), (long)eventsDuplicate.count(),
            (long)eventsRejected.count());
    }

    /**
     * Events counted since start.
     *
     * @param accepted   applied to profiles.
     * @param duplicates seen before.
     * @param rejected   refused as invalid.
     */
    public record EventCounts(long accepted, long duplicates, long rejected)
    {
    }

    /**
     * Degraded recommendation answers since start.
     *
     * @return the count.
     */
    public long degradedAnswers()
    {
        return (long)degraded.count();
    }

    /**
     * Requests refused with 503 at a bound of the node since start, every bound together.
     *
     * @return the count.
     */
    public long overloadRefused()
    {
        return (long)(refusedGrid.count() + refusedBodyBytes.count() + refusedParses.count());
    }

    /**
     * Counts the outcome of an events request.
     *
     * @param accepted   events applied.
     * @param duplicates events seen before.
     * @param rejected   events refused.
     */
    public void events(final int accepted, final int duplicates, final int rejected)
    {
        eventsAccepted.increment(accepted);
        eventsDuplicate.increment(duplicates);
        eventsRejected.increment(rejected);
    }

    /**
     * Counts the outcome of recording a served list's impressions; runs on a grid thread.
     *
     * @param recorded whether they were recorded, or {@code null} on failure.
     * @param error    the failure, or {@code null}.
     */
    public void impressions(final Boolean recorded, final Throwable error)
    {
        if (error != null)
        {
            impressionsFailed.increment();
        }
        else if (Boolean.TRUE.equals(recorded))
        {
            impressionsRecorded.increment();
        }
        else
        {
            impressionsSkipped.increment();
        }
    }

    /**
     * Counts a served list whose impressions were not recorded because of overload.
     */
    public void impressionsShed()
    {
        impressionsShed.increment();
    }

    /**
     * Counts a degraded recommendation.
     */
    public void degraded()
    {
        degraded.increment();
    }

    /**
     * Counts a request refused with 503 because a bound of the node was reached.
     *
     * @param bound {@code grid}, {@code body-bytes} or {@code parse-queue}.
     */
    public void refused(final String bound)
    {
        switch (bound)
        {
            case "grid" -> refusedGrid.increment();
            case "body-bytes" -> refusedBodyBytes.increment();
            default -> refusedParses.increment();
        }
    }

    private Counter refusedCounter(final String bound)
    {
        return Counter.builder("tailor.overload.refused").tag("bound", bound)
            .description("Requests answered 503 because a bound of the node was reached").register(registry);
    }

    /**
     * Bytes allocated so far by the threads whose name marks them as Vert.x event loops; read at scrape time.
     *
     * @return the sum, or 0 where the JVM does not count allocation per thread.
     */
    static long eventLoopAllocatedBytes()
    {
        if (!(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads) ||
            !threads.isThreadAllocatedMemoryEnabled())
        {
            return 0;
        }
        long sum = 0;
        for (final ThreadInfo thread : threads.getThreadInfo(threads.getAllThreadIds()))
        {
            if (thread != null && thread.getThreadName().startsWith("vert.x-eventloop-thread-"))
            {
                sum += Math.max(0, threads.getThreadAllocatedBytes(thread.getThreadId()));
            }
        }
        return sum;
    }

    /**
     * Counts a settled webhook delivery attempt.
     *
     * @param webhook webhook id.
     * @param outcome delivered, retried, failed or dropped.
     */
    public void webhookDelivery(final String webhook, final String outcome)
    {
        registry.counter("tailor.webhook.deliveries", "webhook", webhook, "outcome", outcome).increment();
    }

    /**
     * Records a delivery's lag, from the transition to the receiver's acknowledgement.
     *
     * @param webhook webhook id.
     * @param seconds the lag.
     */
    public void webhookLag(final String webhook, final double seconds)
    {
        webhookLags.computeIfAbsent(webhook, id ->
        {
            final java.util.concurrent.atomic.AtomicLong bits = new java.util.concurrent.atomic.AtomicLong();
            Gauge.builder("tailor.webhook.lag", bits, b -> Double.longBitsToDouble(b.get())).baseUnit("seconds")
                .tag("webhook", id).description("The last delivery's time from transition to acknowledgement")
                .register(registry);
            return bits;
        }).set(Double.doubleToRawLongBits(seconds));
    }

    /**
     * Stops listening to the JVM's collectors. Without it every closed node's registry stayed reachable from them,
     * with whatever its meters' functions held: in a test JVM that starts many nodes, whole nodes.
     */
    @Override
    public void close()
    {
        gcMetrics.close();
        registry.close();
    }

    /**
     * The Prometheus text exposition of every metric.
     *
     * @return the text.
     */
    public String scrape()
    {
        return registry.scrape();
    }

    /**
     * Lists served and events credited to them.
     *
     * @return the attribution counters.
     */
    public Attribution attribution()
    {
        return attribution;
    }

    /**
     * Server-side latency histograms per route.
     *
     * @return the route latency store.
     */
    public RouteLatency latency()
    {
        return latency;
    }
}
