/**
 * This node's item model: the item-signal ring, the item-stats map (its name, merges and local mirror), and
 * ModelRefresher, which publishes rebuilt models to ItemModelHolder.
 * <p>
 * May depend on: grid.catalog, grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.model;
