package io.tailor.scoring.util;

/**
 * A stable sort of {@code long}s by their upper 32 bits read as a signed {@code int}: least significant byte
 * first, the four bytes' counts in one read, a pass skipped when every entry has the same byte there. For the few
 * hundred entries of a re-ranked list (a score's sortable bits above, the supplied position below) it is a few
 * linear passes where {@link java.util.Arrays#sort(long[], int, int)} took 43 % of the re-rank's time in process
 * (perf of {@code RerankBenchmark}, benchmarks/RESULTS.md, "Re-rank"). Entries whose upper halves are equal keep
 * their order, so when they come in ascending order of their lower halves the result is that full sort's.
 * <p>
 * Not thread safe: one per caller; no allocation after construction.
 */
public final class RadixSort
{
    private static final int RADIX = 256;

    private static final int PASSES = 4;

    private final long[] scratch;
    /** Per pass (byte of the upper half, least significant first), per byte value: a count, then a start. */
    private final int[] counts = new int[PASSES * RADIX];

    /**
     * @param capacity most entries a call sorts.
     */
    public RadixSort(final int capacity)
    {
        scratch = new long[capacity];
    }

    /**
     * Sorts {@code values[0, count)} ascending by {@code (int)(value >> 32)}, stable.
     *
     * @param values the entries; sorted in place.
     * @param count  how many, at most the capacity.
     */
    public void sortByHigh32(final long[] values, final int count)
    {
        if (count > scratch.length)
        {
            throw new IllegalArgumentException(count + " entries, capacity " + scratch.length);
        }
        // Every pass's counts in one read of the entries; the top byte carries the int's sign: flipping its high
        // bit orders negatives first.
        final int[] counts = this.counts;
        java.util.Arrays.fill(counts, 0);
        for (int i = 0; i < count; i++)
        {
            final long value = values[i];
            counts[(int)(value >>> 32) & 0xff]++;
            counts[RADIX + ((int)(value >>> 40) & 0xff)]++;
            counts[2 * RADIX + ((int)(value >>> 48) & 0xff)]++;
            counts[3 * RADIX + ((int)(value >>> 56) & 0xff ^ 0x80)]++;
        }
        long[] from = values;
        long[] to = scratch;
        for (int pass = 0; pass < PASSES; pass++)
        {
            final int shift = 32 + 8 * pass;
            final int flip = pass == PASSES - 1 ? 0x80 : 0;
            final int base = pass * RADIX;
            if (count == 0 || counts[base + ((int)(from[0] >>> shift) & 0xff ^ flip)] == count)
            {
                continue; // every entry has the same byte here
            }
            int start = 0;
            for (int b = base; b < base + RADIX; b++)
            {
                final int n = counts[b];
                counts[b] = start;
                start += n;
            }
            for (int i = 0; i < count; i++)
            {
                final long value = from[i];
                to[counts[base + ((int)(value >>> shift) & 0xff ^ flip)]++] = value;
            }
            final long[] swap = from;
            from = to;
            to = swap;
        }
        if (from != values)
        {
            System.arraycopy(from, 0, values, 0, count);
        }
    }
}
