package io.tailor.server.security;

import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Token buckets per client address, for public (browser) keys, in a fixed table: memory does not grow with
 * the number of addresses, and no lock is taken. An address is hashed to one of {@link #SLOTS} buckets;
 * two addresses that hash alike share a bucket, which can only make the limit stricter for them.
 */
public final class AddressRateLimiter
{
    /** Buckets in the table (a power of two). */
    public static final int SLOTS = 1 << 16;

    private final long intervalNanos;
    private final long toleranceNanos;
    private final AtomicLongArray theoreticalArrivals = new AtomicLongArray(SLOTS);
    // Per process, so that which addresses share a bucket cannot be worked out from outside.
    private final int seed = new java.security.SecureRandom().nextInt();

    /**
     * Full buckets.
     *
     * @param rate     rate and burst of each address.
     * @param nowNanos the current time on the clock later calls use.
     */
    public AddressRateLimiter(final Rate rate, final long nowNanos)
    {
        this.intervalNanos = rate.intervalNanos();
        this.toleranceNanos = intervalNanos * (rate.burst() - 1L);
        for (int i = 0; i < SLOTS; i++)
        {
            theoreticalArrivals.set(i, nowNanos);
        }
    }

    /**
     * Takes a token from an address's bucket if there is one.
     *
     * @param address  the client address, e.g. {@code 203.0.113.7}.
     * @param nowNanos the current time.
     * @return 0 when allowed, else nanoseconds until a request would be.
     */
    public long tryAcquire(final String address, final long nowNanos)
    {
        int hash = (address.hashCode() ^ seed) * 0x9E3779B9;
        hash ^= hash >>> 16;
        return RateLimiter.acquire(theoreticalArrivals, hash & (SLOTS - 1), intervalNanos, toleranceNanos, nowNanos);
    }
}
