/**
 * What is sent: the storefront mix, ping, recommendations only, events only (single or NDJSON batches), written as raw
 * HTTP requests.
 * <p>
 * May depend on: loadtest.driver, loadtest.data.
 */
package io.tailor.loadtest.scenario;
