package io.tailor.scoring.model;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The binary form of {@link ItemStats}, shared by the wire between grid members and the data files.
 * <pre>
 *   format byte | views, carts, purchases double | atMs long | interactions long
 *   | byte hasNeighbors | [ short capacity | short n | togetherTotal, boughtTotal double | atMs long
 *                         | n x (long key, float together, float bought) ]
 *   | byte n | n x long count                 time-to-purchase buckets (n = 0: none)
 *   | byte hasExposure | [ shown, clicked double | atMs long           impressions and clicks of late
 *                        | byte p | p x (shown, clicked double) ]     per placement ordinal (p = 0: none)
 *   | byte hasFollowers | [ the same row as the neighbours ]            products viewed next (transitions)
 * </pre>
 * Formats 5 (without the per-placement exposure), 4 (without the followers either), 3 (without the exposure either)
 * and 2 (without the time-to-purchase buckets either) are still read; a product's exposure read from them has no
 * per-placement sums, so its placements draw from its pooled sums until they have evidence of their own.
 */
public final class ItemStatsCodec
{
    private static final byte FORMAT = 6;
    private static final byte FORMAT_5 = 5;
    private static final byte FORMAT_4 = 4;
    private static final byte FORMAT_3 = 3;
    private static final byte FORMAT_2 = 2;
    private static final int EXPOSURE = 8 + 8 + 8;
    private static final int HEADER = 1 + 8 * 3 + 8 + 8 + 1;
    private static final int ROW_HEADER = 2 + 2 + 8 + 8 + 8;
    private static final int NEIGHBOR = 8 + 4 + 4;

    private ItemStatsCodec()
    {
    }

    /**
     * Writes stats.
     *
     * @param stats stats to write.
     * @return a new array holding exactly the binary form.
     */
    public static byte[] encode(final ItemStats stats)
    {
        final Neighbors row = stats.neighbors();
        final TimeToPurchase delays = stats.timeToPurchase();
        final int rowLength = row == null ? 0 : ROW_HEADER + row.count() * NEIGHBOR;
        final Exposure exposure = stats.exposure();
        final Neighbors followers = stats.followers();
        final int followersLength = followers == null ? 0 : ROW_HEADER + followers.count() * NEIGHBOR;
        final byte[] bytes = new byte[HEADER + rowLength + 1 + (delays == null ? 0 : TimeToPurchase.BUCKETS * 8) + 1 +
            (exposure == null ? 0 : EXPOSURE + 1 + (exposure.hasPlacements() ? Exposure.PLACEMENTS * 16 : 0)) + 1 +
            followersLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putDouble(1, stats.views(), ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(9, stats.carts(), ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(17, stats.purchases(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(25, stats.atMs(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(33, stats.interactions(), ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(41, (byte)(row == null ? 0 : 1));
        int offset = HEADER;
        if (row != null)
        {
            offset = putRow(buffer, offset, row);
        }
        buffer.putByte(offset++, (byte)(delays == null ? 0 : TimeToPurchase.BUCKETS));
        if (delays != null)
        {
            for (int b = 0; b < TimeToPurchase.BUCKETS; b++)
            {
                buffer.putLong(offset, delays.bucketCount(b), ByteOrder.LITTLE_ENDIAN);
                offset += 8;
            }
        }
        buffer.putByte(offset++, (byte)(exposure == null ? 0 : 1));
        if (exposure != null)
        {
            buffer.putDouble(offset, exposure.shown(), ByteOrder.LITTLE_ENDIAN);
            buffer.putDouble(offset + 8, exposure.clicked(), ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(offset + 16, exposure.atMs(), ByteOrder.LITTLE_ENDIAN);
            offset += EXPOSURE;
            final int placements = exposure.hasPlacements() ? Exposure.PLACEMENTS : 0;
            buffer.putByte(offset++, (byte)placements);
            for (int p = 0; p < placements; p++)
            {
                buffer.putDouble(offset, exposure.shown(p), ByteOrder.LITTLE_ENDIAN);
                buffer.putDouble(offset + 8, exposure.clicked(p), ByteOrder.LITTLE_ENDIAN);
                offset += 16;
            }
        }
        buffer.putByte(offset++, (byte)(followers == null ? 0 : 1));
        if (followers != null)
        {
            putRow(buffer, offset, followers);
        }
        return bytes;
    }

    private static int putRow(final UnsafeBuffer buffer, final int at, final Neighbors row)
    {
        int offset = at;
        buffer.putShort(offset, (short)row.capacity(), ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(offset + 2, (short)row.count(), ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + 4, row.togetherTotal(), ByteOrder.LITTLE_ENDIAN);
        buffer.putDouble(offset + 12, row.boughtTotal(), ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 20, row.atMs(), ByteOrder.LITTLE_ENDIAN);
        offset += ROW_HEADER;
        for (int i = 0; i < row.count(); i++)
        {
            buffer.putLong(offset, row.key(i), ByteOrder.LITTLE_ENDIAN);
            buffer.putFloat(offset + 8, row.together(i), ByteOrder.LITTLE_ENDIAN);
            buffer.putFloat(offset + 12, row.bought(i), ByteOrder.LITTLE_ENDIAN);
            offset += NEIGHBOR;
        }
        return offset;
    }

    /** Reads a row written by {@link #putRow} at {@code at}. */
    private static Neighbors getRow(final UnsafeBuffer buffer, final int at)
    {
        int offset = at;
        final int capacity = buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN);
        final int count = buffer.getShort(offset + 2, ByteOrder.LITTLE_ENDIAN);
        final double togetherTotal = buffer.getDouble(offset + 4, ByteOrder.LITTLE_ENDIAN);
        final double boughtTotal = buffer.getDouble(offset + 12, ByteOrder.LITTLE_ENDIAN);
        final long atMs = buffer.getLong(offset + 20, ByteOrder.LITTLE_ENDIAN);
        offset += ROW_HEADER;
        final long[] keys = new long[count];
        final float[] together = new float[count];
        final float[] bought = new float[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            together[i] = buffer.getFloat(offset + 8, ByteOrder.LITTLE_ENDIAN);
            bought[i] = buffer.getFloat(offset + 12, ByteOrder.LITTLE_ENDIAN);
            offset += NEIGHBOR;
        }
        return new Neighbors(capacity, keys, together, bought, togetherTotal, boughtTotal, atMs);
    }

    /**
     * Reads stats written by {@link #encode(ItemStats)}.
     *
     * @param bytes binary form.
     * @return the stats.
     * @throws IllegalArgumentException for another format.
     */
    public static ItemStats decode(final byte[] bytes)
    {
        if (bytes.length < HEADER ||
            (bytes[0] != FORMAT && bytes[0] != FORMAT_5 && bytes[0] != FORMAT_4 && bytes[0] != FORMAT_3 &&
            bytes[0] != FORMAT_2))
        {
            throw new IllegalArgumentException("not an item stats record of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        Neighbors row = null;
        int offset = HEADER;
        if (buffer.getByte(41) == 1)
        {
            row = getRow(buffer, offset);
            offset += ROW_HEADER + row.count() * NEIGHBOR;
        }
        TimeToPurchase delays = null;
        if (bytes[0] != FORMAT_2)
        {
            final int buckets = buffer.getByte(offset++);
            if (buckets > 0)
            {
                final long[] counts = new long[buckets];
                for (int b = 0; b < buckets; b++)
                {
                    counts[b] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
                    offset += 8;
                }
                delays = new TimeToPurchase(counts);
            }
        }
        Exposure exposure = null;
        if ((bytes[0] == FORMAT || bytes[0] == FORMAT_5 || bytes[0] == FORMAT_4) && buffer.getByte(offset++) == 1)
        {
            final double shown = buffer.getDouble(offset, ByteOrder.LITTLE_ENDIAN);
            final double clicked = buffer.getDouble(offset + 8, ByteOrder.LITTLE_ENDIAN);
            final long atMs = buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
            offset += EXPOSURE;
            double[] placementShown = null;
            double[] placementClicked = null;
            final int placements = bytes[0] == FORMAT ? buffer.getByte(offset++) : 0;
            if (placements > 0)
            {
                // a later writer may know more placements than this reader: those it keeps are read, the rest skipped
                placementShown = new double[Exposure.PLACEMENTS];
                placementClicked = new double[Exposure.PLACEMENTS];
                for (int p = 0; p < placements; p++)
                {
                    if (p < Exposure.PLACEMENTS)
                    {
                        placementShown[p] = buffer.getDouble(offset, ByteOrder.LITTLE_ENDIAN);
                        placementClicked[p] = buffer.getDouble(offset + 8, ByteOrder.LITTLE_ENDIAN);
                    }
                    offset += 16;
                }
            }
            exposure = new Exposure(shown, clicked, atMs, placementShown, placementClicked);
        }
        Neighbors followers = null;
        if ((bytes[0] == FORMAT || bytes[0] == FORMAT_5) && buffer.getByte(offset++) == 1)
        {
            followers = getRow(buffer, offset);
        }
        return new ItemStats(buffer.getDouble(1, ByteOrder.LITTLE_ENDIAN), buffer.getDouble(9, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(17, ByteOrder.LITTLE_ENDIAN), buffer.getLong(25, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(33, ByteOrder.LITTLE_ENDIAN), row).timeToPurchase(delays).exposure(exposure)
            .followers(followers);
    }
}
