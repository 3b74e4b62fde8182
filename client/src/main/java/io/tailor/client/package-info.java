/**
 * The Java client of Tailor's HTTP API: {@link io.tailor.client.TailorClient} for recommendations with a deadline
 * and a fallback, events in NDJSON batches behind a bounded queue, products and identity links, with retries on
 * 429 and 503 that honour {@code Retry-After}. The JDK's {@code java.net.http} and Jackson only.
 */
package io.tailor.client;
