package io.tailor.grid.partition;

import com.hazelcast.partition.PartitionService;

/**
 * For every partition, one String key and one Long key that fall into it, so that a partition-wide operation
 * can address the partition through {@code Predicates.partitionPredicate(key, ...)}.
 * <p>
 * A String key and a Long key with the same partition are different keys: a map keyed by Long (item-stats)
 * needs the Long one.
 */
public final class PartitionKeys
{
    private final String[] stringKeys;
    private final Long[] longKeys;

    private PartitionKeys(final String[] stringKeys, final Long[] longKeys)
    {
        this.stringKeys = stringKeys;
        this.longKeys = longKeys;
    }

    /**
     * Finds a key of each kind for every partition (a few thousand hashes, once per member).
     *
     * @param partitions the member's partition service.
     * @return the keys.
     */
    public static PartitionKeys find(final PartitionService partitions)
    {
        final int count = partitions.getPartitions().size();
        final String[] strings = new String[count];
        final Long[] longs = new Long[count];
        int missing = count * 2;
        for (long n = 0; missing > 0; n++)
        {
            final String stringKey = "partition-key-" + n;
            final int p = partitions.getPartition(stringKey).getPartitionId();
            if (strings[p] == null)
            {
                strings[p] = stringKey;
                missing--;
            }
            final Long longKey = n;
            final int q = partitions.getPartition(longKey).getPartitionId();
            if (longs[q] == null)
            {
                longs[q] = longKey;
                missing--;
            }
        }
        return new PartitionKeys(strings, longs);
    }

    /**
     * A String key of a partition.
     *
     * @param partition partition id.
     * @return the key.
     */
    public String stringKey(final int partition)
    {
        return stringKeys[partition];
    }

    /**
     * A Long key of a partition.
     *
     * @param partition partition id.
     * @return the key.
     */
    public Long longKey(final int partition)
    {
        return longKeys[partition];
    }
}
