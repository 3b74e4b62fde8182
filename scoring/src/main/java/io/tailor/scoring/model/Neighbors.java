package io.tailor.scoring.model;

import io.tailor.scoring.util.Decay;

import java.util.Arrays;

/**
 * The products one product was seen together with, time-decayed: a bounded row of the item-to-item
 * co-occurrence matrix, kept with the totals that normalise it.
 * <p>
 * Every pair weight is added to {@link #together} (co-views, co-carts and co-purchases, each weighted by
 * its kind) and, for carts and purchases, to {@link #bought}; the row totals grow with every pair, also
 * for neighbours the bounded row has no room for, so that {@code together(a, b) / sqrt(total(a) *
 * total(b))} stays an unbiased cosine even for popular products. When the row is full, a new neighbour
 * replaces the weakest one if it is stronger: the row approximates the top neighbours (space-saving).
 * Like {@link ItemStats}, values refer to {@link #atMs()} and merge in any order.
 * <p>
 * The arrays hold what the row holds, not its capacity: they grow by doubling up to it. Rows are mostly short
 * (a delta of one flush has a handful of pairs; under random traffic a stored row a few dozen), and sized to a
 * capacity of 256 every delta, copy and decoded copy was 4 KiB per row, most of the garbage an event made.
 */
public final class Neighbors
{
    private static final long[] NO_KEYS = new long[0];
    private static final float[] NO_WEIGHTS = new float[0];
    /** Room an empty row gets on its first neighbour. */
    private static final int FIRST_ROOM = 4;

    private final int capacity;
    private int count;
    private long[] keys;
    private float[] together;
    private float[] bought;
    private double togetherTotal;
    private double boughtTotal;
    private long atMs;

    /**
     * An empty row with room for {@code capacity} neighbours.
     *
     * @param capacity most neighbours kept.
     */
    public Neighbors(final int capacity)
    {
        this.capacity = capacity;
        keys = NO_KEYS;
        together = NO_WEIGHTS;
        bought = NO_WEIGHTS;
    }

    /**
     * A row with the given state, as read back from a binary form. The row takes the arrays as they are (no copy):
     * the caller must not use them afterwards.
     *
     * @param capacity      most neighbours kept; raised to {@code keys.length} when smaller.
     * @param keys          neighbour keys, one per neighbour held.
     * @param together      their together weights, as many.
     * @param bought        their bought-together weights, as many.
     * @param togetherTotal row total of together weights.
     * @param boughtTotal   row total of bought-together weights.
     * @param atMs          time the values refer to.
     */
    public Neighbors(final int capacity, final long[] keys, final float[] together, final float[] bought,
        final double togetherTotal, final double boughtTotal, final long atMs)
    {
        if (together.length != keys.length || bought.length != keys.length)
        {
            throw new IllegalArgumentException("keys, together and bought differ in length: " + keys.length + ", " +
                together.length + ", " + bought.length);
        }
        this.capacity = Math.max(capacity, keys.length);
        this.count = keys.length;
        this.keys = keys;
        this.together = together;
        this.bought = bought;
        this.togetherTotal = togetherTotal;
        this.boughtTotal = boughtTotal;
        this.atMs = atMs;
    }

    /**
     * Adds a pair observation.
     *
     * @param neighbor       key of the other product.
     * @param togetherWeight weight added to "seen together".
     * @param boughtWeight   weight added to "bought together" (0 for a co-view).
     * @param atMs           when.
     * @param halfLifeMs     decay half-life.
     * @return this.
     */
    public Neighbors add(final long neighbor, final double togetherWeight, final double boughtWeight,
        final long atMs, final long halfLifeMs)
    {
        final double scale = advanceTo(atMs, halfLifeMs);
        addScaled(neighbor, (float)(togetherWeight * scale), (float)(boughtWeight * scale));
        return this;
    }

    /**
     * Adds another row into this one.
     *
     * @param other      row to merge, unchanged.
     * @param halfLifeMs decay half-life, the same both were built with.
     * @return this.
     */
    public Neighbors merge(final Neighbors other, final long halfLifeMs)
    {
        advanceTo(other.atMs, halfLifeMs);
        final double f = Decay.factor(atMs - other.atMs, halfLifeMs);
        for (int i = 0; i < other.count; i++)
        {
            addScaled(other.keys[i], (float)(other.together[i] * f), (float)(other.bought[i] * f));
        }
        // addScaled counted the merged entries into the totals; the other row's totals also hold what its
        // bounded row dropped.
        togetherTotal += Math.max(0, other.togetherTotal * f - sum(other.together, other.count) * f);
        boughtTotal += Math.max(0, other.boughtTotal * f - sum(other.bought, other.count) * f);
        return this;
    }

    private void addScaled(final long neighbor, final float togetherWeight, final float boughtWeight)
    {
        togetherTotal += togetherWeight;
        boughtTotal += boughtWeight;
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == neighbor)
            {
                together[i] += togetherWeight;
                bought[i] += boughtWeight;
                return;
            }
        }
        if (count < capacity)
        {
            if (count == keys.length)
            {
                grow();
            }
            keys[count] = neighbor;
            together[count] = togetherWeight;
            bought[count] = boughtWeight;
            count++;
            return;
        }
        int weakest = 0;
        for (int i = 1; i < count; i++)
        {
            if (together[i] < together[weakest])
            {
                weakest = i;
            }
        }
        if (togetherWeight > together[weakest])
        {
            keys[weakest] = neighbor;
            together[weakest] = togetherWeight;
            bought[weakest] = boughtWeight;
        }
    }

    private void grow()
    {
        final int room = Math.min(capacity, Math.max(FIRST_ROOM, count * 2));
        keys = Arrays.copyOf(keys, room);
        together = Arrays.copyOf(together, room);
        bought = Arrays.copyOf(bought, room);
    }

    private double advanceTo(final long t, final long halfLifeMs)
    {
        if (t > atMs)
        {
            final float f = (float)Decay.factor(t - atMs, halfLifeMs);
            for (int i = 0; i < count; i++)
            {
                together[i] *= f;
                bought[i] *= f;
            }
            togetherTotal *= f;
            boughtTotal *= f;
            atMs = t;
            return 1.0;
        }
        return Decay.factor(atMs - t, halfLifeMs);
    }

    private static double sum(final float[] values, final int count)
    {
        double sum = 0;
        for (int i = 0; i < count; i++)
        {
            sum += values[i];
        }
        return sum;
    }

    /**
     * Number of neighbours held.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * Key of the i-th neighbour.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the product key.
     */
    public long key(final int i)
    {
        return keys[i];
    }

    /**
     * Decayed "seen together" weight of the i-th neighbour at {@link #atMs()}.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the weight.
     */
    public float together(final int i)
    {
        return together[i];
    }

    /**
     * Decayed "bought together" weight of the i-th neighbour at {@link #atMs()}.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the weight.
     */
    public float bought(final int i)
    {
        return bought[i];
    }

    /**
     * Row total of "seen together" weights, including neighbours no longer held.
     *
     * @return the total at {@link #atMs()}.
     */
    public double togetherTotal()
    {
        return togetherTotal;
    }

    /**
     * Row total of "bought together" weights, including neighbours no longer held.
     *
     * @return the total at {@link #atMs()}.
     */
    public double boughtTotal()
    {
        return boughtTotal;
    }

    /**
     * Time the values refer to.
     *
     * @return epoch milliseconds.
     */
    public long atMs()
    {
        return atMs;
    }

    /**
     * Capacity of the row.
     *
     * @return most neighbours kept.
     */
    public int capacity()
    {
        return capacity;
    }

    /**
     * A copy of this row, its arrays sized to the neighbours held.
     *
     * @return a new row with the same state.
     */
    public Neighbors copy()
    {
        return new Neighbors(capacity, Arrays.copyOf(keys, count), Arrays.copyOf(together, count),
            Arrays.copyOf(bought, count), togetherTotal, boughtTotal, atMs);
    }
}
