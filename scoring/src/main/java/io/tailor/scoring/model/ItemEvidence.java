package io.tailor.scoring.model;

/**
 * What the interaction stream has taught about products, as the item model is built from it.
 * <p>
 * The grid implements it with a mirror of its item maps; the offline evaluation with an in-memory
 * {@link ItemSignalAccumulator} fed by the same profile updater. Both feed the same
 * {@link ItemModel#build(io.tailor.scoring.catalog.CatalogSnapshot, ItemEvidence, long, ModelSettings, long)}.
 */
public interface ItemEvidence
{
    /** Evidence of nothing: every product is unknown. */
    ItemEvidence NONE = productKey -> null;

    /**
     * Interaction stats of a product.
     *
     * @param productKey product key.
     * @return its stats, or {@code null} when nothing is known of it.
     */
    ItemStats stats(long productKey);
}
