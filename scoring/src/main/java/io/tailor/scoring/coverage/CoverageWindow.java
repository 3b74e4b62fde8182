package io.tailor.scoring.coverage;

import io.tailor.scoring.util.DistinctSketch;

/**
 * The hourly buckets of catalog coverage: a bucket is the sketch of the products shown in one placement during one
 * clock hour (UTC, counted from the epoch), merged over every node. Coverage over the last day is the union of the
 * last {@link #HOURS} buckets, the current one included; a bucket is kept {@link #KEEP_HOURS} hours, one more than
 * the window, so that nodes whose clocks disagree by minutes still find it, and removed after.
 */
public final class CoverageWindow
{
    /** Length of an hourly bucket. */
    public static final long HOUR_MS = 3_600_000L;
    /** Buckets in the window: the current hour and the 23 before it. */
    public static final int HOURS = 24;
    /** A bucket is removed once its hour started this many hours before the current one. */
    public static final int KEEP_HOURS = 25;

    private CoverageWindow()
    {
    }

    /**
     * The bucket of a time.
     *
     * @param epochMs the time.
     * @return hours since the epoch, rounded down.
     */
    public static long hourOf(final long epochMs)
    {
        return Math.floorDiv(epochMs, HOUR_MS);
    }

    /**
     * Whether a bucket is part of the last day's window.
     *
     * @param bucketHour the bucket's hour.
     * @param nowHour    the current hour.
     * @return true for the current hour and the {@link #HOURS} - 1 before it.
     */
    public static boolean inWindow(final long bucketHour, final long nowHour)
    {
        return bucketHour <= nowHour && bucketHour > nowHour - HOURS;
    }

    /**
     * Whether a bucket is old enough to be removed.
     *
     * @param bucketHour the bucket's hour.
     * @param nowHour    the current hour.
     * @return true once the bucket's hour started {@link #KEEP_HOURS} hours or more before the current one.
     */
    public static boolean expired(final long bucketHour, final long nowHour)
    {
        return bucketHour <= nowHour - KEEP_HOURS;
    }

    /**
     * Merges a bucket into the union of a window, if it belongs there.
     *
     * @param union      the union so far, {@link DistinctSketch#REGISTERS} bytes.
     * @param bucketHour the bucket's hour.
     * @param bucket     the bucket's sketch.
     * @param nowHour    the current hour.
     * @return whether the bucket was in the window.
     */
    public static boolean addToUnion(final byte[] union, final long bucketHour, final byte[] bucket,
        final long nowHour)
    {
        if (!inWindow(bucketHour, nowHour))
        {
            return false;
        }
        DistinctSketch.merge(union, bucket);
        return true;
    }

    /**
     * The share of in-stock products shown.
     *
     * @param distinctShown estimated distinct products shown in the window.
     * @param inStock       products in stock now.
     * @return the share, 0 for an empty catalog, at most 1 (the estimate's error, and products shown and gone out
     *     of stock since, could make it more).
     */
    public static double ratio(final long distinctShown, final int inStock)
    {
        return inStock <= 0 ? 0.0 : Math.min(1.0, (double)distinctShown / inStock);
    }
}
