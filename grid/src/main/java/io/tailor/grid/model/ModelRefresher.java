package io.tailor.grid.model;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogMirror;
import io.tailor.grid.partition.PartitionIds;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.support.DirectCalls;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ModelSettings;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Keeps this node's item model current, on one background thread ({@code tailor-model}), while a second
 * ({@code tailor-signals}) drains the item-signal ring into the aggregator's deltas every {@link #SIGNAL_DRAIN_MS}:
 * <pre>
 *   every flush interval:   deltas drained -> merge into item-stats on the owners (paced)
 *   every refresh interval: impressions or clicks drained?  add them to the live model's counts
 *                           catalog changed?  rebuild the catalog snapshot
 *                           stats changed or popularity older than its refresh period?  rebuild the model
 *                           else only impressions and clicks merged?  set those products' exposure in the live model
 *                           publish atomically to the {@link ItemModelHolder}
 * </pre>
 * Request threads never wait for any of this; they read whatever model was published last.
 * <p>
 * Impressions and clicks (the exposure a new arrival's exploration draws from) do not wait for the grid: every
 * refresh interval the signal ring is drained and what it held added to the live model's counts
 * ({@link ItemModel#withExposureAdded}), so a click reaches the draws of the node that applied it within about a
 * refresh interval (other nodes through the grid, within a flush and a rebuild). A rebuild adds the deltas drained
 * and not yet flushed on top of the grid's stats, so it does not take a click back; only in the moment between a
 * flush and the stats mirror hearing of it can a rebuild miss one, until the next.
 * <p>
 * Merged exposure does not make the model rebuild either. With impressions recorded, new arrivals' shown counts are
 * merged into the grid every flush (so that every node's exploration sees them), and each merge used to make the
 * stats mirror dirty: the model was rebuilt as often as its pacing allowed, a tenth of a core whatever a rebuild
 * cost, mostly to recompute counts the live model already had (about 2 us of node CPU per served list,
 * benchmarks/RESULTS.md, seventeenth slice). The mirror now tells a change in exposure alone from one in more
 * ({@link ItemStatsMirror#takeExposureChanged()}); for those products the live model's exposure rows are set to what
 * a rebuild would give them, grid plus pending ({@link ItemModel#withExposureOf}), and the model is rebuilt only for
 * the rest: events, catalog changes, popularity due.
 * <p>
 * Impressions of established products (every product of a served list that is not a new arrival) feed only the
 * product's stats, so they are merged on a slower cadence, every 30 s by default
 * ({@code GridSettings.establishedShownInterval}), by this refresher's clock. At 30,000 lists a second of 10
 * products (300,000 impressions a second, spread evenly for the worst case), merging them every 0.5 s flush would
 * touch 150,000 impressions' worth of keys a flush: nearly all of a 20,000-product catalog (about 40,000 keys a
 * second) and about 78,000 of 100,000 (about 155,000 keys a second), each an entry-processor update and a map event
 * to every node's mirror. Every 30 s they touch each product shown at most once: 20,000 or 100,000 keys a cadence,
 * about 670 or 3,300 keys a second, against a few hundred a second for the new arrivals and events. They reach this
 * node's model through the grid and a rebuild, not by the patch above.
 * <p>
 * Merging is paced too: a merge costs a decode, a copy, a write to the data files and a key-only map event to every
 * node's mirror per product it touches (each node reads the product's new stats once before its next rebuild,
 * {@link ItemStatsMirror#catchUp}), however many deltas it carries, and random-shopper ingestion touches nearly every
 * product of a 20,000-product catalog each 0.5 s. After a merge that took {@code t} (wall time: the owners'
 * partition threads are where it runs, behind the events they apply) the next waits at least {@code 4 t}, at most 5
 * s; the ring is still drained every flush interval, and the deltas wait in the aggregator (impressions and clicks
 * count in rebuilds meanwhile; popularity and co-occurrence from this node arrive up to that much later).
 * <p>
 * Rebuilding is not free (at 100,000 products a catalog snapshot and a model take about a tenth of a second each and
 * allocate their arrays anew; ItemModelRebuildBenchmark), so rebuilds are paced: after one that took {@code t} of CPU
 * time, the next waits at least {@code 9 t} (and the refresh interval), which keeps rebuilding under a tenth of a core
 * however often the catalog or the statistics change. Catalog changes do not wait for that gap: a few upserts (a
 * launch, a stock or price change) are patched into the live snapshot and the model carried over to it at once
 * ({@link CatalogSnapshot#patched}, {@link ItemModel#overPatched}), their CPU time added to the gap; only removals, new
 * categories or brands and bulk loads wait for a full rebuild. CPU time, not wall time: on a busy node the rebuild
 * thread waits for a CPU, and pacing by wall time then stretched the gap to seconds (launched products were
 * acknowledged after 2-5 s under the storefront load, benchmarks/RESULTS.md) without saving any CPU. Requests for a
 * prompt refresh ({@link #refreshSoon()}) are answered by a patch at once when one applies, else wait for that gap too,
 * then share one rebuild.
 * <p>
 * The collaborative item factors ({@link ItemFactors}) cost far more than a rebuild (about 2 s of one core at
 * 100,000 products, ItemModelRebuildBenchmark.factors) and change slowly, so a second thread
 * ({@code tailor-factors}) learns them from the latest model every {@link #FACTOR_REFRESH_MS} at most, and at most
 * a twentieth of a core: after learning that took {@code t} of CPU time it waits at least {@code 19 t}. Every model
 * built since carries the newest factors, moved onto its catalog by product key; products launched since have none
 * until the next learning and are reached through their content vectors meanwhile.
 */
public final class ModelRefresher implements AutoCloseable
{
    /** Name of the item stats map, which this refresher merges the signal ring into and reads the model from. */
    public static final String ITEM_STATS_MAP = "item-stats";

    private static final Logger LOG = LoggerFactory.getLogger(ModelRefresher.class);
    private static final long POPULARITY_REFRESH_MS = 5_000L;
    /** After a rebuild that took t, the next waits 9 t: at most a tenth of a core spent rebuilding. */
    private static final long REBUILD_PACING = 9L;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final long FACTOR_REFRESH_MS = 60_000L;
    /** Until there is evidence enough to learn from (a new cluster being loaded), tried this often. */
    private static final long FACTOR_RETRY_MS = 5_000L;
    private static final long FACTOR_PACING = 19L;
    /**
     * After merging a flush's deltas took t (wall time until every owner's partition thread was done), the next
     * merge waits at least 4 t: the cost of a merge is one decode, copy, persist and map event per product touched,
     * however many deltas it carries, so merging less often under load costs less per event.
     */
    private static final long MERGE_PACING = 4L;
    /** Most products a merge sends one operation each; more are sent a few products of one partition at a time. */
    private static final int MERGES_AT_ONCE = 1_024;
    /**
     * Most merge operations a merge has in flight at once: four per partition thread of a member with the default
     * {@code --partition-threads} (one per core), so each thread has the next merge queued while it runs one and
     * the model thread's wake-up is hidden. A partition thread runs its queue in order, and the writes of shoppers'
     * events and served lists queue on the same threads: a merge that sent all its operations at once put every
     * write behind the whole merge (100-1,100 ms under light event load, benchmarks/RESULTS.md, twenty-first slice);
     * with this window a write waits for at most a few small merge operations.
     */
    static final int MERGES_IN_FLIGHT = 4 * Math.max(2, Runtime.getRuntime().availableProcessors());
    /**
     * Most products one merge operation carries (a partition's deltas are split): an operation decodes, merges,
     * encodes, persists and publishes each of its products, and a write queued behind it waits for all of them.
     */
    static final int PRODUCTS_PER_MERGE = 4;
    /**
     * How often the signal thread drains the ring, whatever the model thread is doing. The model thread drained it
     * only between its jobs, and a rebuild or a merge on a busy node took seconds of wall time, longer than the ring
     * (8 MiB then) lasts at 35,000 events a second (benchmarks/RESULTS.md, twenty-second slice). Idle, 100 wake-ups a
     * second.
     */
    static final long SIGNAL_DRAIN_MS = 10L;
    /** The longest a merge waits by that rule: other members' stats and exposure counts stay this fresh. */
    private static final long MAX_MERGE_GAP_NS = TimeUnit.SECONDS.toNanos(5);

    private final PartitionIds partitionIds;
    private final IMap<String, CatalogEntry> catalogMap;
    private final IMap<Long, ItemStats> statsMap;
    private final CatalogMirror catalogMirror;
    private final ItemStatsMirror statsMirror;
    private final ItemSignalAggregator aggregator;
    private final ItemModelHolder holder;
    private final ContentVectorizer vectorizer;
    private final ModelSettings settings;
    private final Duration flushInterval;
    private final Duration refreshInterval;
    /** How often established products' impressions are merged into the grid (see the class comment). */
    private final long establishedShownMs;
    private final Clock clock;
    private final BackgroundErrors errors;
    private final ScheduledExecutorService thread;
    private final ScheduledExecutorService factorThread;
    /** Drains the signal ring every {@link #SIGNAL_DRAIN_MS}, whatever the model thread is doing. */
    private final ScheduledExecutorService signalThread;
    private volatile ItemFactors factors = ItemFactors.NONE;
    private volatile long lastFactorCpuNs;
    /** {@code builtAtMs} of the model the latest factor learning read; -1 before the first. */
    private volatile long factorsFromMs = -1L;
    private final AtomicReference<CompletableFuture<Void>> soon = new AtomicReference<>();

    private CatalogSnapshot catalog;
    private long catalogVersion;
    private long modelVersion;
    private long lastModelAtMs;
    /** When established products' impressions were last merged, by {@link #clock}. */
    private long establishedShownAtMs;
    /** When the next rebuild may start (System.nanoTime()), by the pacing rule above. */
    private volatile long nextRebuildAtNs = System.nanoTime();
    private volatile long lastRebuildNs;
    private volatile long lastRebuildCpuNs;
    private volatile long lastPatchNs;
    /** Counts, written by the model thread only. */
    private final AtomicLong rebuilds = new AtomicLong();
    /** Merge operations that may still be sent before one of those in flight is answered. */
    private final Semaphore mergesInFlight = new Semaphore(MERGES_IN_FLIGHT);
    private final AtomicLong mergeOperationsSent = new AtomicLong();
    private final AtomicLong exposurePatches = new AtomicLong();
    /** When the next merge into the grid may start (System.nanoTime()), by {@link #MERGE_PACING}. */
    private long nextMergeAtNs = System.nanoTime();

    /**
     * A refresher; call {@link #start()} once the mirrors' listeners are registered.
     *
     * @param partitionService partition service, to send each partition only its deltas.
     * @param catalogMap       the catalog map.
     * @param statsMap         the item-stats map.
     * @param catalogMirror    local catalog mirror.
     * @param statsMirror      local stats mirror.
     * @param aggregator       item signal aggregator.
     * @param holder           where models are published.
     * @param vectorizer       content vectorizer.
     * @param settings         model settings.
     * @param flushInterval    how often deltas are merged into the grid.
     * @param refreshInterval  how often the local model is checked for rebuild.
     * @param clock            time source.
     * @param errors           background error sink.
     */
    public ModelRefresher(
        final PartitionService partitionService,
        final IMap<String, CatalogEntry> catalogMap,
        final IMap<Long, ItemStats> statsMap,
        final CatalogMirror catalogMirror,
        final ItemStatsMirror statsMirror,
        final ItemSignalAggregator aggregator,
        final ItemModelHolder holder,
        final ContentVectorizer vectorizer,
        final ModelSettings settings,
        final Duration flushInterval,
        final Duration refreshInterval,
        final Clock clock,
        final BackgroundErrors errors)
    {
        this(partitionService, catalogMap, statsMap, catalogMirror, statsMirror, aggregator, holder, vectorizer,
            settings, flushInterval, refreshInterval, Duration.ofSeconds(30), clock, errors);
    }

    /**
     * A refresher; call {@link #start()} once the mirrors' listeners are registered.
     *
     * @param partitionService partition service, to send each partition only its deltas.
     * @param catalogMap       the catalog map.
     * @param statsMap         the item-stats map.
     * @param catalogMirror    local catalog mirror.
     * @param statsMirror      local stats mirror.
     * @param aggregator       item signal aggregator.
     * @param holder           where models are published.
     * @param vectorizer       content vectorizer.
     * @param settings         model settings.
     * @param flushInterval    how often deltas are merged into the grid.
     * @param refreshInterval  how often the local model is checked for rebuild.
     * @param establishedShown how often established products' impressions are merged into the grid, by
     *                         {@code clock}.
     * @param clock            time source.
     * @param errors           background error sink.
     */
    public ModelRefresher(
        final PartitionService partitionService,
        final IMap<String, CatalogEntry> catalogMap,
        final IMap<Long, ItemStats> statsMap,
        final CatalogMirror catalogMirror,
        final ItemStatsMirror statsMirror,
        final ItemSignalAggregator aggregator,
        final ItemModelHolder holder,
        final ContentVectorizer vectorizer,
        final ModelSettings settings,
        final Duration flushInterval,
        final Duration refreshInterval,
        final Duration establishedShown,
        final Clock clock,
        final BackgroundErrors errors)
    {
        this.establishedShownMs = establishedShown.toMillis();
        this.partitionIds = PartitionIds.of(partitionService);
        this.catalogMap = catalogMap;
        this.statsMap = statsMap;
        this.catalogMirror = catalogMirror;
        this.statsMirror = statsMirror;
        this.aggregator = aggregator;
        this.holder = holder;
        this.vectorizer = vectorizer;
        this.settings = settings;
        this.flushInterval = flushInterval;
        this.refreshInterval = refreshInterval;
        this.clock = clock;
        this.establishedShownAtMs = clock.millis();
        this.errors = errors;
        this.catalog = holder.current().catalog();
        this.thread = DaemonThreads.scheduled("tailor-model");
        this.factorThread = DaemonThreads.scheduled("tailor-factors");
        this.signalThread = DaemonThreads.scheduled("tailor-signals");
    }

    /**
     * Loads the catalog and stats from the grid, publishes the first model, then refreshes periodically.
     * Blocks until the first model is published.
     */
    public void start()
    {
        final long startNs = System.nanoTime();
        catalogMirror.load(entries(catalogMap));
        statsMirror.load(entries(statsMap));
        refresh();
        holder.markLoaded();
        LOG.info("item model loaded: {} products, {} with stats, in {} ms", catalogMirror.size(), statsMirror.size(),
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs));
        signalThread.scheduleWithFixedDelay(this::drainSignals, SIGNAL_DRAIN_MS, SIGNAL_DRAIN_MS,
            TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::safeFlush, flushInterval.toMillis(), flushInterval.toMillis(),
            TimeUnit.MILLISECONDS);
        thread.scheduleWithFixedDelay(this::pacedRefresh, refreshInterval.toMillis(), refreshInterval.toMillis(),
            TimeUnit.MILLISECONDS);
        if (settings.factors().enabled())
        {
            factorThread.execute(this::learnFactors);
        }
    }

    /**
     * Learns factors from the current model, has the model thread republish the current model with them, and
     * schedules the next learning. Failures are recorded; the last factors stay in use.
     */
    private void learnFactors()
    {
        final long startCpuNs = cpuNanos();
        final long startNs = System.nanoTime();
        boolean learntSome = false;
        try
        {
            final ItemModel model = holder.current();
            final ItemFactors learnt = ItemFactors.learn(model, settings.factors());
            learntSome = learnt.rank() > 0;
            factors = learnt;
            factorsFromMs = model.builtAtMs();
            // On the model thread, so that it cannot interleave with a rebuild's publication.
            thread.execute(() -> holder.publish(holder.current().withFactors(learnt)));
            LOG.debug("item factors learnt: {} products with a vector, {} clusters", learnt.rowCount(),
                learnt.rank() == 0 ? 0 : learnt.clusterCount());
        }
        catch (final RejectedExecutionException ex)
        {
            return;
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.MODEL_FACTORS, ex);
        }
        final long spentNs = spentSince(startCpuNs, startNs, System.nanoTime());
        lastFactorCpuNs = spentNs;
        final long delayMs = Math.max(learntSome ? FACTOR_REFRESH_MS : FACTOR_RETRY_MS,
            TimeUnit.NANOSECONDS.toMillis(FACTOR_PACING * spentNs));
        try
        {
            factorThread.schedule(this::learnFactors, delayMs, TimeUnit.MILLISECONDS);
        }
        catch (final RejectedExecutionException ex)
        {
            // Closed.
        }
    }

    /**
     * Learns factors now, on the factor thread, and waits until a model carrying them is published: for tests.
     */
    public void learnFactorsNow()
    {
        try
        {
            final ItemFactors learnt = factorThread.submit(() ->
            {
                final ItemModel model = holder.current();
                final ItemFactors f = ItemFactors.learn(model, settings.factors());
                factors = f;
                factorsFromMs = model.builtAtMs();
                return f;
            }).get(60, TimeUnit.SECONDS);
            thread.submit(() -> holder.publish(holder.current().withFactors(learnt))).get(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            errors.record(BackgroundErrors.MODEL_FACTORS, ex);
        }
    }

    /**
     * Asks for a refresh as soon as the refresher's thread is free, for changes already applied to the
     * mirrors. Requests made while one is queued share it: it has not started, so it will see their changes.
     *
     * @return completes once a model built after this call is published; exceptionally if the refresh
     *     failed or the refresher is closed.
     */
    public CompletableFuture<Void> refreshSoon()
    {
        while (true)
        {
            final CompletableFuture<Void> queued = soon.get();
            if (queued != null)
            {
                return queued;
            }
            final CompletableFuture<Void> request = new CompletableFuture<>();
            if (soon.compareAndSet(null, request))
            {
                try
                {
                    thread.execute(() ->
                    {
                        // Later requests must queue a new refresh: this one may already have read the mirrors.
                        soon.compareAndSet(request, null);
                        try
                        {
                            if (patchCatalog())
                            {
                                request.complete(null);
                                return;
                            }
                        }
                        catch (final RuntimeException ex)
                        {
                            catalogMirror.requireFullBuild();
                            errors.record(BackgroundErrors.MODEL_REFRESH, ex);
                        }
                        // Only a full rebuild applies the change: it waits for the pacing gap.
                        final long delayNs = Math.max(0L, nextRebuildAtNs - System.nanoTime());
                        thread.schedule(() ->
                        {
                            try
                            {
                                refresh();
                                request.complete(null);
                            }
                            catch (final RuntimeException ex)
                            {
                                errors.record(BackgroundErrors.MODEL_REFRESH, ex);
                                request.completeExceptionally(ex);
                            }
                        }, delayNs, TimeUnit.NANOSECONDS);
                    });
                }
                catch (final RejectedExecutionException ex)
                {
                    soon.compareAndSet(request, null);
                    request.completeExceptionally(ex);
                }
                return request;
            }
        }
    }

    /**
     * Runs a flush and a refresh now on the refresher's thread and waits for both, for tests and shutdown.
     */
    public void flushAndRefreshNow()
    {
        flushAndRefreshNow(false);
    }

    /**
     * As {@link #flushAndRefreshNow()}, merging established products' impressions too whatever their cadence: for
     * shutdown, which would lose them otherwise.
     */
    public void flushEverythingAndRefreshNow()
    {
        flushAndRefreshNow(true);
    }

    private void flushAndRefreshNow(final boolean everything)
    {
        try
        {
            thread.submit(() ->
            {
                // The mirror learns of merged stats from map events, which arrive after executeOnKeys has
                // returned; read the merged rows back so that the refresh below sees this flush for sure.
                final Set<Long> flushed = safeFlush(everything, true);
                if (!flushed.isEmpty())
                {
                    statsMirror.load(statsMap.getAll(flushed));
                }
                safeRefresh();
            }).get(30, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            errors.record(BackgroundErrors.ITEM_STATS_FLUSH, ex);
        }
    }

    /**
     * Merge operations sent into the grid since start: one per product of a small merge, one per few products of a
     * partition of a large one.
     *
     * @return the count.
     */
    long mergeOperationsSent()
    {
        return mergeOperationsSent.get();
    }

    /**
     * Whether a merge is waiting for one of its operations in flight to be answered before it sends the next.
     *
     * @return true while the window is full and the model thread waits on it.
     */
    boolean mergeWaitsForWindow()
    {
        return mergesInFlight.hasQueuedThreads();
    }

    /** The signal thread's work: the ring into the aggregator's deltas; failures are recorded, not thrown. */
    private void drainSignals()
    {
        try
        {
            aggregator.drain();
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.ITEM_STATS_FLUSH, ex);
        }
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(signalThread);
        factorThread.shutdownNow();
        thread.shutdown();
        try
        {
            if (!thread.awaitTermination(5, TimeUnit.SECONDS))
            {
                thread.shutdownNow();
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            thread.shutdownNow();
        }
    }

    /** The periodic flush, paced; failures are recorded, not thrown. Returns the products whose stats were merged. */
    private Set<Long> safeFlush()
    {
        return safeFlush(false, false);
    }

    /**
     * A flush, of established products' impressions too when {@code everything}, merging whatever the pacing when
     * {@code now} (asked for: tests, shutdown, an operator); failures are recorded.
     */
    private Set<Long> safeFlush(final boolean everything, final boolean now)
    {
        try
        {
            return flush(everything, now);
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.ITEM_STATS_FLUSH, ex);
            return Set.of();
        }
    }

    /**
     * The periodic refresh: a full one once the pacing gap of the last rebuild is over; before that, catalog
     * changes a patch can apply are patched in, so a product launched or a stock change on another member is
     * served within a refresh interval however long the gap.
     */
    private void pacedRefresh()
    {
        try
        {
            patchExposure();
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.MODEL_REFRESH, ex);
        }
        if (System.nanoTime() - nextRebuildAtNs >= 0L)
        {
            safeRefresh();
        }
        else
        {
            try
            {
                patchCatalog();
            }
            catch (final RuntimeException ex)
            {
                catalogMirror.requireFullBuild();
                errors.record(BackgroundErrors.MODEL_REFRESH, ex);
            }
        }
    }

    /**
     * Applies catalog changes by patching the live snapshot ({@link CatalogSnapshot#patched}) and carrying the
     * model over to it ({@link ItemModel#overPatched}): a few array copies, where a full rebuild sorts, hashes
     * and vectorises the whole catalog and recomputes every neighbour list. The patch's CPU time counts towards
     * the pacing gap like a rebuild's, so patching too stays within the background share.
     *
     * @return true when the catalog is current (patched, or nothing changed); false when only a full rebuild can
     *     apply what changed (left for it).
     */
    private boolean patchCatalog()
    {
        final long startCpuNs = cpuNanos();
        final long startNs = System.nanoTime();
        final CatalogMirror.Changes changes = catalogMirror.takePatch();
        if (!changes.any())
        {
            return true;
        }
        final ItemModel current = holder.current();
        final CatalogSnapshot patched = changes.fullBuild() || current.catalog() != catalog ? null :
            catalog.patched(changes.upserted(), vectorizer, catalogVersion + 1);
        if (patched == null)
        {
            catalogMirror.requireFullBuild();
            return false;
        }
        catalog = patched;
        catalogVersion++;
        holder.publish(current.overPatched(patched, ++modelVersion));
        final long endNs = System.nanoTime();
        final long spentNs = spentSince(startCpuNs, startNs, endNs);
        nextRebuildAtNs = Math.max(nextRebuildAtNs, endNs) + REBUILD_PACING * spentNs;
        lastPatchNs = endNs - startNs;
        return true;
    }

    /** Adds the impressions and clicks drained since the live model was built or last patched to its counts. */
    private void patchExposure()
    {
        aggregator.drain();
        final Long2ObjectHashMap<ItemStats> fresh = aggregator.takeFreshExposure();
        if (!fresh.isEmpty())
        {
            holder.publish(holder.current().withExposureAdded(fresh, clock.millis()));
        }
    }

    private void safeRefresh()
    {
        try
        {
            refresh();
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.MODEL_REFRESH, ex);
        }
    }

    private Set<Long> flush(final boolean everything, final boolean now)
    {
        // The signal thread drains the ring whatever this thread is doing; drained here too so that a flush asked for
        // takes everything written before it. The deltas wait in the aggregator until a merge (their impressions and
        // clicks already count in rebuilds; popularity and co-occurrence reach the model with the merge).
        aggregator.drain();
        if (!now && System.nanoTime() - nextMergeAtNs < 0)
        {
            return Set.of();
        }
        final long startNs = System.nanoTime();
        final Long2ObjectHashMap<ItemStats> pending = aggregator.takePending().statsByProduct();
        final long nowMs = clock.millis();
        if (everything || nowMs - establishedShownAtMs >= establishedShownMs)
        {
            establishedShownAtMs = nowMs;
            addEstablishedShown(pending);
        }
        if (pending.isEmpty())
        {
            return Set.of();
        }
        final Set<Long> merged = new HashSet<>(pending.size() * 2);
        pending.forEach((key, delta) -> merged.add(key));
        if (pending.size() <= MERGES_AT_ONCE)
        {
            mergeByKey(pending);
        }
        else
        {
            mergeByPartition(pending);
        }
        final long endNs = System.nanoTime();
        nextMergeAtNs = endNs + Math.min(MAX_MERGE_GAP_NS, MERGE_PACING * (endNs - startNs));
        return merged;
    }

    /**
     * Merges a few products' deltas (the new arrivals' impressions of a flush, a quiet store's events) one operation
     * per product, at most {@link #MERGES_IN_FLIGHT} in flight, each awaited in turn on this thread. One
     * {@code submitToKeys} per partition is answered through Hazelcast's default executor: a wake-up of a common-pool
     * thread per partition a merge touched (futex calls per served list, benchmarks/RESULTS.md, eighteenth slice);
     * so is {@code submitToKey}, which these calls skip ({@link DirectCalls}).
     */
    private void mergeByKey(final Long2ObjectHashMap<ItemStats> pending)
    {
        final List<CompletableFuture<?>> merges = new ArrayList<>(pending.size());
        pending.forEach((key, delta) -> merges.add(sendMerge(() -> DirectCalls.submitToKeyAwaited(statsMap, key,
            new MergeItemStatsProcessor(Map.of(key, delta), settings.popularityHalfLifeMs(),
                settings.cooccurrenceHalfLifeMs())))));
        for (final CompletableFuture<?> merge : merges)
        {
            merge.join();
        }
    }

    /**
     * Merges many products' deltas (random shoppers' events touch most of a catalog every flush) in operations of
     * at most {@link #PRODUCTS_PER_MERGE} products of one partition each, at most {@link #MERGES_IN_FLIGHT} in
     * flight: fewer operations than one per key, none long enough to hold a write back for long.
     * {@code executeOnKeys} over many keys would hand the whole key set to an operation on every partition, each
     * hashing every key to find its own: profiled at about half of the partition threads' time under event load
     * (benchmarks/RESULTS.md).
     * Hazelcast still routes each key correctly if ownership changed in between.
     */
    private void mergeByPartition(final Long2ObjectHashMap<ItemStats> pending)
    {
        final Map<Integer, Map<Long, ItemStats>> byPartition = new HashMap<>();
        pending.forEach((key, delta) ->
        {
            final int partition = partitionIds.of(key);
            byPartition.computeIfAbsent(partition, p -> new HashMap<>()).put(key, delta);
        });
        final List<Map<Long, ItemStats>> operations = new ArrayList<>(byPartition.size());
        for (final Map<Long, ItemStats> partition : byPartition.values())
        {
            if (partition.size() <= PRODUCTS_PER_MERGE)
            {
                operations.add(partition);
                continue;
            }
            Map<Long, ItemStats> chunk = new HashMap<>();
            for (final Map.Entry<Long, ItemStats> delta : partition.entrySet())
            {
                if (chunk.size() == PRODUCTS_PER_MERGE)
                {
                    operations.add(chunk);
                    chunk = new HashMap<>();
                }
                chunk.put(delta.getKey(), delta.getValue());
            }
            operations.add(chunk);
        }
        final CompletableFuture<?>[] merges = new CompletableFuture<?>[operations.size()];
        int n = 0;
        for (final Map<Long, ItemStats> deltas : operations)
        {
            merges[n++] = sendMerge(() -> statsMap.submitToKeys(deltas.keySet(), new MergeItemStatsProcessor(deltas,
                settings.popularityHalfLifeMs(), settings.cooccurrenceHalfLifeMs())).toCompletableFuture());
        }
        CompletableFuture.allOf(merges).join();
    }

    /**
     * Sends one merge operation once fewer than {@link #MERGES_IN_FLIGHT} are outstanding, waiting on this thread
     * (the model thread, whose merge waits for every operation anyway) until one is answered.
     */
    private CompletableFuture<?> sendMerge(final Supplier<CompletableFuture<?>> merge)
    {
        mergesInFlight.acquireUninterruptibly();
        final CompletableFuture<?> sent;
        try
        {
            sent = merge.get();
            mergeOperationsSent.incrementAndGet();
        }
        catch (final RuntimeException ex)
        {
            mergesInFlight.release();
            throw ex;
        }
        // Released where the answer arrives (a partition or response thread): a permit, not a task of a pool.
        sent.whenCompleteAsync((result, error) -> mergesInFlight.release(), Runnable::run);
        return sent;
    }

    /** Adds the impressions of established products drained since they were last merged to a flush's deltas. */
    private void addEstablishedShown(final Long2ObjectHashMap<ItemStats> pending)
    {
        final Long2ObjectHashMap<ItemStats> shown = aggregator.takeEstablishedShown();
        shown.forEach((key, delta) ->
        {
            final ItemStats other = pending.get(key);
            if (other == null)
            {
                pending.put(key, delta);
            }
            else
            {
                other.merge(delta, settings.popularityHalfLifeMs(), settings.cooccurrenceHalfLifeMs());
            }
        });
    }

    private void refresh()
    {
        final long startNs = System.nanoTime();
        final long startCpuNs = cpuNanos();
        try
        {
            // the stats merged since the last rebuild, read once each (the mirror hears only which keys changed)
            statsMirror.catchUp(partitionIds::of, statsMap::getAll, statsMap::getAsync);
        }
        catch (final RuntimeException ex)
        {
            // the keys stay marked for the next refresh; this one builds from what the mirror holds
            errors.record(BackgroundErrors.MODEL_REFRESH, ex);
        }
        final CatalogMirror.Changes changes = catalogMirror.takeChanges();
        final boolean catalogChanged = changes.any();
        final boolean statsChanged = statsMirror.takeDirty();
        final LongHashSet exposureChanged = statsMirror.takeExposureChanged();
        final long nowMs = clock.millis();
        if (catalogChanged)
        {
            final CatalogSnapshot patched = changes.fullBuild() ? null :
                catalog.patched(changes.upserted(), vectorizer, catalogVersion + 1);
            catalog = patched != null ? patched :
                CatalogSnapshot.build(catalogMirror.products(), catalog, vectorizer, catalogVersion + 1);
            catalogVersion++;
        }
        if (catalogChanged || statsChanged || nowMs - lastModelAtMs >= POPULARITY_REFRESH_MS)
        {
            // the grid's stats lack what was drained and not yet flushed: added on top, and the fresh exposure
            // waiting for a patch is in it
            final ItemModel built = ItemModel.build(catalog, statsMirror, nowMs, settings, ++modelVersion)
                .withFactors(factors);
            holder.publish(aggregator.takeFreshExposureAndReadPending(
                (fresh, pending) -> built.withExposureAdded(pending, nowMs)));
            lastModelAtMs = nowMs;
            final long endNs = System.nanoTime();
            final long spentNs = spentSince(startCpuNs, startNs, endNs);
            lastRebuildNs = endNs - startNs;
            lastRebuildCpuNs = spentNs;
            nextRebuildAtNs = endNs + REBUILD_PACING * spentNs;
            rebuilds.lazySet(rebuilds.get() + 1);
        }
        else if (!exposureChanged.isEmpty())
        {
            // Only impressions and clicks were merged: their rows are set to what a rebuild would give them. The
            // exposure drained since the last patch is added first, as patchExposure does: the rows set below
            // include it (it is pending), the others must not go without it.
            final ItemModel current = holder.current();
            holder.publish(aggregator.takeFreshExposureAndReadPending((fresh, pending) -> current
                .withExposureAdded(fresh, nowMs).withExposureOf(exposureChanged, statsMirror, pending, nowMs)));
            final long endNs = System.nanoTime();
            final long spentNs = spentSince(startCpuNs, startNs, endNs);
            nextRebuildAtNs = endNs + REBUILD_PACING * spentNs;
            exposurePatches.lazySet(exposurePatches.get() + 1);
        }
    }

    /**
     * Full rebuilds of the model since start (the first included).
     *
     * @return the count.
     */
    public long rebuilds()
    {
        return rebuilds.get();
    }

    /**
     * Catch-ups that found only exposure changed in the grid's stats and set those products' exposure rows in the
     * live model instead of rebuilding it, since start.
     *
     * @return the count.
     */
    public long exposurePatches()
    {
        return exposurePatches.get();
    }

    /**
     * When the model the latest learning of the item factors read was built: every model published since carries
     * factors learnt from at least the events that model held (a client that loaded data can wait for this to
     * pass the first model built after its load). Set by every learning, also one that found too little evidence
     * to learn any factors.
     *
     * @return epoch milliseconds; -1 before the first learning or when factors are off.
     */
    public long factorsFromMs()
    {
        return factorsFromMs;
    }

    /**
     * CPU time of the last learning of the item factors.
     *
     * @return nanoseconds; 0 before the first.
     */
    public long lastFactorCpuNanos()
    {
        return lastFactorCpuNs;
    }

    /**
     * What this thread spent since {@code startCpuNs} (a {@link #cpuNanos()}): its CPU time, or the wall time since
     * {@code startNs} where the JVM cannot tell.
     */
    private static long spentSince(final long startCpuNs, final long startNs, final long endNs)
    {
        final long endCpuNs = cpuNanos();
        return startCpuNs >= 0 && endCpuNs >= 0 ? endCpuNs - startCpuNs : endNs - startNs;
    }

    /** CPU time of this thread, or -1 where the JVM cannot tell. */
    private static long cpuNanos()
    {
        return THREADS.isCurrentThreadCpuTimeSupported() ? THREADS.getCurrentThreadCpuTime() : -1L;
    }

    /**
     * How long the last rebuild of the model took, from start to publication.
     *
     * @return wall-clock nanoseconds; 0 before the first.
     */
    public long lastRebuildNanos()
    {
        return lastRebuildNs;
    }

    /**
     * How long the last catalog patch took, from taking the changes to publication.
     *
     * @return wall-clock nanoseconds; 0 before the first.
     */
    public long lastPatchNanos()
    {
        return lastPatchNs;
    }

    /**
     * The CPU time of the last rebuild, which the pacing is based on.
     *
     * @return nanoseconds of the refresher thread's CPU time; 0 before the first.
     */
    public long lastRebuildCpuNanos()
    {
        return lastRebuildCpuNs;
    }

    private static <K, V> Map<K, V> entries(final IMap<K, V> map)
    {
        final Map<K, V> copy = new HashMap<>();
        for (final Map.Entry<K, V> entry : map.entrySet())
        {
            copy.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }
}
