package io.tailor.loadtest.report;

import org.HdrHistogram.Histogram;

/**
 * The percentiles a summary shows, in microseconds.
 *
 * @param count  values recorded.
 * @param p50Us  median.
 * @param p90Us  90th percentile.
 * @param p99Us  99th percentile.
 * @param p999Us 99.9th percentile.
 * @param p9999Us 99.99th percentile.
 * @param maxUs  largest value.
 * @param meanUs mean.
 */
public record LatencySummary(long count, double p50Us, double p90Us, double p99Us, double p999Us, double p9999Us,
    double maxUs, double meanUs)
{
    /**
     * The summary of a histogram of nanoseconds.
     *
     * @param histogram values in nanoseconds.
     * @return percentiles in microseconds (all 0 when empty).
     */
    public static LatencySummary of(final Histogram histogram)
    {
        if (histogram.getTotalCount() == 0)
        {
            return new LatencySummary(0, 0, 0, 0, 0, 0, 0, 0);
        }
        return new LatencySummary(histogram.getTotalCount(),
            micros(histogram.getValueAtPercentile(50)),
            micros(histogram.getValueAtPercentile(90)),
            micros(histogram.getValueAtPercentile(99)),
            micros(histogram.getValueAtPercentile(99.9)),
            micros(histogram.getValueAtPercentile(99.99)),
            micros(histogram.getMaxValue()),
            Math.round(histogram.getMean() / 10.0) / 100.0);
    }

    private static double micros(final long nanos)
    {
        return Math.round(nanos / 10.0) / 100.0;
    }
}
