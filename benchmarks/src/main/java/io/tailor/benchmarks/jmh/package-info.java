/**
 * JMH benchmarks of the scoring kernel, a whole recommendation, a profile update, model rebuilds and the factor
 * search, over a synthetic store.
 * <p>
 * May depend on: scoring.
 */
package io.tailor.benchmarks.jmh;
