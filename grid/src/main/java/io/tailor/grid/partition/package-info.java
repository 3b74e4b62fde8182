/**
 * Addressing Hazelcast partitions: a key per partition for partition-wide operations. A leaf: it depends on
 * Hazelcast's public API only, and every other grid package may use it.
 */
package io.tailor.grid.partition;
