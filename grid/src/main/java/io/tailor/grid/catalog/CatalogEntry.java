package io.tailor.grid.catalog;

import io.tailor.scoring.catalog.Product;

/**
 * A product as stored in the grid's {@code catalog} map, with the version of its last upload.
 * <p>
 * Versions order uploads of the same product so that each node's local mirror keeps the newest one,
 * whatever order map events arrive in.
 *
 * @param product the product.
 * @param version when it was uploaded, as a number that grows with every upload.
 */
public record CatalogEntry(Product product, long version)
{
}
