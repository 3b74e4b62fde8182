package io.tailor.grid.catalog;

import com.hazelcast.config.EvictionConfig;
import com.hazelcast.config.EvictionPolicy;
import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.config.MaxSizePolicy;
import com.hazelcast.map.IMap;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.util.Hashing;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.Supplier;

/**
 * The ids of products that profiles hold and the catalog does not: a product an event named before its upload,
 * one never uploaded, one deleted since. A profile keeps only a product's 64-bit key; this is how it still shows
 * the id as the storefront sent it.
 * <p>
 * Bounded: at most {@link #MAX_PER_MEMBER} ids per member, the least recently used evicted first, so a sender of
 * endless random ids cannot grow it; such a product then shows as {@code #} and its key, as before. Not
 * persisted: after a full restart an id known only here comes back when an event names the product again.
 * Writing is fire-and-forget and deduplicated on the caller's side, so ingestion pays a catalog lookup per named
 * product and, for an unknown one, one asynchronous put.
 */
public final class ProductIds
{
    /** Name of the map: product key to product id. */
    public static final String MAP_NAME = "product-ids";

    /** Most ids one member holds. About 100 bytes each: 10 MB. */
    public static final int MAX_PER_MEMBER = 100_000;

    /** Keys this node sent lately, direct-mapped: the same unknown product in every event is sent once. */
    private static final int RECENT_SLOTS = 4_096;

    private final IMap<Long, String> ids;
    private final Supplier<CatalogSnapshot> catalog;
    private final AtomicLongArray recent = new AtomicLongArray(RECENT_SLOTS);

    /**
     * The registry over its map.
     *
     * @param ids     the map.
     * @param catalog this node's current catalog snapshot.
     */
    public ProductIds(final IMap<Long, String> ids, final Supplier<CatalogSnapshot> catalog)
    {
        this.ids = ids;
        this.catalog = catalog;
    }

    /**
     * The map's configuration on a member.
     *
     * @return backed up once, evicting the least recently used beyond {@link #MAX_PER_MEMBER} per member.
     */
    public static MapConfig mapConfig()
    {
        final MapConfig map = new MapConfig(MAP_NAME).setInMemoryFormat(InMemoryFormat.OBJECT).setBackupCount(1);
        map.setEvictionConfig(new EvictionConfig().setEvictionPolicy(EvictionPolicy.LRU)
            .setMaxSizePolicy(MaxSizePolicy.PER_NODE).setSize(MAX_PER_MEMBER));
        return map;
    }

    /**
     * Remembers the id of every product the events name that the catalog does not hold.
     *
     * @param events events about to be applied.
     */
    public void rememberUnknown(final List<Event> events)
    {
        final CatalogSnapshot known = catalog.get();
        for (final Event event : events)
        {
            rememberIfUnknown(known, event.product());
            if (event.items() != null)
            {
                for (final LineItem item : event.items())
                {
                    rememberIfUnknown(known, item.product());
                }
            }
        }
    }

    private void rememberIfUnknown(final CatalogSnapshot known, final String product)
    {
        if (product != null)
        {
            final long key = Hashing.key(product);
            if (known.indexOf(key) == CatalogSnapshot.MISSING)
            {
                remember(key, product);
            }
        }
    }

    /**
     * Remembers a product's id, e.g. of a product removed from the catalog.
     *
     * @param key the product's key ({@link Hashing#key(CharSequence)} of its id).
     * @param id  its id.
     */
    public void remember(final long key, final String id)
    {
        final int slot = (int) (key ^ (key >>> 32)) & (RECENT_SLOTS - 1);
        if (key == Hashing.NONE || recent.get(slot) == key)
        {
            return;
        }
        recent.set(slot, key);
        ids.setAsync(key, id);
    }

    /**
     * The remembered ids of the given keys.
     *
     * @param keys product keys.
     * @return the ids found, by key; keys with none are absent.
     */
    public CompletionStage<Map<Long, String>> idsOf(final long[] keys)
    {
        final Map<Long, String> found = new HashMap<>();
        CompletableFuture<Void> all = CompletableFuture.completedFuture(null);
        for (final long key : keys)
        {
            final CompletionStage<String> id = ids.getAsync(key);
            all = all.thenCombine(id, (ignored, value) ->
            {
                if (value != null)
                {
                    found.put(key, value);
                }
                return null;
            });
        }
        return all.thenApply(ignored -> found);
    }
}
