/**
 * Dot products over packed float vectors: a scalar kernel and one on the JDK's Vector API, chosen once.
 * <p>
 * A leaf: depends on the JDK (and its incubating Vector API) only.
 */
package io.tailor.scoring.vector;
