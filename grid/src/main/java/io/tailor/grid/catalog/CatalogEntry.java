package io.tailor.grid.catalog;

import io.tailor.scoring.catalog.Product;

/**
 * A product as stored in the grid's {@code catalog} map, with the version of its last change.
 * <p>
 * Versions order changes of the same product so that each node's local mirror, and a restarted
 * cluster loading its data files, keep the newest one whatever order copies arrive in. A removed product
 * stays as a tombstone (no product, a higher version) so an older copy never comes back.
 *
 * @param product the product, or {@code null} for a tombstone.
 * @param version when it changed, as a number that grows with every change.
 */
public record CatalogEntry(Product product, long version)
{
    /**
     * The entry left by removing a product.
     *
     * @param version version of the removal, higher than the product's.
     * @return the tombstone.
     */
    public static CatalogEntry tombstone(final long version)
    {
        return new CatalogEntry(null, version);
    }

    /**
     * Whether this is a tombstone.
     *
     * @return true when the product was removed.
     */
    public boolean removed()
    {
        return product == null;
    }
}
