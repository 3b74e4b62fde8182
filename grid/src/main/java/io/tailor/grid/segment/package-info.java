/**
 * The segments map: segment definitions and their processor, and the aggregation that counts and pages a segment's
 * members where the profiles live.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.segment;
