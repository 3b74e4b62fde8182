package io.tailor.scoring.util;

/**
 * A bounded list of the best-scoring entries, kept in two parallel arrays sorted best first: the selection
 * step of ranking and of the factor index, where lists are short (4 to a few hundred) and insertion into a
 * sorted array beats a heap.
 */
public final class BestFirst
{
    private BestFirst()
    {
    }

    /**
     * Offers an entry to a list of {@code count} entries holding at most {@code limit}.
     * <p>
     * An entry that scores no better than the last of a full list is not taken; among equal scores the
     * earlier offered stays first.
     *
     * @param ids    entries, best first; at least {@code limit} long.
     * @param scores their scores, aligned with {@code ids}.
     * @param count  entries in the list now.
     * @param limit  most entries the list keeps, at least 1.
     * @param id     the entry offered.
     * @param score  its score.
     * @return the new count.
     */
    public static int offer(final int[] ids, final float[] scores, final int count, final int limit, final int id,
        final float score)
    {
        if (count >= limit && score <= scores[limit - 1])
        {
            return count;
        }
        int position = count < limit ? count : limit - 1;
        while (position > 0 && scores[position - 1] < score)
        {
            ids[position] = ids[position - 1];
            scores[position] = scores[position - 1];
            position--;
        }
        ids[position] = id;
        scores[position] = score;
        return Math.min(count + 1, limit);
    }
}
