package io.tailor.grid.model;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemStats;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * This node's copy of every product's stats, for the model's rebuilds and the request handlers that read stats.
 * <p>
 * It listens to the {@code item-stats} map for keys only ({@link #listenTo}) and
 * reads the values of the changed keys when the refresher asks it to catch up ({@link #catchUp}), once per key
 * however often the key changed in between. With values in the events, every merge of every product sent its
 * stats (up to two rows of 256 neighbours each) to every node, and every node decoded them on Hazelcast's event
 * threads: 17 % of the allocation samples of a node taking 5,000 events a second, against about 9 % read once per
 * rebuild (JFR, benchmarks/RESULTS.md, "Seventh slice").
 * <p>
 * The values it holds are copies ({@code getAll} and {@code getAsync} deserialize them), never the map's stored
 * objects, which merges change in place on their partition threads ({@link MergeItemStatsProcessor}).
 * <p>
 * Between catch-ups the copy lags the grid; the refresher catches up before every rebuild, so a model never lags
 * more than the stats it was built from. A catch-up's read is the grid's current value, so it replaces whatever
 * the mirror held; a key gone from the map leaves the mirror too.
 * <p>
 * A catch-up tells the refresher what kind of change it read: most merges under a storefront's load carry nothing
 * but impressions and clicks (new arrivals' exposure, merged every flush so that every node's exploration sees it),
 * and those need only the model's exposure rows set again ({@link #takeExposureChanged()}), not a rebuild
 * ({@link #takeDirty()}).
 */
public final class ItemStatsMirror implements ItemEvidence, EntryAddedListener<Long, ItemStats>,
    EntryUpdatedListener<Long, ItemStats>, EntryRemovedListener<Long, ItemStats>, EntryMergedListener<Long, ItemStats>
{
    /**
     * Most keys one read asks for: a catch-up after a start or a busy minute can cover the whole catalog, and one
     * read of 100,000 products' stats (rows of up to 256 neighbours) would hold hundreds of megabytes at once.
     */
    static final int READ_CHUNK = 2_048;
    /** Most keys a catch-up reads one by one, all reads in flight at once; more are read a partition at a time. */
    static final int READS_AT_ONCE = 1_024;
    private static final long READ_TIMEOUT_SECONDS = 30L;

    private final ConcurrentHashMap<Long, ItemStats> stats = new ConcurrentHashMap<>();
    /** Keys changed in the map since they were last read. */
    private final Set<Long> changed = ConcurrentHashMap.newKeySet();
    /** Set when a catch-up read a change in more than exposure, or entries were loaded: a rebuild is due. */
    private final AtomicBoolean dirty = new AtomicBoolean(true);
    /** Keys whose catch-ups changed only their exposure, since the refresher last took them (its thread only). */
    private LongHashSet exposureChanged = new LongHashSet();

    /**
     * Registers this mirror with the map, for keys only.
     *
     * @param map the item-stats map.
     */
    public void listenTo(final IMap<Long, ItemStats> map)
    {
        map.addEntryListener(this, false);
    }

    /**
     * Loads entries read from the map.
     *
     * @param loaded entries of the item-stats map.
     */
    public void load(final Map<Long, ItemStats> loaded)
    {
        loaded.forEach(this::upsert);
        dirty.set(true);
    }

    /**
     * Reads the current values of the keys changed since the last catch-up and applies them. Called from one thread
     * at a time (the refresher's). When a read fails, its keys and those not read yet stay marked and the next
     * catch-up reads them.
     * <p>
     * Up to {@link #READS_AT_ONCE} keys are read one by one, every read sent before the first answer is awaited
     * ({@code readOne}), so the refresher waits about once per catch-up: a catch-up of a few hundred keys (the new
     * arrivals' impressions of one merge) spread over most partitions was as many blocking reads in a row, each a
     * wake-up of a partition thread and of the refresher's, about 400 a second under a storefront's load with
     * impressions recorded (futex calls per served list, benchmarks/RESULTS.md, eighteenth slice).
     * <p>
     * More keys than that (a restart, the established products' impressions merged every 30 s) are read one
     * partition at a time (at most {@link #READ_CHUNK} keys a read), partitions in order ({@code readAll}): fewer
     * operations per key. Hazelcast's {@code getAll} runs an operation on every partition a read asks, and each of
     * those finds its own keys by hashing every key of the read: a read of 2,048 keys over all 271 partitions hashed
     * 555,000 keys on the partition threads (JFR of the served path with impressions, sixteenth slice).
     *
     * @param partitionOf the partition of a key.
     * @param readAll     reads the current values of keys, e.g. {@code IMap::getAll}; a key it leaves out is gone.
     * @param readOne     reads the current value of a key, e.g. {@code IMap::getAsync}; {@code null} when gone.
     * @return how many keys were read.
     */
    public int catchUp(final ToIntFunction<Long> partitionOf, final Function<Set<Long>, Map<Long, ItemStats>> readAll,
        final Function<Long, CompletionStage<ItemStats>> readOne)
    {
        final int count = changed.size();
        if (count == 0)
        {
            return 0;
        }
        return count <= READS_AT_ONCE ? readAtOnce(readOne) : readByPartition(partitionOf, readAll);
    }

    private int readAtOnce(final Function<Long, CompletionStage<ItemStats>> readOne)
    {
        final List<Long> keys = new ArrayList<>(changed.size());
        for (final Iterator<Long> it = changed.iterator(); it.hasNext(); )
        {
            keys.add(it.next());
            it.remove();
        }
        final int count = keys.size();
        final List<CompletableFuture<ItemStats>> reads = new ArrayList<>(count);
        try
        {
            for (final Long key : keys)
            {
                reads.add(readOne.apply(key).toCompletableFuture());
            }
        }
        catch (final RuntimeException ex)
        {
            // nothing applied: every key stays marked
            changed.addAll(keys);
            throw ex;
        }
        // Every answer awaited in turn on this thread: one already in costs nothing, and the refresher is woken at
        // most once per answer it waits for, not once per partition as with a blocking read per partition. (Hazelcast
        // still deserializes each answer on its default executor, the common pool, whose threads take the answers of
        // a burst of reads without a wake-up each: futex calls per served list, benchmarks/RESULTS.md, eighteenth
        // slice.)
        final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(READ_TIMEOUT_SECONDS);
        RuntimeException failed = null;
        boolean more = false;
        for (int i = 0; i < count; i++)
        {
            final Long key = keys.get(i);
            try
            {
                more |= !apply(key, reads.get(i).get(Math.max(0L, deadlineNs - System.nanoTime()),
                    TimeUnit.NANOSECONDS));
            }
            catch (final ExecutionException ex)
            {
                changed.add(key);
                failed = failed != null ? failed : ex.getCause() instanceof RuntimeException runtime ? runtime :
                    new IllegalStateException("item stats read failed", ex.getCause());
            }
            catch (final TimeoutException ex)
            {
                changed.addAll(keys.subList(i, count));
                failed = new IllegalStateException("item stats not read within " + READ_TIMEOUT_SECONDS + " s", ex);
                break;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                changed.addAll(keys.subList(i, count));
                failed = new IllegalStateException("interrupted while catching up item stats", ex);
                break;
            }
        }
        if (more)
        {
            dirty.set(true);
        }
        if (failed != null)
        {
            throw failed;
        }
        return count;
    }

    private int readByPartition(final ToIntFunction<Long> partitionOf,
        final Function<Set<Long>, Map<Long, ItemStats>> reader)
    {
        // one partition lookup per key (it hashes the serialized key)
        final TreeMap<Integer, List<Long>> byPartition = new TreeMap<>();
        int count = 0;
        for (final Iterator<Long> it = changed.iterator(); it.hasNext(); )
        {
            final Long key = it.next();
            it.remove();
            byPartition.computeIfAbsent(partitionOf.applyAsInt(key), partition -> new ArrayList<>()).add(key);
            count++;
        }
        final List<List<Long>> reads = new ArrayList<>(byPartition.size());
        for (final List<Long> keys : byPartition.values())
        {
            for (int from = 0; from < keys.size(); from += READ_CHUNK)
            {
                reads.add(keys.subList(from, Math.min(keys.size(), from + READ_CHUNK)));
            }
        }
        for (int read = 0; read < reads.size(); read++)
        {
            final Set<Long> chunk = new HashSet<>(reads.get(read));
            final Map<Long, ItemStats> values;
            try
            {
                values = reader.apply(chunk);
            }
            catch (final RuntimeException ex)
            {
                for (final List<Long> unread : reads.subList(read, reads.size()))
                {
                    changed.addAll(unread);
                }
                throw ex;
            }
            boolean more = false;
            for (final Long key : chunk)
            {
                more |= !apply(key, values.get(key));
            }
            if (more)
            {
                dirty.set(true);
            }
        }
        return count;
    }

    /**
     * Holds a key's value as read (gone when {@code null}).
     *
     * @return true when the change touched the key's exposure and nothing else.
     */
    private boolean apply(final Long key, final ItemStats value)
    {
        final ItemStats previous = value == null ? stats.remove(key) : stats.put(key, value);
        if (exposureOnly(previous, value))
        {
            exposureChanged.add(key.longValue());
            return true;
        }
        return false;
    }

    /**
     * Whether a key's change from {@code previous} to {@code value} touched its exposure and nothing else: every
     * other part of the stats (popularity sums, neighbour and follower rows, times to purchase) counts in
     * {@link ItemStats#interactions()} whenever it is added to or merged, and exposure never does, so an unchanged
     * count with the key still present means only impressions and clicks were merged. A key that appears with no
     * interactions holds exposure only (a new arrival's first impressions).
     */
    private static boolean exposureOnly(final ItemStats previous, final ItemStats value)
    {
        return value != null && value.interactions() == (previous == null ? 0L : previous.interactions());
    }

    /**
     * Number of keys changed in the map and not read yet.
     *
     * @return the count.
     */
    public int pending()
    {
        return changed.size();
    }

    @Override
    public ItemStats stats(final long productKey)
    {
        return stats.get(productKey);
    }

    /**
     * Number of products with stats.
     *
     * @return the count.
     */
    public int size()
    {
        return stats.size();
    }

    /**
     * Whether stats changed since the last call in more than their exposure (or were loaded); clears the flag.
     *
     * @return true when the model should be rebuilt.
     */
    public boolean takeDirty()
    {
        return dirty.getAndSet(false);
    }

    /**
     * Takes the keys whose catch-ups since the last call changed only their exposure ({@link ItemStats#exposure()}),
     * leaving none: the rows a model patch sets ({@code ItemModel#withExposureOf}) instead of a rebuild. A key may be
     * here and have changed in more too ({@link #takeDirty()}); a rebuild then covers it. Only the refresher's thread
     * calls this.
     *
     * @return the keys, possibly empty; the caller owns the set.
     */
    public LongHashSet takeExposureChanged()
    {
        final LongHashSet taken = exposureChanged;
        exposureChanged = new LongHashSet();
        return taken;
    }

    @Override
    public void entryAdded(final EntryEvent<Long, ItemStats> event)
    {
        changed.add(event.getKey());
    }

    @Override
    public void entryUpdated(final EntryEvent<Long, ItemStats> event)
    {
        changed.add(event.getKey());
    }

    /** A split brain's losing side's counts, merged: as much a change as an update. */
    @Override
    public void entryMerged(final EntryEvent<Long, ItemStats> event)
    {
        changed.add(event.getKey());
    }

    @Override
    public void entryRemoved(final EntryEvent<Long, ItemStats> event)
    {
        changed.add(event.getKey());
    }

    private void upsert(final Long key, final ItemStats value)
    {
        if (value == null)
        {
            return;
        }
        // Stats only grow by merging: of two copies the one with more interactions is the newer.
        stats.merge(key, value, (current, candidate) ->
            candidate.interactions() >= current.interactions() ? candidate : current);
    }
}
