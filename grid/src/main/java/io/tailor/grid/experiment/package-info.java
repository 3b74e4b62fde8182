/**
 * The experiments map: experiment definitions (placement, arms, attribution window) and the processor that
 * defines, stops and deletes them on their owner.
 * <p>
 * May depend on: grid.support, grid.serialization.
 */
package io.tailor.grid.experiment;
