/**
 * Small allocation-free helpers every package shares: hashing ids to keys, time decay, half floats, bounded best-first
 * insertion, wire-name lookup, distinct-count sketches.
 * <p>
 * A leaf: depends on the JDK only.
 */
package io.tailor.scoring.util;
