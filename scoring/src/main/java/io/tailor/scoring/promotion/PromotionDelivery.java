package io.tailor.scoring.promotion;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Impressions a promotion delivered through the promoted slot, as one node sees them: the cluster-wide total last
 * read from the grid plus what this node counted since the counts that total includes. Counting is one atomic
 * increment on the serving thread; the server's flush thread sends this node's counts to the grid and reads the
 * total back ({@link #settle}).
 * <p>
 * Other nodes' impressions show up here once they flushed and this node read the total again (about twice the
 * flush interval): until then a node may serve a little past the schedule, by at most what the other nodes serve
 * in that time.
 */
public final class PromotionDelivery
{
    /** Impressions this node counted since it started. */
    private final AtomicLong counted = new AtomicLong();
    /** The grid's total, and how much of {@link #counted} it includes: read and written as one. */
    private volatile Settled settled = new Settled(0L, 0L);

    /** The grid's total and this node's part of it. */
    private record Settled(long clusterTotal, long countedIncluded)
    {
    }

    /**
     * Counts one impression through the promoted slot.
     */
    public void shown()
    {
        counted.incrementAndGet();
    }

    /**
     * Impressions delivered cluster-wide as far as this node knows.
     *
     * @return the count.
     */
    public long delivered()
    {
        final Settled last = settled;
        return last.clusterTotal() + counted.get() - last.countedIncluded();
    }

    /**
     * Impressions this node counted since it started (monotonic).
     *
     * @return the count.
     */
    public long counted()
    {
        return counted.get();
    }

    /**
     * Takes a total read from the grid after this node's counts up to {@code countedIncluded} were merged into it.
     *
     * @param clusterTotal    the grid's total.
     * @param countedIncluded {@link #counted()} as it was when the counts now merged were sent.
     */
    public void settle(final long clusterTotal, final long countedIncluded)
    {
        settled = new Settled(clusterTotal, countedIncluded);
    }
}
