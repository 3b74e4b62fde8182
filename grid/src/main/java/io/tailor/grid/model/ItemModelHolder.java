package io.tailor.grid.model;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ModelSettings;

/**
 * The current local {@link ItemModel} (with its catalog snapshot), swapped atomically by the model
 * refresher and read without locks by request handlers and entry processors.
 */
public final class ItemModelHolder
{
    private volatile ItemModel current;
    private volatile boolean loaded;

    /**
     * Holder starting with an empty catalog.
     *
     * @param dimensions vector dimension.
     * @param settings   model settings.
     */
    public ItemModelHolder(final int dimensions, final ModelSettings settings)
    {
        this.current = ItemModel.build(CatalogSnapshot.empty(dimensions), ItemEvidence.NONE, 0L, settings, 0L);
    }

    /**
     * The current model; read it once per request and use that instance throughout.
     *
     * @return the model.
     */
    public ItemModel current()
    {
        return current;
    }

    /**
     * Whether the model has been built from the grid's data at least once since start.
     *
     * @return true once loaded.
     */
    public boolean loaded()
    {
        return loaded;
    }

    void publish(final ItemModel model)
    {
        current = model;
    }

    void markLoaded()
    {
        loaded = true;
    }
}
