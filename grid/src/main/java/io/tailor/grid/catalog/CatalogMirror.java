package io.tailor.grid.catalog;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryEvictedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryRemovedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;
import io.tailor.scoring.catalog.Product;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
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
    EntryEvictedListener<String, CatalogEntry>, EntryMergedListener<String, CatalogEntry>
{
    private final ConcurrentHashMap<String, CatalogEntry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Long> removed = new ConcurrentHashMap<>();
    /** Most upserts patched into a snapshot; more are cheaper to build in full. */
    public static final int MAX_PATCH = 1_000;

    private final AtomicBoolean dirty = new AtomicBoolean(true);
    /** Guards {@link #upserted} and {@link #fullBuild}; taken by map event threads and the refresher, briefly. */
    private final Object changes = new Object();
    private Set<String> upserted = new HashSet<>();
    private boolean fullBuild = true;

    /**
     * What changed since the last snapshot was taken.
     *
     * @param any       whether anything changed.
     * @param fullBuild whether only a full build applies it (a removal, a load, too many changes).
     * @param upserted  the newest version of every product upserted since, when a patch can apply them.
     */
    public record Changes(boolean any, boolean fullBuild, List<Product> upserted)
    {
        /** Nothing changed. */
        public static final Changes NONE = new Changes(false, false, List.of());
    }

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
        synchronized (changes)
        {
            fullBuild = true;
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
     * What changed since the last call, and clears it.
     *
     * @return the changes; {@link Changes#NONE} when nothing changed.
     */
    public Changes takeChanges()
    {
        synchronized (changes)
        {
            if (!dirty.getAndSet(false))
            {
                return Changes.NONE;
            }
            final List<Product> products = fullBuild ? null : newest(upserted);
            upserted = new HashSet<>();
            fullBuild = false;
            return products == null ? new Changes(true, true, List.of()) : new Changes(true, false, products);
        }
    }

    /**
     * The changes since the last take when a patch can apply them, and clears them; when only a full build can,
     * leaves them for {@link #takeChanges()} and answers with {@code fullBuild} set.
     *
     * @return the changes, {@link Changes#NONE} when nothing changed.
     */
    public Changes takePatch()
    {
        synchronized (changes)
        {
            if (fullBuild && dirty.get())
            {
                return new Changes(true, true, List.of());
            }
            return takeChanges();
        }
    }

    /**
     * Marks the catalog as changed in a way only a full build applies, for changes taken by {@link #takePatch()}
     * that the snapshot could not patch in after all.
     */
    public void requireFullBuild()
    {
        synchronized (changes)
        {
            fullBuild = true;
            dirty.set(true);
        }
    }

    /** The mirrored version of each product, or {@code null} when one is gone (only a full build applies that). */
    private List<Product> newest(final Set<String> ids)
    {
        final List<Product> products = new ArrayList<>(ids.size());
        for (final String id : ids)
        {
            final CatalogEntry entry = entries.get(id);
            if (entry == null)
            {
                return null;
            }
            products.add(entry.product());
        }
        return products;
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

    /** A split brain's losing side's entry, kept by the merge policy: as much a change as an update. */
    @Override
    public void entryMerged(final EntryEvent<String, CatalogEntry> event)
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
        synchronized (changes)
        {
            if (!fullBuild && upserted.size() < MAX_PATCH)
            {
                upserted.add(id);
            }
            else
            {
                fullBuild = true;
            }
            dirty.set(true);
        }
    }

    private void remove(final String id, final CatalogEntry old)
    {
        final long version = old == null ? Long.MAX_VALUE : old.version();
        removed.merge(id, version, Math::max);
        entries.computeIfPresent(id, (key, current) -> current.version() <= version ? null : current);
        synchronized (changes)
        {
            fullBuild = true;
            dirty.set(true);
        }
    }
}
