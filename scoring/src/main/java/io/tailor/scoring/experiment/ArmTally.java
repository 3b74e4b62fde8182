package io.tailor.scoring.experiment;

import io.tailor.scoring.util.Hashing;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one node counted for an experiment arm since its last flush to the grid: lists served, clicks, cart
 * additions and purchases credited, revenue, and sketches of the distinct shoppers served and of those who bought.
 * Written by every event loop without locks (atomic increments, sketch registers), drained by one flusher.
 */
public final class ArmTally
{
    /** Index of lists served in {@link #drain(long[])}. */
    public static final int LISTS = 0;
    /** Index of clicks. */
    public static final int CLICKS = 1;
    /** Index of cart additions. */
    public static final int CARTS = 2;
    /** Index of purchases. */
    public static final int PURCHASES = 3;
    /** Counters drained. */
    public static final int COUNTERS = 4;

    /** Decorrelates the sketch's register choice from the assignment bucket (both read the key's hash). */
    private static final long SALT = 0x632BE59BD9B4E019L;

    private final AtomicLongArray counts = new AtomicLongArray(COUNTERS);
    private final AtomicLong revenueBits = new AtomicLong(Double.doubleToRawLongBits(0.0));
    private final byte[] shoppers = new byte[ShopperSketch.REGISTERS];
    private final byte[] purchasers = new byte[ShopperSketch.REGISTERS];
    private volatile boolean sketchesChanged;

    /**
     * Counts a list served to a shopper.
     *
     * @param shopperHash hash of the shopper's canonical key.
     */
    public void served(final long shopperHash)
    {
        counts.incrementAndGet(LISTS);
        if (ShopperSketch.add(shoppers, Hashing.mix(shopperHash ^ SALT)))
        {
            sketchesChanged = true;
        }
    }

    /**
     * Counts an event credited to a list of this arm.
     *
     * @param type        0 click, 1 cart addition, 2 purchase.
     * @param value       revenue of a purchase.
     * @param shopperHash hash of the buying shopper's key.
     */
    public void credited(final int type, final double value, final long shopperHash)
    {
        counts.incrementAndGet(CLICKS + type);
        if (type == PURCHASES - CLICKS)
        {
            long bits;
            do
            {
                bits = revenueBits.get();
            }
            while (!revenueBits.compareAndSet(bits, Double.doubleToRawLongBits(Double.longBitsToDouble(bits) + value)));
            if (ShopperSketch.add(purchasers, Hashing.mix(shopperHash ^ SALT)))
            {
                sketchesChanged = true;
            }
        }
    }

    /**
     * Takes the counts since the last drain.
     *
     * @param into receives {@link #COUNTERS} counts, by the indices above.
     * @return the revenue since the last drain.
     */
    public double drain(final long[] into)
    {
        for (int i = 0; i < COUNTERS; i++)
        {
            into[i] = counts.getAndSet(i, 0);
        }
        return Double.longBitsToDouble(revenueBits.getAndSet(Double.doubleToRawLongBits(0.0)));
    }

    /**
     * Copies of the sketches if they changed since the last call (sketches merge idempotently, so the whole
     * sketch is sent, never a difference).
     *
     * @return {shoppers, purchasers}, or {@code null} when unchanged.
     */
    public byte[][] sketchesIfChanged()
    {
        if (!sketchesChanged)
        {
            return null;
        }
        sketchesChanged = false;
        return new byte[][] {shoppers.clone(), purchasers.clone()};
    }
}
