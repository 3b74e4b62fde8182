/**
 * A plain Vert.x client for what is not measured: bulk loading, readiness, the server's latency endpoint; API key
 * option.
 * <p>
 * May depend on: loadtest.report, Vert.x.
 */
package io.tailor.loadtest.http;
