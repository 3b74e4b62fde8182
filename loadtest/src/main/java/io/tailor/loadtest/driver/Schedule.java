package io.tailor.loadtest.driver;

/**
 * The open model's timetable: request {@code i} is due at {@code start + i × interval}, whatever happened to
 * the requests before it. A request sent late is still timed from when it was due, so a stalled server costs
 * every request that should have gone out during the stall (coordinated omission corrected, as wrk2 does).
 */
public final class Schedule
{
    private final long startNs;
    private final double intervalNs;
    private final long endNs;

    /**
     * A timetable.
     *
     * @param startNs       when request 0 is due ({@link System#nanoTime()} clock).
     * @param ratePerSecond requests per second, more than 0.
     * @param endNs         no request is due at or after this time.
     */
    public Schedule(final long startNs, final double ratePerSecond, final long endNs)
    {
        if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond))
        {
            throw new IllegalArgumentException("rate must be a positive number: " + ratePerSecond);
        }
        this.startNs = startNs;
        this.intervalNs = 1e9 / ratePerSecond;
        this.endNs = endNs;
    }

    /**
     * When a request is due.
     *
     * @param index request number from 0.
     * @return its intended send time.
     */
    public long intendedNs(final long index)
    {
        return startNs + (long)(index * intervalNs);
    }

    /**
     * Whether a request is part of the run.
     *
     * @param index request number.
     * @return true when it is due before the end.
     */
    public boolean inRun(final long index)
    {
        return intendedNs(index) < endNs;
    }

    /**
     * How many requests are due at a time: those with an intended time at or before it, and before the end.
     *
     * @param nowNs a time.
     * @return the number of requests due by then.
     */
    public long dueBy(final long nowNs)
    {
        final long until = Math.min(nowNs, endNs - 1);
        if (until < startNs)
        {
            return 0;
        }
        long count = (long)((until - startNs) / intervalNs) + 1;
        // Correct for rounding of the division so that dueBy agrees with intendedNs exactly.
        while (count > 0 && intendedNs(count - 1) > until)
        {
            count--;
        }
        while (intendedNs(count) <= until)
        {
            count++;
        }
        return count;
    }

    /**
     * Time between two requests.
     *
     * @return the interval in nanoseconds.
     */
    public double intervalNs()
    {
        return intervalNs;
    }

    /**
     * End of the run.
     *
     * @return the time at and after which no request is due.
     */
    public long endNs()
    {
        return endNs;
    }
}
