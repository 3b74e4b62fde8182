/**
 * The item model: per-product stats (popularity, co-occurrence rows, time to purchase) merged from item signals, the
 * immutable model built from them, and the collaborative item factors.
 * <p>
 * May depend on: scoring.catalog, scoring.vector, scoring.util. Not on profiles: signals arrive through
 * ItemSignalHandler, declared here.
 */
package io.tailor.scoring.model;
