package io.tailor.loadtest.report;

/**
 * Server-side latency of one route, as the server's {@code GET /metrics/latency} reports it (microseconds,
 * since the last reset).
 *
 * @param route  e.g. {@code GET /v1/recommendations}.
 * @param count  requests.
 * @param p50Us  median.
 * @param p90Us  90th percentile.
 * @param p99Us  99th percentile.
 * @param p999Us 99.9th percentile.
 * @param maxUs  largest.
 */
public record ServerRoute(String route, long count, double p50Us, double p90Us, double p99Us, double p999Us,
    double maxUs)
{
}
