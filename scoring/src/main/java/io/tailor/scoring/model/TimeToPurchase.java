package io.tailor.scoring.model;

import java.util.Arrays;

/**
 * The distribution of the time shoppers take from first viewing, clicking or carting a product to buying it:
 * a histogram over log-spaced buckets from a minute to a month, merged by adding counts, so deltas from any
 * node in any order sum to the same distribution.
 * <pre>
 *   bucket upper bounds: 1m 5m 15m 30m 1h 2h 4h 8h 12h 1d 2d 3d 5d 7d 14d 30d 60d(+)
 * </pre>
 * Quantiles interpolate linearly within a bucket. Not thread safe.
 */
public final class TimeToPurchase
{
    private static final long MINUTE = 60_000L;
    private static final long HOUR = 60 * MINUTE;
    private static final long DAY = 24 * HOUR;

    /** Upper bound of each bucket; the last holds everything longer than 30 days. */
    static final long[] BOUNDS = {MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 2 * HOUR, 4 * HOUR,
        8 * HOUR, 12 * HOUR, DAY, 2 * DAY, 3 * DAY, 5 * DAY, 7 * DAY, 14 * DAY, 30 * DAY, 60 * DAY};

    /** Number of buckets. */
    public static final int BUCKETS = BOUNDS.length;

    private final long[] counts;
    private long total;

    /** An empty distribution. */
    public TimeToPurchase()
    {
        this.counts = new long[BUCKETS];
    }

    /**
     * A distribution with given bucket counts, as read back from a binary form.
     *
     * @param counts count per bucket; copied. Shorter arrays leave the last buckets empty.
     */
    public TimeToPurchase(final long[] counts)
    {
        this.counts = Arrays.copyOf(counts, BUCKETS);
        long sum = 0;
        for (final long count : this.counts)
        {
            sum += count;
        }
        this.total = sum;
    }

    /**
     * Adds one observed delay.
     *
     * @param delayMs time from first interest to purchase.
     * @return this.
     */
    public TimeToPurchase add(final long delayMs)
    {
        counts[bucketOf(delayMs)]++;
        total++;
        return this;
    }

    /**
     * Adds another distribution's counts.
     *
     * @param other distribution to add, unchanged.
     * @return this.
     */
    public TimeToPurchase merge(final TimeToPurchase other)
    {
        for (int b = 0; b < BUCKETS; b++)
        {
            counts[b] += other.counts[b];
        }
        total += other.total;
        return this;
    }

    /**
     * Number of observed purchases.
     *
     * @return the count.
     */
    public long count()
    {
        return total;
    }

    /**
     * Count of one bucket.
     *
     * @param bucket 0 to {@link #BUCKETS} - 1.
     * @return the count.
     */
    public long bucketCount(final int bucket)
    {
        return counts[bucket];
    }

    /**
     * Share of purchases that came within a time of the first interest.
     *
     * @param delayMs time since first interest.
     * @return F(delay), 0 to 1; 0 when nothing was observed.
     */
    public double cdf(final long delayMs)
    {
        if (total == 0 || delayMs <= 0)
        {
            return 0.0;
        }
        double below = 0;
        long lower = 0;
        for (int b = 0; b < BUCKETS; b++)
        {
            final long upper = BOUNDS[b];
            if (delayMs < upper || b == BUCKETS - 1)
            {
                final double within = Math.min(1.0, (double)(delayMs - lower) / (upper - lower));
                return Math.min(1.0, (below + counts[b] * within) / total);
            }
            below += counts[b];
            lower = upper;
        }
        return 1.0;
    }

    /**
     * The delay within which a share of purchases came.
     *
     * @param share 0 to 1, e.g. 0.5 for the median.
     * @return the delay in milliseconds; 0 when nothing was observed.
     */
    public long quantile(final double share)
    {
        if (total == 0)
        {
            return 0;
        }
        final double target = share * total;
        double below = 0;
        long lower = 0;
        for (int b = 0; b < BUCKETS; b++)
        {
            final long upper = BOUNDS[b];
            if (counts[b] > 0 && below + counts[b] >= target)
            {
                final double within = (target - below) / counts[b];
                return lower + Math.round(within * (upper - lower));
            }
            below += counts[b];
            lower = upper;
        }
        return BOUNDS[BUCKETS - 1];
    }

    /**
     * A copy.
     *
     * @return a new distribution with the same counts.
     */
    public TimeToPurchase copy()
    {
        return new TimeToPurchase(counts);
    }

    static int bucketOf(final long delayMs)
    {
        for (int b = 0; b < BUCKETS - 1; b++)
        {
            if (delayMs < BOUNDS[b])
            {
                return b;
            }
        }
        return BUCKETS - 1;
    }
}
