package io.tailor.server.json;

import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import io.tailor.scoring.catalog.CatalogSnapshot;

/**
 * Product ids as JSON strings, escaped and UTF-8 encoded once per catalog snapshot and product instead of once per
 * answer: an answer's ids are then a copy of bytes each, not a walk from the product to its id's characters and
 * their encoding (the JSON answer was a fifth of the event loops' samples, and a third of that the ids). Filled
 * lazily as products are served; a new snapshot starts an empty table, since a full rebuild may move products to
 * other indexes. One per event loop: not thread-safe.
 */
public final class ProductIdJson
{
    private CatalogSnapshot catalog;
    private SerializedString[] ids = new SerializedString[0];

    /**
     * A product's id, ready for {@link com.fasterxml.jackson.core.JsonGenerator#writeString(SerializableString)}.
     *
     * @param catalog the snapshot the item index belongs to.
     * @param item    the product's index in it.
     * @return its id.
     */
    public SerializableString of(final CatalogSnapshot catalog, final int item)
    {
        if (catalog != this.catalog)
        {
            this.catalog = catalog;
            ids = new SerializedString[catalog.size()];
        }
        SerializedString id = ids[item];
        if (id == null)
        {
            id = new SerializedString(catalog.product(item).id());
            ids[item] = id;
        }
        return id;
    }
}
