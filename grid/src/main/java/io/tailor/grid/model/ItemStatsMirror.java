package io.tailor.grid.model;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemStats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's copy of every product's stats, kept current by events of the {@code item-stats} map.
 * <p>
 * Stats only grow by merging, so of two copies the one with more interactions is the newer; late events
 * never roll a product back.
 */
public final class ItemStatsMirror implements ItemEvidence, EntryAddedListener<Long, ItemStats>,
    EntryUpdatedListener<Long, ItemStats>, EntryRemovedListener<Long, ItemStats>
{
    private final ConcurrentHashMap<Long, ItemStats> stats = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);

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
     * Whether stats changed since the last call; clears the flag.
     *
     * @return true when the model should be rebuilt.
     */
    public boolean takeDirty()
    {
        return dirty.getAndSet(false);
    }

    @Override
    public void entryAdded(final EntryEvent<Long, ItemStats> event)
    {
        upsert(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(final EntryEvent<Long, ItemStats> event)
    {
        upsert(event.getKey(), event.getValue());
    }

    @Override
    public void entryRemoved(final EntryEvent<Long, ItemStats> event)
    {
        stats.remove(event.getKey());
        dirty.set(true);
    }

    private void upsert(final Long key, final ItemStats value)
    {
        if (value == null)
        {
            return;
        }
        stats.merge(key, value, (current, candidate) ->
            candidate.interactions() >= current.interactions() ? candidate : current);
        dirty.set(true);
    }
}
