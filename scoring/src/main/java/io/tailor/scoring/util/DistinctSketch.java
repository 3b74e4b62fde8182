package io.tailor.scoring.util;

/**
 * A HyperLogLog sketch of distinct keys in {@link #REGISTERS} one-byte registers (relative error about 1.6 %):
 * adding is one array write, two sketches merge by the larger register, so node-local sketches merged in the grid in
 * any order, any number of times, count each key once. Flajolet, Fusy, Gandouet and Meunier, "HyperLogLog: the
 * analysis of a near-optimal cardinality estimation algorithm", AofA 2007, with the small-range correction.
 */
public final class DistinctSketch
{
    /** Registers per sketch. */
    public static final int REGISTERS = 4096;
    private static final int INDEX_BITS = 12;

    private DistinctSketch()
    {
    }

    /**
     * Adds a key. Writers on several threads may race; a lost write can only undercount by a key.
     *
     * @param registers the sketch, {@link #REGISTERS} bytes.
     * @param hash      a well-mixed 64-bit hash of the key.
     * @return whether a register grew.
     */
    public static boolean add(final byte[] registers, final long hash)
    {
        final int index = (int)(hash >>> (64 - INDEX_BITS));
        final int rank = Long.numberOfLeadingZeros((hash << INDEX_BITS) | (1L << (INDEX_BITS - 1))) + 1;
        if (registers[index] < rank)
        {
            registers[index] = (byte)rank;
            return true;
        }
        return false;
    }

    /**
     * Merges a sketch into another.
     *
     * @param into receives the larger of each register.
     * @param from the other sketch.
     */
    public static void merge(final byte[] into, final byte[] from)
    {
        for (int i = 0; i < REGISTERS; i++)
        {
            if (from[i] > into[i])
            {
                into[i] = from[i];
            }
        }
    }

    /**
     * The estimated number of distinct keys.
     *
     * @param registers the sketch.
     * @return the estimate, rounded.
     */
    public static long estimate(final byte[] registers)
    {
        double sum = 0;
        int zeros = 0;
        for (int i = 0; i < REGISTERS; i++)
        {
            sum += Math.scalb(1.0, -registers[i]);
            zeros += registers[i] == 0 ? 1 : 0;
        }
        final double alpha = 0.7213 / (1 + 1.079 / REGISTERS);
        final double raw = alpha * REGISTERS * (double)REGISTERS / sum;
        if (raw <= 2.5 * REGISTERS && zeros > 0)
        {
            return Math.round(REGISTERS * Math.log((double)REGISTERS / zeros));
        }
        return Math.round(raw);
    }
}
