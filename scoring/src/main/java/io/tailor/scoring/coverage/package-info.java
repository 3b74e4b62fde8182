/**
 * Catalog coverage: which products the served lists showed, per placement and hour, as mergeable distinct-count
 * sketches, and the share of the in-stock catalog they make over the last day.
 * <p>
 * May depend on: scoring.rank, scoring.catalog, scoring.util.
 */
package io.tailor.scoring.coverage;
