package io.tailor.benchmarks.eval;

import java.util.Arrays;
import java.util.List;

/**
 * Scratch scores over the item indices for the session baselines: items are scored sparsely, the top k taken
 * by score (ties by training popularity, then by index), and the list filled from the popularity order when
 * fewer than k items have a score. Reused across cases; {@link #clear} resets only what was touched.
 */
final class SparseScores
{
    private final double[] scores;
    private final boolean[] scored;
    private final int[] touched;
    private final long[] popularity;
    private final int[] byPopularity;
    private int touchedCount;

    /**
     * Scratch over items with their popularity.
     *
     * @param popularity   training clicks per item (ties of score are broken by it).
     * @param byPopularity items, most popular first.
     */
    SparseScores(final long[] popularity, final int[] byPopularity)
    {
        this.popularity = popularity;
        this.byPopularity = byPopularity;
        this.scores = new double[popularity.length];
        this.scored = new boolean[popularity.length];
        this.touched = new int[popularity.length];
    }

    /**
     * Adds to an item's score.
     *
     * @param item  item index.
     * @param value amount to add.
     */
    void add(final int item, final double value)
    {
        if (!scored[item])
        {
            scored[item] = true;
            touched[touchedCount++] = item;
        }
        scores[item] += value;
    }

    /**
     * Writes the top k scored items, best first, then the most popular unscored items up to k, and clears.
     *
     * @param k   how many.
     * @param out receives item indices.
     * @return how many were written.
     */
    int top(final int k, final int[] out)
    {
        int count = 0;
        for (int t = 0; t < touchedCount; t++)
        {
            final int item = touched[t];
            if (count < k)
            {
                out[count++] = item;
                siftUp(out, count - 1);
            }
            else if (before(item, out[k - 1]))
            {
                out[k - 1] = item;
                siftUp(out, k - 1);
            }
        }
        for (int p = 0; count < k && p < byPopularity.length; p++)
        {
            if (!scored[byPopularity[p]])
            {
                out[count++] = byPopularity[p];
            }
        }
        clear();
        return count;
    }

    /** Forgets every score. */
    void clear()
    {
        for (int t = 0; t < touchedCount; t++)
        {
            scores[touched[t]] = 0.0;
            scored[touched[t]] = false;
        }
        touchedCount = 0;
    }

    /** Insertion step: moves out[i] up while it ranks before its predecessor. */
    private void siftUp(final int[] out, final int i)
    {
        for (int j = i; j > 0 && before(out[j], out[j - 1]); j--)
        {
            final int swap = out[j];
            out[j] = out[j - 1];
            out[j - 1] = swap;
        }
    }

    private boolean before(final int a, final int b)
    {
        if (scores[a] != scores[b])
        {
            return scores[a] > scores[b];
        }
        if (popularity[a] != popularity[b])
        {
            return popularity[a] > popularity[b];
        }
        return a < b;
    }

    /**
     * Training clicks per item and the items by popularity, most clicked first (ties by index).
     *
     * @param itemCount number of items.
     * @param training  training sessions.
     * @return the counts; {@link #popularityOrder} sorts by them.
     */
    static long[] clicks(final int itemCount, final List<int[]> training)
    {
        final long[] clicks = new long[itemCount];
        for (int s = 0, size = training.size(); s < size; s++)
        {
            for (final int item : training.get(s))
            {
                clicks[item]++;
            }
        }
        return clicks;
    }

    /**
     * Items ordered by popularity, most clicked first, ties by index.
     *
     * @param clicks clicks per item.
     * @return item indices.
     */
    static int[] popularityOrder(final long[] clicks)
    {
        final Integer[] boxed = new Integer[clicks.length];
        for (int i = 0; i < boxed.length; i++)
        {
            boxed[i] = i;
        }
        Arrays.sort(boxed, (a, b) -> clicks[a] != clicks[b] ? Long.compare(clicks[b], clicks[a]) :
            Integer.compare(a, b));
        final int[] order = new int[boxed.length];
        for (int i = 0; i < order.length; i++)
        {
            order[i] = boxed[i];
        }
        return order;
    }
}
