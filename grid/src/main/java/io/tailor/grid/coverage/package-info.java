/**
 * The {@code coverage-sketches} map: per placement and hour, the sketch of the products the served lists showed,
 * merged from every node by the larger register on the bucket's owner, and removed after a day and an hour.
 * <p>
 * May depend on: grid.support, grid.serialization, and scoring.
 */
package io.tailor.grid.coverage;
