package io.tailor.grid.experiment;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A value of the {@code experiment-counts} map, keyed {@code experimentId@createdAt/armName}: what every node
 * counted for an arm (lists served, clicks, cart additions and purchases credited, revenue) and sketches of its
 * distinct shoppers and buyers (see {@code ShopperSketch}). Also the delta a node sends: counts added, sketches
 * merged. Immutable.
 * <pre>
 *   format byte | version long | lists, clicks, carts, purchases long | revenue double
 *   | byte sketches (0 none, 1 present) | [shoppers n bytes | purchasers n bytes]
 * </pre>
 */
public final class ArmCounts
{
    /** Index of lists served in {@link #counts()}. */
    public static final int LISTS = 0;
    /** Index of clicks. */
    public static final int CLICKS = 1;
    /** Index of cart additions. */
    public static final int CARTS = 2;
    /** Index of purchases. */
    public static final int PURCHASES = 3;

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 8 + 4 * 8 + 8 + 1;

    private final long version;
    private final long[] counts;
    private final double revenue;
    private final byte[] shoppers;
    private final byte[] purchasers;

    /**
     * Counts.
     *
     * @param version    version; every merge increases it.
     * @param counts     lists, clicks, carts, purchases.
     * @param revenue    revenue credited.
     * @param shoppers   sketch of distinct shoppers served, or {@code null} (a delta without sketch changes).
     * @param purchasers sketch of distinct buyers, or {@code null} with {@code shoppers}.
     */
    public ArmCounts(final long version, final long[] counts, final double revenue, final byte[] shoppers,
        final byte[] purchasers)
    {
        this.version = version;
        this.counts = counts.clone();
        this.revenue = revenue;
        this.shoppers = shoppers;
        this.purchasers = purchasers;
    }

    /**
     * Version.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * A count.
     *
     * @param index {@link #LISTS}, {@link #CLICKS}, {@link #CARTS} or {@link #PURCHASES}.
     * @return the count.
     */
    public long count(final int index)
    {
        return counts[index];
    }

    /**
     * The counts.
     *
     * @return a copy: lists, clicks, carts, purchases.
     */
    public long[] counts()
    {
        return counts.clone();
    }

    /**
     * Revenue credited.
     *
     * @return the sum.
     */
    public double revenue()
    {
        return revenue;
    }

    /**
     * Sketch of distinct shoppers served.
     *
     * @return the registers, or {@code null}.
     */
    public byte[] shoppers()
    {
        return shoppers;
    }

    /**
     * Sketch of distinct buyers.
     *
     * @return the registers, or {@code null}.
     */
    public byte[] purchasers()
    {
        return purchasers;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final int sketch = shoppers == null ? 0 : shoppers.length;
        final byte[] bytes = new byte[HEADER + 2 * sketch];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < 4; i++)
        {
            buffer.putLong(9 + 8 * i, counts[i], ByteOrder.LITTLE_ENDIAN);
        }
        buffer.putDouble(41, revenue, ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(49, (byte)(shoppers == null ? 0 : 1));
        if (shoppers != null)
        {
            buffer.putBytes(HEADER, shoppers);
            buffer.putBytes(HEADER + sketch, purchasers);
        }
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the counts.
     */
    public static ArmCounts decode(final byte[] bytes)
    {
        if (bytes.length < HEADER || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not experiment arm counts of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final long[] counts = new long[4];
        for (int i = 0; i < 4; i++)
        {
            counts[i] = buffer.getLong(9 + 8 * i, ByteOrder.LITTLE_ENDIAN);
        }
        byte[] shoppers = null;
        byte[] purchasers = null;
        if (buffer.getByte(49) == 1)
        {
            final int sketch = (bytes.length - HEADER) / 2;
            shoppers = new byte[sketch];
            purchasers = new byte[sketch];
            buffer.getBytes(HEADER, shoppers);
            buffer.getBytes(HEADER + sketch, purchasers);
        }
        return new ArmCounts(buffer.getLong(1, ByteOrder.LITTLE_ENDIAN), counts,
            buffer.getDouble(41, ByteOrder.LITTLE_ENDIAN), shoppers, purchasers);
    }
}
