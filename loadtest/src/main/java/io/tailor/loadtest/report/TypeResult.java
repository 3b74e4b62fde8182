package io.tailor.loadtest.report;

import java.util.Map;

/**
 * What one request type measured.
 *
 * @param name             type name, e.g. {@code recommendations}.
 * @param requests         requests answered or failed in the measured period.
 * @param throughputPerSec requests per second.
 * @param itemsPerSec      events (or products) per second, for batch requests; equal to the throughput otherwise.
 * @param latency          latency from the intended send time (coordinated omission corrected).
 * @param serviceTime      latency from the actual send time (uncorrected), for comparison.
 * @param statuses         counts by HTTP status, plus {@code io-error} and {@code timeout}.
 * @param errors           requests that did not get a 2xx answer.
 */
public record TypeResult(String name, long requests, double throughputPerSec, double itemsPerSec,
    LatencySummary latency, LatencySummary serviceTime, Map<String, Long> statuses, long errors)
{
}
