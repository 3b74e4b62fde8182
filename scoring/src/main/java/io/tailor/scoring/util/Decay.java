package io.tailor.scoring.util;

/**
 * Exponential time decay by half-life.
 * <p>
 * A decayed sum is kept as a value and the time it refers to. Adding a weight observed at time {@code t}
 * first brings both to the later of the two times, so events may arrive out of order and sums from
 * several nodes merge in any order to the same result.
 */
public final class Decay
{
    private static final double LN2 = Math.log(2.0);

    private Decay()
    {
    }

    /**
     * Factor by which a value shrinks over {@code elapsedMs}; 1 for no time or a negative time.
     *
     * @param elapsedMs  time elapsed in milliseconds.
     * @param halfLifeMs half-life in milliseconds, positive.
     * @return the factor in (0, 1].
     */
    public static double factor(final long elapsedMs, final long halfLifeMs)
    {
        if (elapsedMs <= 0)
        {
            return 1.0;
        }
        return Math.exp(-LN2 * (double)elapsedMs / (double)halfLifeMs);
    }

    /**
     * Value of a decayed sum at time {@code atMs}.
     *
     * @param value      stored value.
     * @param valueAtMs  time the stored value refers to.
     * @param atMs       time of interest.
     * @param halfLifeMs half-life.
     * @return the decayed value; the stored value when {@code atMs} is not later.
     */
    public static double valueAt(final double value, final long valueAtMs, final long atMs, final long halfLifeMs)
    {
        return value * factor(atMs - valueAtMs, halfLifeMs);
    }
}
