package io.tailor.grid.feed;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
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
 * One node fetches a feed at a time: a member looks only at the feeds of the partitions it owns (ownership moves
 * to the others when it leaves), and whoever fetches holds the feed's map lock, released when the fetch ends or the
 * node leaves the cluster; a client node (HTTP beside a dedicated grid) competes for the lock on every feed.
 */
public final class FeedStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "feeds";

    private final IMap<String, FeedRecord> feeds;
    private final boolean member;

    /**
     * Store over a map.
     *
     * @param feeds  the feeds map.
     * @param member whether this node is a grid member (it owns partitions) rather than a client.
     */
    public FeedStore(final IMap<String, FeedRecord> feeds, final boolean member)
    {
        this.feeds = feeds;
        this.member = member;
    }

    /**
     * Defines or redefines a feed, due at once. Completes on a Hazelcast thread.
     *
     * @param id         feed id.
     * @param definition the definition, JSON.
     * @param nowMs      when.
     * @return the stored record.
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
     * The feeds this node should consider fetching: on a member, those of the partitions it owns; on a client,
     * all. Blocks.
     *
     * @return feed ids.
     */
    public List<String> candidates()
    {
        return new ArrayList<>(member ? feeds.localKeySet() : feeds.keySet());
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
            return feeds.tryLock(id, 0, TimeUnit.MILLISECONDS, leaseMs, TimeUnit.MILLISECONDS);
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
        if (feeds.isLocked(id))
        {
            try
            {
                feeds.unlock(id);
            }
            catch (final IllegalMonitorStateException ex)
            {
                // the lease ran out and another node holds it now: nothing of ours to give back
            }
        }
    }

    /**
     * Hears of definitions and redefinitions this member owns (on a client: of every one), on a Hazelcast event
     * thread, so the owner fetches a new definition at once.
     *
     * @param listener receives the feed id.
     */
    public void listen(final Consumer<String> listener)
    {
        final Listener hears = new Listener(listener);
        if (member)
        {
            feeds.addLocalEntryListener(hears);
        }
        else
        {
            feeds.addEntryListener(hears, false);
        }
    }

    private static final class Listener implements EntryAddedListener<String, FeedRecord>,
        EntryUpdatedListener<String, FeedRecord>
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
    }
}
