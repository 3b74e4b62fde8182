package io.tailor.grid.partition;

import com.hazelcast.internal.util.HashUtil;
import com.hazelcast.partition.PartitionService;

/**
 * The partition of a key, as Hazelcast finds it, without serializing the key into a new heap buffer first.
 * <p>
 * Hazelcast's {@code PartitionService.getPartition(key)} serializes the key into a new {@code HeapData} and
 * hashes its bytes (MurmurHash3 over everything after the type header). On a partition thread applying events
 * that was 11 % of the time: twice per event, once to look up the shopper's impression record and once to keep the
 * stored profile at hand (JFR, benchmarks/RESULTS.md, sixteenth slice). Here the same bytes are written into a
 * per-thread buffer and hashed with Hazelcast's own hash: a String of ASCII characters as its length (a big-endian
 * int) and its characters, a Long as its eight big-endian bytes. Anything else (a String with other characters)
 * goes to Hazelcast.
 * <p>
 * Checked against Hazelcast when made ({@link #of(PartitionService)}): if any of a few hundred keys disagrees
 * (another Hazelcast version serializing differently), every key goes to Hazelcast; a wrong partition would send
 * a lookup to the wrong replica, so the fast path is all or nothing.
 */
public final class PartitionIds
{
    private static final int CHECKED_KEYS = 512;
    private static final ThreadLocal<byte[]> SCRATCH = ThreadLocal.withInitial(() -> new byte[128]);

    private final PartitionService service;
    private final int count;
    private final boolean hashed;

    private PartitionIds(final PartitionService service, final int count, final boolean hashed)
    {
        this.service = service;
        this.count = count;
        this.hashed = hashed;
    }

    /**
     * Partition ids for a member's partitions, checked against the member's own.
     *
     * @param service the member's partition service.
     * @return the ids; {@link #hashed()} says whether they are computed here.
     */
    public static PartitionIds of(final PartitionService service)
    {
        final int count = service.getPartitions().size();
        final PartitionIds candidate = new PartitionIds(service, count, true);
        boolean agrees = true;
        for (int n = 0; n < CHECKED_KEYS && agrees; n++)
        {
            final String key = (n % 3 == 0 ? "user:" : n % 3 == 1 ? "anon:" : "p") + n * 7919L + "-" +
                "x".repeat(n % 70);
            final long number = n * 0x9E3779B97F4A7C15L;
            agrees = candidate.of(key) == service.getPartition(key).getPartitionId() &&
                candidate.of(number) == service.getPartition(number).getPartitionId();
        }
        return agrees ? candidate : new PartitionIds(service, count, false);
    }

    /**
     * Whether ids are computed here (true) or asked of Hazelcast because a check disagreed.
     *
     * @return true when computed here.
     */
    public boolean hashed()
    {
        return hashed;
    }

    /**
     * The partition of a String key.
     *
     * @param key the key.
     * @return its partition id.
     */
    public int of(final String key)
    {
        final int length = key.length();
        if (!hashed)
        {
            return service.getPartition(key).getPartitionId();
        }
        byte[] bytes = SCRATCH.get();
        if (bytes.length < length + 4)
        {
            bytes = new byte[Math.max(length + 4, bytes.length * 2)];
            SCRATCH.set(bytes);
        }
        putIntBigEndian(bytes, 0, length);
        for (int i = 0; i < length; i++)
        {
            final char c = key.charAt(i);
            if (c >= 0x80)
            {
                return service.getPartition(key).getPartitionId();
            }
            bytes[4 + i] = (byte)c;
        }
        return HashUtil.hashToIndex(HashUtil.MurmurHash3_x86_32(bytes, 0, length + 4), count);
    }

    /**
     * The partition of a Long key.
     *
     * @param key the key.
     * @return its partition id.
     */
    public int of(final long key)
    {
        if (!hashed)
        {
            return service.getPartition(key).getPartitionId();
        }
        final byte[] bytes = SCRATCH.get();
        putIntBigEndian(bytes, 0, (int)(key >>> 32));
        putIntBigEndian(bytes, 4, (int)key);
        return HashUtil.hashToIndex(HashUtil.MurmurHash3_x86_32(bytes, 0, 8), count);
    }

    private static void putIntBigEndian(final byte[] bytes, final int at, final int value)
    {
        bytes[at] = (byte)(value >>> 24);
        bytes[at + 1] = (byte)(value >>> 16);
        bytes[at + 2] = (byte)(value >>> 8);
        bytes[at + 3] = (byte)value;
    }
}
