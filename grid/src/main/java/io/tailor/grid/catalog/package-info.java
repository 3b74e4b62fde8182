/**
 * The catalog map: entries with versions and tombstones, their codec and serializer, the store, the local mirror and
 * the removal processor.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.catalog;
