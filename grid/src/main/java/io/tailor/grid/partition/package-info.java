/**
 * Addressing Hazelcast partitions: a key of each partition, for partition-wide operations (the owner replica's
 * fill, the data files' fill of a new owner).
 * <p>
 * May depend on: Hazelcast's public API only.
 */
package io.tailor.grid.partition;
