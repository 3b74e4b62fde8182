package io.tailor.grid.feed;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The {@code feeds} map: catalog feed definitions by id with their last fetch. Deleted feeds leave tombstones so
 * that an older copy in some member's data file never comes back.
 * <p>
 * One node fetches a feed at a time: every HTTP node (embedded member or client of a dedicated grid) looks at every
 * feed, and one that finds it due fetches it only while it holds the feed's lock ({@link #claim}: a lock on the
 * feed's id in the {@value #LOCKS_MAP_NAME} map, which holds no entries, so locking never holds up a write of the
 * feed), taken without waiting and released when the fetch ends, when its lease runs out, or when the node leaves
 * the cluster; a lock lives with its key's partition, so it moves with the partition's ownership. The holder reads
 * the record again under the lock, so a feed another node fetched a moment ago is no longer due. The partition's
 * owner is not preferred: a dedicated grid member owns partitions but serves no HTTP and fetches nothing.
 */
public final class FeedStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "feeds";
    /** Name of the map whose key locks say who fetches a feed; it holds no entries. */
    public static final String LOCKS_MAP_NAME = "feed-fetch-locks";

    private final IMap<String, FeedRecord> feeds;
    private final IMap<String, Boolean> locks;

    /**
     * Store over a map.
     *
     * @param feeds the feeds map.
     * @param locks the map whose key locks say who fetches.
     */
    public FeedStore(final IMap<String, FeedRecord> feeds, final IMap<String, Boolean> locks)
    {
        this.feeds = feeds;
        this.locks = locks;
    }

    /**
     * Defines or redefines a feed, due at once. Completes on a Hazelcast thread.
     *
     * @param id         feed id.
     * @param definition the definition, JSON.
     * @param nowMs      when.
     * @return the record there before: {@code null} when none, a tombstone when deleted
     *     ({@link PutFeedProcessor#defined} of it is what was stored).
     */
    public CompletionStage<FeedRecord> put(final String id, final String definition, final long nowMs)
    {
        return feeds.submitToKey(id, new PutFeedProcessor(definition, nowMs));
    }

    /**
     * Deletes a feed (its products stay in the catalog). Completes on a Hazelcast thread.
     *
     * @param id    feed id.
     * @param nowMs when.
     * @return the deleted record, or {@code null} when there was none.
     */
    public CompletionStage<FeedRecord> delete(final String id, final long nowMs)
    {
        return feeds.submitToKey(id, new PutFeedProcessor(null, nowMs));
    }

    /**
     * Reads a feed. Completes on a Hazelcast thread.
     *
     * @param id feed id.
     * @return the record (a tombstone for a deleted one), or {@code null}.
     */
    public CompletionStage<FeedRecord> get(final String id)
    {
        return feeds.getAsync(id);
    }

    /**
     * Every feed not deleted, in id order. Blocks.
     *
     * @return records by id.
     */
    public Map<String, FeedRecord> all()
    {
        final Map<String, FeedRecord> live = new TreeMap<>();
        for (final Map.Entry<String, FeedRecord> entry : feeds.entrySet())
        {
            if (!entry.getValue().deleted())
            {
                live.put(entry.getKey(), entry.getValue());
            }
        }
        return live;
    }

    /**
     * Records a fetch's outcome. Blocks.
     *
     * @param id                feed id.
     * @param fetchedDefinition the definition the fetch followed.
     * @param outcome           outcome, JSON.
     * @param ids               ids applied, packed, or {@code null} to keep the stored ones.
     * @param nextFetchAtMs     when the next fetch is due.
     * @param nowMs             when.
     * @return the stored record, or {@code null} when the feed was deleted meanwhile.
     */
    public FeedRecord recordFetch(final String id, final String fetchedDefinition, final String outcome,
        final byte[] ids, final long nextFetchAtMs, final long nowMs)
    {
        return feeds.executeOnKey(id, new RecordFeedFetchProcessor(fetchedDefinition, outcome, ids, nextFetchAtMs,
            nowMs));
    }

    /**
     * Every feed id, tombstones included. Blocks.
     *
     * @return feed ids.
     */
    public List<String> ids()
    {
        return new ArrayList<>(feeds.keySet());
    }

    /**
     * Reads a feed. Blocks.
     *
     * @param id feed id.
     * @return the record, or {@code null}.
     */
    public FeedRecord read(final String id)
    {
        return feeds.get(id);
    }

    /**
     * Takes the right to fetch a feed, without waiting. Held by the calling thread until {@link #release(String)}
     * or, at the latest, the lease's end or this node leaving the cluster.
     *
     * @param id      feed id.
     * @param leaseMs longest a fetch may hold it.
     * @return whether this thread holds it now.
     */
    public boolean claim(final String id, final long leaseMs)
    {
        try
        {
            return locks.tryLock(id, 0, TimeUnit.MILLISECONDS, leaseMs, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /**
     * Gives the right to fetch back; from the thread that claimed it.
     *
     * @param id feed id.
     */
    public void release(final String id)
    {
        if (locks.isLocked(id))
        {
            try
            {
                locks.unlock(id);
            }
            catch (final IllegalMonitorStateException ex)
            {
                // the lease ran out and another node holds it now: nothing of ours to give back
            }
        }
    }

    /**
     * Hears of every definition, redefinition and recorded fetch in the cluster, on a Hazelcast event thread, so a
     * new definition is fetched at once.
     *
     * @param listener receives the feed id.
     */
    public void listen(final Consumer<String> listener)
    {
        feeds.addEntryListener(new Listener(listener), false);
    }

    private static final class Listener implements EntryAddedListener<String, FeedRecord>,
        EntryUpdatedListener<String, FeedRecord>, EntryMergedListener<String, FeedRecord>
    {
        private final Consumer<String> listener;

        Listener(final Consumer<String> listener)
        {
            this.listener = listener;
        }

        @Override
        public void entryAdded(final EntryEvent<String, FeedRecord> event)
        {
            listener.accept(event.getKey());
        }

        @Override
        public void entryUpdated(final EntryEvent<String, FeedRecord> event)
        {
            listener.accept(event.getKey());
        }

        /** A split brain's losing side's entry, kept by the merge policy: as much a change as an update. */
        @Override
        public void entryMerged(final EntryEvent<String, FeedRecord> event)
        {
            listener.accept(event.getKey());
        }
    }
}
