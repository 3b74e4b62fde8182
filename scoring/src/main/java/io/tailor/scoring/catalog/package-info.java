/**
 * Products and the immutable, columnar catalog snapshot that the hot path reads; content vectors from a product's
 * category, brand and attributes (feature hashing).
 * <p>
 * May depend on: scoring.util and the JDK.
 */
package io.tailor.scoring.catalog;
