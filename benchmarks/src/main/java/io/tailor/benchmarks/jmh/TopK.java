package io.tailor.benchmarks.jmh;

/**
 * The k best of a run of scores, best first, by insertion into a short sorted list: each score costs one
 * comparison with the current k-th unless it enters the list. The same selection follows every scoring
 * variant of {@link CandidateScoringBenchmark}, so the variants differ only in how they score.
 */
final class TopK
{
    private final int[] items;
    private final float[] scores;
    private int count;

    TopK(final int k)
    {
        items = new int[k];
        scores = new float[k];
    }

    /**
     * Selects the best of {@code candidateScores[0..candidates)}; ties keep the earlier candidate first.
     * Once the list is full, a tight scan skips every score not above the k-th, which is nearly all of them.
     *
     * @return the best candidate's index, so a benchmark can return something that depends on all of it.
     */
    int select(final float[] candidateScores, final int candidates)
    {
        final int k = items.length;
        final int[] topItems = items;
        final float[] topScores = scores;
        int size = 0;
        float kth = Float.NEGATIVE_INFINITY;
        int n = 0;
        while (n < candidates)
        {
            if (size == k)
            {
                while (n < candidates && candidateScores[n] <= kth)
                {
                    n++;
                }
                if (n == candidates)
                {
                    break;
                }
            }
            final float score = candidateScores[n];
            int position = size < k ? size++ : k - 1;
            while (position > 0 && topScores[position - 1] < score)
            {
                topItems[position] = topItems[position - 1];
                topScores[position] = topScores[position - 1];
                position--;
            }
            topItems[position] = n;
            topScores[position] = score;
            kth = topScores[size - 1];
            n++;
        }
        count = size;
        return size > 0 ? topItems[0] : -1;
    }

    int count()
    {
        return count;
    }

    int item(final int rank)
    {
        return items[rank];
    }

    float score(final int rank)
    {
        return scores[rank];
    }
}
