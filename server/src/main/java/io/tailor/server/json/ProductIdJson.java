package io.tailor.server.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.tailor.scoring.catalog.CatalogSnapshot;

import java.util.Arrays;

/**
 * Product ids as JSON strings, escaped and UTF-8 encoded once per product instead of once per answer: an answer's
 * ids are then a copy of bytes each, not a walk from the product to its id's characters and their encoding (the
 * JSON answer was a fifth of the event loops' samples, and a third of that the ids). Filled lazily as products are
 * served, by index, each entry with the key of the product it was encoded for.
 * <p>
 * An entry is kept across catalog snapshots while the product at its index has the same key: a launch or a stock
 * change (a patch, which keeps every product's index) re-encodes nothing, and a full rebuild that moves products to
 * other indexes re-encodes those that moved, as they are served. It once started an empty table on every new
 * snapshot: at 100,000 products and the storefront mix's three launches a second, each event loop then allocated a
 * new table and re-encoded every id it served after every launch (about 0.1 MB per launch at 2,000 req/s;
 * benchmarks/RESULTS.md, "Per page view", thirteenth slice). One per event loop: not thread-safe.
 */
public final class ProductIdJson
{
    private SerializedString[] ids = new SerializedString[0];
    private long[] keys = new long[0];

    /**
     * A product's id, ready for {@link com.fasterxml.jackson.core.JsonGenerator#writeString(SerializableString)}.
     *
     * @param catalog the snapshot the item index belongs to.
     * @param item    the product's index in it.
     * @return its id.
     */
    public SerializableString of(final CatalogSnapshot catalog, final int item)
    {
        if (item >= ids.length)
        {
            grow(catalog.size());
        }
        final long key = catalog.key(item);
        SerializedString id = ids[item];
        if (id == null || keys[item] != key)
        {
            id = new SerializedString(catalog.product(item).id());
            ids[item] = id;
            keys[item] = key;
        }
        return id;
    }

    /** Room for a catalog's products, and for its launches to come (doubling, so growth is rare). */
    private void grow(final int size)
    {
        final int capacity = Math.max(size, ids.length * 2);
        ids = Arrays.copyOf(ids, capacity);
        keys = Arrays.copyOf(keys, capacity);
    }
}
