/**
 * What customer data costs per profile: an event applied to a busy shopper's stored profile, a segment evaluated
 * against one.
 * <p>
 * May depend on: scoring.
 */
package io.tailor.benchmarks.customer;
