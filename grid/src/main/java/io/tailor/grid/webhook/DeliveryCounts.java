package io.tailor.grid.webhook;

/**
 * What a member's webhook dispatcher counted since it started, per webhook: the server node supplies it through the
 * member's user context under {@link #KEY}, and {@link DeliveryCountsTask} reads it on every member, so that the
 * API can show a webhook's counts cluster-wide wherever the deliveries were sent (embedded nodes or dedicated
 * members).
 */
public interface DeliveryCounts
{
    /** Key of the counts in the Hazelcast member's user context. */
    String KEY = "tailor.webhook-counts";
    /** Index of the deliveries acknowledged with a 2xx. */
    int DELIVERED = 0;
    /** Index of the failed attempts to be retried. */
    int RETRIED = 1;
    /** Index of the deliveries given up past the retry horizon (dead letters). */
    int FAILED = 2;
    /** Index of the deliveries dropped (no marketing consent, webhook deleted). */
    int DROPPED = 3;
    /** Index of the last acknowledged delivery's time from transition to acknowledgement, in ms; -1 for none. */
    int LAG_MS = 4;
    /** Index of when that delivery was acknowledged (epoch ms); 0 for none. */
    int LAG_AT_MS = 5;
    /** Length of a count array. */
    int LENGTH = 6;

    /**
     * One webhook's counts on this member.
     *
     * @param webhook webhook id.
     * @return a new array of {@link #LENGTH} values, zeros (lag -1) when this member sent none.
     */
    long[] of(String webhook);

    /**
     * Adds a member's counts to a cluster-wide total: counts add up, the lag is the latest acknowledgement's.
     *
     * @param total  the total so far, changed.
     * @param member one member's counts.
     */
    static void add(final long[] total, final long[] member)
    {
        for (int i = DELIVERED; i <= DROPPED; i++)
        {
            total[i] += member[i];
        }
        if (member[LAG_MS] >= 0 && member[LAG_AT_MS] >= total[LAG_AT_MS])
        {
            total[LAG_MS] = member[LAG_MS];
            total[LAG_AT_MS] = member[LAG_AT_MS];
        }
    }

    /**
     * Counts of nothing sent.
     *
     * @return a new array.
     */
    static long[] none()
    {
        final long[] counts = new long[LENGTH];
        counts[LAG_MS] = -1;
        return counts;
    }
}
