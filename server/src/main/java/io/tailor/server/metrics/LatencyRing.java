package io.tailor.server.metrics;

/**
 * The last {@code capacity} latency samples of one route, oldest overwritten first, in one {@code long[]} made
 * when the ring is: adding a sample writes six longs and allocates nothing, and the ring never grows. Not
 * thread-safe: its {@link RouteLatency.Route} guards it.
 */
final class LatencyRing
{
    private static final int FIELDS = 6;
    private static final int AT_MS = 0;
    private static final int NANOS = 1;
    private static final int COUNT = 2;
    private static final int P50 = 3;
    private static final int P99 = 4;
    private static final int P999 = 5;

    private final long[] slots;
    private final int capacity;
    private int next;
    private int size;

    /**
     * An empty ring.
     *
     * @param capacity samples kept, at least 1.
     */
    LatencyRing(final int capacity)
    {
        if (capacity < 1)
        {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.slots = new long[capacity * FIELDS];
    }

    /**
     * Adds a sample as the newest, overwriting the oldest when full.
     *
     * @param atMs   server time the interval ended.
     * @param nanos  length of the interval.
     * @param count  requests answered in it.
     * @param p50Ns  median in nanoseconds (0 without requests).
     * @param p99Ns  99th percentile in nanoseconds.
     * @param p999Ns 99.9th percentile in nanoseconds.
     */
    void add(final long atMs, final long nanos, final long count, final long p50Ns, final long p99Ns,
        final long p999Ns)
    {
        final int base = next * FIELDS;
        slots[base + AT_MS] = atMs;
        slots[base + NANOS] = nanos;
        slots[base + COUNT] = count;
        slots[base + P50] = p50Ns;
        slots[base + P99] = p99Ns;
        slots[base + P999] = p999Ns;
        next = next + 1 == capacity ? 0 : next + 1;
        size = Math.min(capacity, size + 1);
    }

    /**
     * Samples held.
     *
     * @return 0 to the capacity.
     */
    int size()
    {
        return size;
    }

    /**
     * Samples the ring can hold.
     *
     * @return the capacity.
     */
    int capacity()
    {
        return capacity;
    }

    /**
     * A held sample as a {@link RouteLatency.Recent}.
     *
     * @param index 0 for the oldest held, {@code size() - 1} for the newest.
     * @return the sample.
     */
    RouteLatency.Recent get(final int index)
    {
        if (index < 0 || index >= size)
        {
            throw new IndexOutOfBoundsException("index " + index + " of " + size + " samples");
        }
        final int slot = (next - size + index + capacity) % capacity;
        final int base = slot * FIELDS;
        return new RouteLatency.Recent(slots[base + AT_MS], slots[base + COUNT], slots[base + NANOS] / 1e9,
            slots[base + P50] / 1000.0, slots[base + P99] / 1000.0, slots[base + P999] / 1000.0);
    }
}
