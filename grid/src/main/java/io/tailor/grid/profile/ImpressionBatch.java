package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Served lists of one partition's shoppers, sent to the partition's owner in one operation: for each shopper
 * key, its lists in the order they were served.
 */
final class ImpressionBatch
{
    private final int partition;
    private final String[] keys;
    /** Per key, the index of its first list in {@link #listKeys}; one more entry marks the end. */
    private final int[] firstList;
    private final long[] listKeys;
    private final long[] atMs;
    private final long[][] products;
    private final int[] tags;
    private final int[] arms;

    private ImpressionBatch(final int partition, final String[] keys, final int[] firstList, final long[] listKeys,
        final long[] atMs, final long[][] products, final int[] tags, final int[] arms)
    {
        this.partition = partition;
        this.tags = tags;
        this.arms = arms;
        this.keys = keys;
        this.firstList = firstList;
        this.listKeys = listKeys;
        this.atMs = atMs;
        this.products = products;
    }

    /**
     * The partition of every key in the batch.
     *
     * @return the partition id.
     */
    int partition()
    {
        return partition;
    }

    /**
     * Shoppers in the batch.
     *
     * @return the count.
     */
    int keyCount()
    {
        return keys.length;
    }

    /**
     * A shopper of the batch.
     *
     * @param keyIndex 0 to {@link #keyCount()} - 1.
     * @return the shopper's profile key.
     */
    String key(final int keyIndex)
    {
        return keys[keyIndex];
    }

    /**
     * Lists in the batch.
     *
     * @return the count.
     */
    int listCount()
    {
        return listKeys.length;
    }

    int firstList(final int keyIndex)
    {
        return firstList[keyIndex];
    }

    int endList(final int keyIndex)
    {
        return firstList[keyIndex + 1];
    }

    long listKey(final int list)
    {
        return listKeys[list];
    }

    long atMs(final int list)
    {
        return atMs[list];
    }

    long[] products(final int list)
    {
        return products[list];
    }

    int tag(final int list)
    {
        return tags[list];
    }

    int arm(final int list)
    {
        return arms[list];
    }

    void writeTo(final ObjectDataOutput out) throws IOException
    {
        out.writeInt(partition);
        out.writeInt(listKeys.length);
        out.writeInt(keys.length);
        for (int i = 0; i < keys.length; i++)
        {
            out.writeString(keys[i]);
            out.writeInt(firstList[i + 1] - firstList[i]);
            for (int list = firstList[i]; list < firstList[i + 1]; list++)
            {
                out.writeLong(listKeys[list]);
                out.writeLong(atMs[list]);
                out.writeLongArray(products[list]);
                out.writeInt(tags[list]);
                out.writeInt(arms[list]);
            }
        }
    }

    static ImpressionBatch readFrom(final ObjectDataInput in) throws IOException
    {
        final int partition = in.readInt();
        final int lists = in.readInt();
        final int keyCount = in.readInt();
        final String[] keys = new String[keyCount];
        final int[] first = new int[keyCount + 1];
        final long[] listKeys = new long[lists];
        final long[] at = new long[lists];
        final long[][] products = new long[lists][];
        final int[] tags = new int[lists];
        final int[] arms = new int[lists];
        int list = 0;
        for (int i = 0; i < keyCount; i++)
        {
            keys[i] = in.readString();
            first[i] = list;
            for (int j = in.readInt(); j > 0; j--, list++)
            {
                listKeys[list] = in.readLong();
                at[list] = in.readLong();
                products[list] = in.readLongArray();
                tags[list] = in.readInt();
                arms[list] = in.readInt();
            }
        }
        first[keyCount] = list;
        return new ImpressionBatch(partition, keys, first, listKeys, at, products, tags, arms);
    }

    /** Collects lists on the flusher thread, grouped by shopper in the order served. */
    static final class Builder
    {
        private final Map<String, List<Served>> byKey = new LinkedHashMap<>();
        private final int partition;
        private int lists;

        /**
         * A builder of one partition's batch.
         *
         * @param partition the partition of every key added.
         */
        Builder(final int partition)
        {
            this.partition = partition;
        }

        private record Served(long listKey, long atMs, long[] products, int tag, int arm)
        {
        }

        void add(final String key, final long listKey, final long atMs, final long[] products, final int tag,
            final int arm)
        {
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(new Served(listKey, atMs, products, tag, arm));
            lists++;
        }

        ImpressionBatch build()
        {
            final String[] keys = new String[byKey.size()];
            final int[] first = new int[keys.length + 1];
            final long[] listKeys = new long[lists];
            final long[] at = new long[lists];
            final long[][] products = new long[lists][];
            final int[] tags = new int[lists];
            final int[] arms = new int[lists];
            int k = 0;
            int list = 0;
            for (final Map.Entry<String, List<Served>> entry : byKey.entrySet())
            {
                keys[k] = entry.getKey();
                first[k] = list;
                for (final Served served : entry.getValue())
                {
                    listKeys[list] = served.listKey();
                    at[list] = served.atMs();
                    products[list] = served.products();
                    tags[list] = served.tag();
                    arms[list] = served.arm();
                    list++;
                }
                k++;
            }
            first[keys.length] = list;
            return new ImpressionBatch(partition, keys, first, listKeys, at, products, tags, arms);
        }
    }
}
