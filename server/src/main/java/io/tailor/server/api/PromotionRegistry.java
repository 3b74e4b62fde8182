package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.promotion.PromotionDelivery;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.promotion.Promotions;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.PromotionJsonReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * This node's view of the promotions: every definition in the grid, parsed and bound for serving, published as
 * one immutable {@link Promotions} that the recommenders read with one volatile read.
 * <p>
 * Definitions arrive from the grid's listener (any node's changes) and directly from this node's handler (read
 * your writes); the higher version wins. Each promotion has one {@link PromotionDelivery} on this node, kept across
 * redefinitions (its counts key names the promotion's creation, so one deleted and defined again starts from
 * zero). A background thread ({@code tailor-promotions}) merges what this node counted into the grid's
 * {@code experiment-counts} map every {@link #FLUSH_INTERVAL_MS} ms, then reads every promotion's cluster-wide
 * total back, which is what pacing and {@code GET /v1/promotions/{id}} see. Merged counts have a synchronous backup
 * and are in the members' data files, like the experiments' counts; a node that crashes loses what it counted
 * since its last flush.
 */
public final class PromotionRegistry implements PromotionSource, AutoCloseable
{
    /** How often this node's counts are merged into the grid and the totals read back. */
    public static final long FLUSH_INTERVAL_MS = 500;

    private static final Logger LOG = LoggerFactory.getLogger(PromotionRegistry.class);

    /**
     * One parsed definition, with its grid record and its promotion as served.
     *
     * @param definition the grid's record.
     * @param promotion  the promotion bound for serving.
     */
    record Known(PromotionDefinition definition, Promotion promotion)
    {
    }

    private final TailorGrid grid;
    private final PromotionJsonReader reader = new PromotionJsonReader();
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    /** By counts key. */
    private final Map<String, PromotionDelivery> deliveries = new ConcurrentHashMap<>();
    /** By counts key: how much of the delivery's count was sent to the grid. Under {@link #flushing} only. */
    private final Map<String, Long> sent = new HashMap<>();
    /** Held by a flush, which waits for the grid: not the registry's lock, which the event loops take. */
    private final Object flushing = new Object();
    private final ScheduledExecutorService thread;
    private final Consumer<Promotions> onChange;
    private volatile Promotions current = Promotions.EMPTY;

    /**
     * A registry over the grid's promotions; call {@link #start()}.
     *
     * @param grid     the grid.
     * @param onChange hears of every new snapshot (the metrics), under the registry's lock.
     */
    public PromotionRegistry(final TailorGrid grid, final Consumer<Promotions> onChange)
    {
        this.grid = grid;
        this.onChange = onChange;
        this.thread = DaemonThreads.scheduled("tailor-promotions");
    }

    /**
     * Loads every definition and listens for changes.
     */
    public void start()
    {
        grid.promotions().listen(this::update);
        for (final Map.Entry<String, PromotionDefinition> entry : grid.promotions().all().entrySet())
        {
            update(entry.getKey(), entry.getValue());
        }
        thread.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS,
            TimeUnit.MILLISECONDS);
    }

    @Override
    public Promotions current()
    {
        return current;
    }

    /**
     * The known definitions, by id, in id order.
     *
     * @return a copy.
     */
    synchronized Map<String, Known> known()
    {
        return new TreeMap<>(known);
    }

    /**
     * Takes a new version of a definition (or a deletion's tombstone); older versions than the one known are
     * ignored.
     *
     * @param id         promotion id.
     * @param definition the definition.
     * @return the promotion as bound now, or {@code null} when deleted or unreadable.
     */
    public synchronized Known update(final String id, final PromotionDefinition definition)
    {
        final Long seen = versions.get(id);
        if (definition == null || (seen != null && seen >= definition.version()))
        {
            return known.get(id);
        }
        versions.put(id, definition.version());
        if (definition.deleted())
        {
            known.remove(id);
        }
        else
        {
            try
            {
                final PromotionDelivery delivery = deliveries.computeIfAbsent(
                    PromotionStore.countsKey(id, definition.createdAtMs()), k -> new PromotionDelivery());
                known.put(id, new Known(definition, reader.read(definition.json().getBytes(StandardCharsets.UTF_8),
                    definition.createdAtMs()).bind(id, delivery)));
            }
            catch (final InvalidInput ex)
            {
                LOG.error("promotion {} version {} cannot be read and is ignored: {} at {}", id,
                    definition.version(), ex.reason(), ex.field());
                known.remove(id);
            }
        }
        final List<Promotion> bound = new ArrayList<>(known.size());
        for (final Known each : known.values())
        {
            bound.add(each.promotion());
        }
        current = new Promotions(bound);
        onChange.accept(current);
        return known.get(id);
    }

    private void flushQuietly()
    {
        try
        {
            flush();
        }
        catch (final RuntimeException ex)
        {
            grid.errors().record(BackgroundErrors.PROMOTION_COUNTS, ex);
        }
    }

    /**
     * Merges what this node counted since the last flush into the grid, waits for the merges, then reads every
     * known promotion's total back. Blocks; on the flush thread (or on close).
     */
    void flush()
    {
        synchronized (flushing)
        {
            flushLocked();
        }
    }

    private void flushLocked()
    {
        final Map<String, Long> counted = new HashMap<>();
        final List<CompletableFuture<Object>> merges = new ArrayList<>();
        for (final Map.Entry<String, PromotionDelivery> entry : deliveries.entrySet())
        {
            final long now = entry.getValue().counted();
            counted.put(entry.getKey(), now);
            final long delta = now - sent.getOrDefault(entry.getKey(), 0L);
            if (delta > 0)
            {
                merges.add(grid.experimentCounts().merge(entry.getKey(), new ArmCounts(0,
                    new long[] {delta, 0, 0, 0}, 0.0, null, null)).toCompletableFuture());
                sent.put(entry.getKey(), now);
            }
        }
        if (counted.isEmpty())
        {
            return;
        }
        try
        {
            CompletableFuture.allOf(merges.toArray(new CompletableFuture<?>[0])).get(10, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // What was sent may or may not be merged: not sent again (no double count); the totals are read
            // back at the next flush.
            grid.errors().record(BackgroundErrors.PROMOTION_COUNTS, ex);
            return;
        }
        final Map<String, ArmCounts> totals = grid.experimentCounts().getAll(counted.keySet());
        for (final Map.Entry<String, Long> entry : counted.entrySet())
        {
            final ArmCounts total = totals.get(entry.getKey());
            deliveries.get(entry.getKey()).settle(total == null ? 0L : total.count(ArmCounts.LISTS),
                sent.getOrDefault(entry.getKey(), 0L));
        }
    }

    @Override
    public void close()
    {
        // the last scheduled flush ends first, so the final one is the only one running
        DaemonThreads.stop(thread);
        try
        {
            flush();
        }
        catch (final RuntimeException ex)
        {
            LOG.warn("the last promotion counts could not be merged into the grid: {}", ex.toString());
        }
    }
}
