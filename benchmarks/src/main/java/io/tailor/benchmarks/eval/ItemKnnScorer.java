package io.tailor.benchmarks.eval;

import java.util.Arrays;

/**
 * LibRec 2.0.0's item-KNN ranking score, computed with primitive arrays instead of LibRec's boxed tables.
 * <p>
 * LibRec's {@code ItemKNNRecommender.predict(u, i)} in ranking mode walks item {@code i}'s similarity list,
 * sorted by similarity descending, keeps the first {@code knn} items the user owns, and returns the sum of
 * their similarities, adding them largest first. With binary cosine similarity
 * ({@code BinaryCosineSimilarity}: {@code a.b / (sqrt(a.a) * sqrt(b.b))}) every similarity is at least 0
 * and items that never co-occur have similarity 0, so the score is the sum of the {@code knn} largest
 * positive similarities between {@code i} and the user's items. This class computes exactly that, the same
 * doubles added in the same order, so scores equal LibRec's to the bit (see {@code LibRecPeerTest}), in a
 * few seconds where LibRec needs minutes and gigabytes on 10,000 items: it stores similarities of every
 * pair, zeros included, in a {@code HashBasedTable} and boxes every look-up.
 */
final class ItemKnnScorer
{
    private final int items;
    private final int knn;
    private final int[] rowStart;
    private final int[] neighbours;
    private final double[] similarities;

    private final boolean[] owned;
    private final int[] counts;
    private final int[] starts;
    private int[] cursor;
    private double[] buffer = new double[0];

    /**
     * Builds the similarities of every co-occurring pair of items.
     *
     * @param data training data.
     * @param knn  neighbours kept per score, {@code rec.neighbors.knn.number}.
     */
    ItemKnnScorer(final TrainingData data, final int knn)
    {
        this.items = data.items().size();
        this.knn = knn;
        final int users = data.userCount();

        // Users of each item (the columns of the training matrix).
        final int[] itemCount = new int[items];
        for (int u = 0; u < users; u++)
        {
            for (final int i : data.userItems(u))
            {
                itemCount[i]++;
            }
        }
        final int[] colStart = new int[items + 1];
        for (int i = 0; i < items; i++)
        {
            colStart[i + 1] = colStart[i] + itemCount[i];
        }
        final int[] colUsers = new int[colStart[items]];
        final int[] fill = Arrays.copyOf(colStart, items);
        for (int u = 0; u < users; u++)
        {
            for (final int i : data.userItems(u))
            {
                colUsers[fill[i]++] = u;
            }
        }

        // Co-occurrence counts of each item with every other, one row at a time.
        final int[] co = new int[items];
        final int[] touched = new int[items];
        final int[] degree = new int[items];
        for (int i = 0; i < items; i++)
        {
            int t = 0;
            for (int p = colStart[i]; p < colStart[i + 1]; p++)
            {
                for (final int j : data.userItems(colUsers[p]))
                {
                    if (j != i && co[j]++ == 0)
                    {
                        touched[t++] = j;
                    }
                }
            }
            degree[i] = t;
            for (int n = 0; n < t; n++)
            {
                co[touched[n]] = 0;
            }
        }
        rowStart = new int[items + 1];
        for (int i = 0; i < items; i++)
        {
            rowStart[i + 1] = rowStart[i] + degree[i];
        }
        neighbours = new int[rowStart[items]];
        similarities = new double[rowStart[items]];
        for (int i = 0; i < items; i++)
        {
            int t = 0;
            for (int p = colStart[i]; p < colStart[i + 1]; p++)
            {
                for (final int j : data.userItems(colUsers[p]))
                {
                    if (j != i && co[j]++ == 0)
                    {
                        touched[t++] = j;
                    }
                }
            }
            Arrays.sort(touched, 0, t);
            final double ni = Math.sqrt(itemCount[i]);
            for (int n = 0, at = rowStart[i]; n < t; n++, at++)
            {
                final int j = touched[n];
                neighbours[at] = j;
                similarities[at] = cosine(co[j], ni, Math.sqrt(itemCount[j]));
                co[j] = 0;
            }
        }

        owned = new boolean[items];
        counts = new int[items];
        starts = new int[items + 1];
        cursor = new int[items];
    }

    /** LibRec's {@code BinaryCosineSimilarity}: {@code a.b / (sqrt(a.a) * sqrt(b.b))} on 0/1 vectors. */
    static double cosine(final int coCount, final double sqrtCountA, final double sqrtCountB)
    {
        return (double)coCount / (sqrtCountA * sqrtCountB);
    }

    /**
     * Number of item pairs with a similarity, counted both ways.
     *
     * @return the count.
     */
    long pairs()
    {
        return neighbours.length;
    }

    /**
     * Similarity of two items as stored, 0 when they never co-occur.
     *
     * @param a an item.
     * @param b another item.
     * @return the similarity.
     */
    double similarity(final int a, final int b)
    {
        final int at = Arrays.binarySearch(neighbours, rowStart[a], rowStart[a + 1], b);
        return at < 0 ? 0.0 : similarities[at];
    }

    /**
     * Scores every item for a user's items.
     *
     * @param userItems the user's training items, sorted.
     * @param scores    receives one score per item; items the user owns get 0.
     */
    void scoreAll(final int[] userItems, final double[] scores)
    {
        Arrays.fill(counts, 0);
        for (final int j : userItems)
        {
            owned[j] = true;
        }
        // Pass 1: how many similarities each candidate item receives; pass 2: gather them per item.
        for (final int j : userItems)
        {
            for (int p = rowStart[j], end = rowStart[j + 1]; p < end; p++)
            {
                counts[neighbours[p]]++;
            }
        }
        starts[0] = 0;
        for (int i = 0; i < items; i++)
        {
            starts[i + 1] = starts[i] + counts[i];
        }
        if (buffer.length < starts[items])
        {
            buffer = new double[starts[items]];
        }
        System.arraycopy(starts, 0, cursor, 0, items);
        for (final int j : userItems)
        {
            for (int p = rowStart[j], end = rowStart[j + 1]; p < end; p++)
            {
                buffer[cursor[neighbours[p]]++] = similarities[p];
            }
        }
        for (int i = 0; i < items; i++)
        {
            final int from = starts[i];
            final int to = starts[i + 1];
            if (owned[i] || from == to)
            {
                scores[i] = 0.0;
                continue;
            }
            Arrays.sort(buffer, from, to);
            double sum = 0.0;
            for (int p = to - 1, kept = 0; p >= from && kept < knn; p--, kept++)
            {
                sum += buffer[p];
            }
            scores[i] = sum;
        }
        for (final int j : userItems)
        {
            owned[j] = false;
        }
    }
}
