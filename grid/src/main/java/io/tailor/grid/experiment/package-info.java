/**
 * The experiments maps: experiment definitions (placement, arms, attribution window) and the processor that
 * defines, stops and deletes them on their owner; per arm, the counts every node merges in (lists, credited events,
 * revenue, shopper sketches).
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.experiment;
