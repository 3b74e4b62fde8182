/**
 * Near-purchase audiences: the aggregation that finds, on each member, the shoppers most likely to buy a product soon.
 * <p>
 * May depend on: grid.serialization and scoring.
 */
package io.tailor.grid.audience;
