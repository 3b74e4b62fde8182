/**
 * A member's Chronicle Map data files: LocalFile, MemberFiles (one file per map), the write-through MapStore (and the
 * settling of the key-load wait Hazelcast keeps for it), the stored form and version of every map value, and the
 * higher-version merge policy.
 * <p>
 * May depend on: the value types of grid.catalog, grid.identity, grid.segment, grid.experiment, and scoring.
 */
package io.tailor.grid.persist;
