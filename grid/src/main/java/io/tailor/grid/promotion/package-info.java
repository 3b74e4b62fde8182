/**
 * The promotions map: promotion definitions (exposure targets over a period) and their processor. What each
 * promotion delivered is counted in the {@code experiment-counts} map beside the experiment arms.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.promotion;
