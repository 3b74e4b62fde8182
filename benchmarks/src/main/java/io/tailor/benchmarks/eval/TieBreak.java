package io.tailor.benchmarks.eval;

import io.tailor.scoring.util.Hashing;

/**
 * Orders items of equal score by a seeded hash of (user, item): deterministic for a seed, and unbiased,
 * unlike breaking ties by index (which would favour the items that happen to sort first).
 */
public final class TieBreak
{
    private final long seed;

    /**
     * Tie-break of a seed.
     *
     * @param seed run seed.
     */
    public TieBreak(final long seed)
    {
        this.seed = seed;
    }

    /**
     * Key of an item for a user; among equal scores the smaller key ranks first.
     *
     * @param user user index.
     * @param item item index.
     * @return the key.
     */
    public long key(final int user, final int item)
    {
        return Hashing.mix(Hashing.mix(seed ^ 0x5DEECE66DL * (user + 1L)) + item);
    }

    /**
     * Whether item {@code a} with score {@code sa} ranks before item {@code b} with score {@code sb}.
     *
     * @param user user index.
     * @param a    first item.
     * @param sa   its score; NaN ranks last.
     * @param b    second item.
     * @param sb   its score.
     * @return true when {@code a} comes first.
     */
    public boolean before(final int user, final int a, final double sa, final int b, final double sb)
    {
        final double x = sa == sa ? sa : Double.NEGATIVE_INFINITY;
        final double y = sb == sb ? sb : Double.NEGATIVE_INFINITY;
        if (x != y)
        {
            return x > y;
        }
        return key(user, a) < key(user, b);
    }
}
