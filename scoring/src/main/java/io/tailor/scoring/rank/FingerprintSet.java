package io.tailor.scoring.rank;

/**
 * A small set of non-zero int fingerprints, for a membership test per candidate: open addressing with linear
 * probing in a table at least four times the most entries, so a product that is not in the set (nearly every
 * candidate) is answered by one or two probes instead of a scan of the whole list. Cleared by zeroing only the
 * slots used. Allocation-free once made.
 */
final class FingerprintSet
{
    private final int[] table;
    private final int mask;
    /** 32 less the table's bits: a Fibonacci hash's top bits choose the slot. */
    private final int shift;
    private final int[] used;
    private int size;

    /**
     * A set for at most {@code capacity} fingerprints.
     *
     * @param capacity most entries, at least 1.
     */
    FingerprintSet(final int capacity)
    {
        final int slots = Integer.highestOneBit(Math.max(1, capacity) * 4 - 1) << 1;
        table = new int[slots];
        mask = slots - 1;
        shift = Integer.numberOfLeadingZeros(slots) + 1;
        used = new int[capacity];
    }

    /** Empties the set. */
    void clear()
    {
        for (int i = 0; i < size; i++)
        {
            table[used[i]] = 0;
        }
        size = 0;
    }

    /**
     * Adds a fingerprint; one already in is not added again.
     *
     * @param fingerprint non-zero.
     * @throws IllegalStateException when the set holds its capacity already.
     */
    void add(final int fingerprint)
    {
        int slot = slot(fingerprint);
        while (table[slot] != 0)
        {
            if (table[slot] == fingerprint)
            {
                return;
            }
            slot = (slot + 1) & mask;
        }
        if (size == used.length)
        {
            throw new IllegalStateException("the set holds " + size + " fingerprints already");
        }
        table[slot] = fingerprint;
        used[size++] = slot;
    }

    /**
     * Whether the set holds a fingerprint.
     *
     * @param fingerprint non-zero.
     * @return true when added since the last {@link #clear()}.
     */
    boolean contains(final int fingerprint)
    {
        int slot = slot(fingerprint);
        int held;
        while ((held = table[slot]) != 0)
        {
            if (held == fingerprint)
            {
                return true;
            }
            slot = (slot + 1) & mask;
        }
        return false;
    }

    /** Entries in the set. */
    int size()
    {
        return size;
    }

    private int slot(final int fingerprint)
    {
        return fingerprint * 0x9E3779B9 >>> shift;
    }
}
