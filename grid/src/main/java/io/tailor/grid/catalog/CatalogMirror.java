package io.tailor.grid.catalog;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.tailor.scoring.catalog.Product;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * This node's copy of the whole catalog, kept current by map events, from which catalog snapshots are
 * built.
 * <p>
 * Map events can arrive late and out of order relative to the initial load; every entry carries the
 * version of its upload and the mirror keeps the newest. A removal (a tombstone entry, or an entry
 * removed from the map) is remembered with its version, so a late event for an older upload cannot bring
 * a removed product back.
 */
public final class CatalogMirror implements EntryAddedListener<String, CatalogEntry>,
    EntryUpdatedListener<String, CatalogEntry>, EntryRemovedListener<String, CatalogEntry>,
    EntryEvictedListener<String, CatalogEntry>
{
    private final ConcurrentHashMap<String, CatalogEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> removed = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean(true);

    /**
     * Loads entries read from the map; newer ones already mirrored win.
     *
     * @param loaded entries of the catalog map.
     */
    public void load(final Map<String, CatalogEntry> loaded)
    {
        for (final Map.Entry<String, CatalogEntry> entry : loaded.entrySet())
        {
            upsert(entry.getKey(), entry.getValue());
        }
        dirty.set(true);
    }

    /**
     * Applies entries this node just stored, before their map events arrive; the events, when they come,
     * change nothing (same versions).
     *
     * @param written stored entries by product id, tombstones included.
     */
    public void applyWritten(final Map<String, CatalogEntry> written)
    {
        for (final Map.Entry<String, CatalogEntry> entry : written.entrySet())
        {
            upsert(entry.getKey(), entry.getValue());
        }
    }

    /**
     * Every product, in no particular order.
     *
     * @return a new list of the mirrored products.
     */
    public List<Product> products()
    {
        final List<Product> products = new ArrayList<>(entries.size());
        for (final CatalogEntry entry : entries.values())
        {
            products.add(entry.product());
        }
        return products;
    }

    /**
     * Number of products mirrored.
     *
     * @return the count.
     */
    public int size()
    {
        return entries.size();
    }

    /**
     * Whether the catalog changed since the last call; clears the flag.
     *
     * @return true when a snapshot should be rebuilt.
     */
    public boolean takeDirty()
    {
        return dirty.getAndSet(false);
    }

    @Override
    public void entryAdded(final EntryEvent<String, CatalogEntry> event)
    {
        upsert(event.getKey(), event.getValue());
    }

    @Override
    public void entryUpdated(final EntryEvent<String, CatalogEntry> event)
    {
        upsert(event.getKey(), event.getValue());
    }

    @Override
    public void entryRemoved(final EntryEvent<String, CatalogEntry> event)
    {
        remove(event.getKey(), event.getOldValue());
    }

    @Override
    public void entryEvicted(final EntryEvent<String, CatalogEntry> event)
    {
        remove(event.getKey(), event.getOldValue());
    }

    private void upsert(final String id, final CatalogEntry entry)
    {
        if (entry != null && entry.removed())
        {
            remove(id, entry);
            return;
        }
        final Long removedVersion = removed.get(id);
        if (entry == null || (removedVersion != null && removedVersion >= entry.version()))
        {
            return;
        }
        entries.merge(id, entry, (current, candidate) -> candidate.version() > current.version() ? candidate : current);
        dirty.set(true);
    }

    private void remove(final String id, final CatalogEntry old)
    {
        final long version = old == null ? Long.MAX_VALUE : old.version();
        removed.merge(id, version, Math::max);
        entries.computeIfPresent(id, (key, current) -> current.version() <= version ? null : current);
        dirty.set(true);
    }
}
