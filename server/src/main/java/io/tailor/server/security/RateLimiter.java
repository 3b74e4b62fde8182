package io.tailor.server.security;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * A token bucket shared by every event loop, lock-free: one compare-and-set per request, no allocation.
 * <p>
 * Kept as the generic cell rate algorithm (GCRA), the token bucket's exact equivalent: instead of a token
 * count it stores the theoretical arrival time (TAT) of the next request at the average rate. A request at
 * {@code t} is allowed when {@code TAT - t <= (burst - 1) * interval}, and moves TAT one interval on.
 */
public final class RateLimiter
{
    private final long intervalNanos;
    private final long toleranceNanos;
    private final AtomicLongArray theoreticalArrival = new AtomicLongArray(1);

    /**
     * A full bucket.
     *
     * @param rate     average rate and burst.
     * @param nowNanos the current time on the clock later calls use ({@link System#nanoTime()}).
     */
    public RateLimiter(final Rate rate, final long nowNanos)
    {
        this.intervalNanos = rate.intervalNanos();
        this.toleranceNanos = intervalNanos * (rate.burst() - 1L);
        theoreticalArrival.set(0, nowNanos);
    }

    /**
     * Takes a token if there is one.
     *
     * @param nowNanos the current time.
     * @return 0 when allowed, else how many nanoseconds until a request would be (always more than 0).
     */
    public long tryAcquire(final long nowNanos)
    {
        return acquire(theoreticalArrival, 0, intervalNanos, toleranceNanos, nowNanos);
    }

    /**
     * GCRA on one cell: shared by {@link RateLimiter} and {@link AddressRateLimiter}.
     *
     * @param cells     theoretical arrival times.
     * @param index     the cell.
     * @param interval  nanoseconds per request.
     * @param tolerance how far ahead of now TAT may be.
     * @param now       current time.
     * @return 0 when allowed, else nanoseconds to wait.
     */
    static long acquire(final AtomicLongArray cells, final int index, final long interval, final long tolerance,
        final long now)
    {
        while (true)
        {
            final long tat = cells.get(index);
            final long start = tat - now < 0 ? now : tat;
            final long ahead = start - now;
            if (ahead > tolerance)
            {
                return Math.max(1L, ahead - tolerance);
            }
            if (cells.compareAndSet(index, tat, start + interval))
            {
                return 0;
            }
        }
    }
}
