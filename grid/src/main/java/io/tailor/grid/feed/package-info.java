/**
 * The feeds map: catalog feed definitions with the outcome of their last fetch, the ids of the products it carried
 * (what the next fetch diffs against) and when the next fetch is due; and its processors.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.feed;
