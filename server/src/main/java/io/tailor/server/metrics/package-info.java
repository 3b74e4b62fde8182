/**
 * Prometheus metrics of the node and the grid, and per-route HdrHistogram latencies.
 * <p>
 * May depend on: grid and scoring; no other server package.
 */
package io.tailor.server.metrics;
