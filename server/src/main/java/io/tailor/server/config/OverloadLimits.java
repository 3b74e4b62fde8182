package io.tailor.server.config;

import java.time.Duration;

/**
 * How much work a node takes on before it answers 503 with {@code Retry-After} instead of queueing more, and
 * how long it waits for slow clients. Every queue in front of the grid is bounded by one of these, so
 * overload costs a quick refusal, not memory.
 *
 * @param maxGridOperationsPerLoop grid operations (profile updates and reads, catalog writes) an event loop
 *                                 may have in flight; past it, writes answer 503 and recommendations the
 *                                 degraded fallback. 16 to 1,000,000.
 * @param maxBodyBytesInFlight     request bytes a node holds at once, counted from {@code Content-Length}
 *                                 (the body limit when unknown) from admission until the answer; at least
 *                                 the body limit, at most 16 GiB.
 * @param maxQueuedParses          large bodies waiting for or in a worker thread to be parsed, per node, 1
 *                                 to 10,000.
 * @param requestHeadTimeout       a new connection must send a complete request head within this, 1 s to
 *                                 5 min (slowloris).
 * @param requestBodyTimeout       a request body must arrive completely within this of its head, 1 s to
 *                                 10 min; else 408 and the connection is closed.
 * @param idleTimeout              a connection with no complete request within this of its last answer is
 *                                 closed, 1 s to 1 h.
 */
public record OverloadLimits(
    int maxGridOperationsPerLoop,
    long maxBodyBytesInFlight,
    int maxQueuedParses,
    Duration requestHeadTimeout,
    Duration requestBodyTimeout,
    Duration idleTimeout)
{
    /** Defaults: 8,192 grid operations a loop, 256 MiB of bodies, 64 queued parses, 10 s / 30 s / 60 s. */
    public static final OverloadLimits DEFAULT = new OverloadLimits(8192, 256L << 20, 64, Duration.ofSeconds(10),
        Duration.ofSeconds(30), Duration.ofSeconds(60));

    /**
     * Validates.
     *
     * @param maxGridOperationsPerLoop grid operations in flight per loop.
     * @param maxBodyBytesInFlight     body bytes in flight per node.
     * @param maxQueuedParses          queued parses per node.
     * @param requestHeadTimeout       request head timeout.
     * @param requestBodyTimeout       request body timeout.
     * @param idleTimeout              idle timeout.
     */
    public OverloadLimits
    {
        if (maxGridOperationsPerLoop < 16 || maxGridOperationsPerLoop > 1_000_000)
        {
            throw new IllegalArgumentException("maxGridOperationsPerLoop must be in 16..1000000: " +
                maxGridOperationsPerLoop);
        }
        if (maxBodyBytesInFlight < 1024 || maxBodyBytesInFlight > (16L << 30))
        {
            throw new IllegalArgumentException("maxBodyBytesInFlight must be in 1KiB..16GiB: " + maxBodyBytesInFlight);
        }
        if (maxQueuedParses < 1 || maxQueuedParses > 10_000)
        {
            throw new IllegalArgumentException("maxQueuedParses must be in 1..10000: " + maxQueuedParses);
        }
        within("requestHeadTimeout", requestHeadTimeout, Duration.ofMinutes(5), "5m");
        within("requestBodyTimeout", requestBodyTimeout, Duration.ofMinutes(10), "10m");
        within("idleTimeout", idleTimeout, Duration.ofHours(1), "1h");
    }

    /**
     * These bounds, with room for at least one body of the given size.
     *
     * @param maxBodyBytes the body limit.
     * @return this, or a copy whose {@code maxBodyBytesInFlight} is {@code maxBodyBytes}.
     */
    public OverloadLimits fitting(final long maxBodyBytes)
    {
        return maxBodyBytesInFlight >= maxBodyBytes ? this : new OverloadLimits(maxGridOperationsPerLoop,
            maxBodyBytes, maxQueuedParses, requestHeadTimeout, requestBodyTimeout, idleTimeout);
    }

    private static void within(final String name, final Duration value, final Duration max, final String maxText)
    {
        if (value == null || value.compareTo(Duration.ofSeconds(1)) < 0 || value.compareTo(max) > 0)
        {
            throw new IllegalArgumentException(name + " must be in 1s.." + maxText + ": " + value);
        }
    }
}
