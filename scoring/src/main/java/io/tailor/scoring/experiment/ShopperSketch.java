package io.tailor.scoring.experiment;

import io.tailor.scoring.util.DistinctSketch;

/**
 * A {@link DistinctSketch} of distinct shoppers: the experiments' name for it, kept so that arm counts, their wire
 * form and their tests read as what they count.
 */
public final class ShopperSketch
{
    /** Registers per sketch. */
    public static final int REGISTERS = DistinctSketch.REGISTERS;

    private ShopperSketch()
    {
    }

    /**
     * Adds a shopper. Writers on several threads may race; a lost write can only undercount by a shopper.
     *
     * @param registers the sketch, {@link #REGISTERS} bytes.
     * @param hash      a well-mixed 64-bit hash of the shopper's key.
     * @return whether a register grew.
     */
    public static boolean add(final byte[] registers, final long hash)
    {
        return DistinctSketch.add(registers, hash);
    }

    /**
     * Merges a sketch into another.
     *
     * @param into receives the larger of each register.
     * @param from the other sketch.
     */
    public static void merge(final byte[] into, final byte[] from)
    {
        DistinctSketch.merge(into, from);
    }

    /**
     * The estimated number of distinct shoppers.
     *
     * @param registers the sketch.
     * @return the estimate, rounded.
     */
    public static long estimate(final byte[] registers)
    {
        return DistinctSketch.estimate(registers);
    }
}
