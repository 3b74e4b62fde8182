package io.tailor.benchmarks.eval;

import io.tailor.scoring.model.RecentSessionIndex;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * V-SKNN answered from Tailor's live {@link RecentSessionIndex} (the structure the server keeps from its event
 * stream) instead of from an index of the whole training file: the training sessions are replayed into it as
 * views, one in {@code share} of them when it stands for one node of a cluster that sees only its share of the
 * traffic. The current session is weighted linearly by position (the latest 1), as in {@link SessionKnnMethod}'s
 * V-SKNN; the session's own items are eligible (as there); items no neighbour has are filled from training
 * popularity.
 */
public final class LiveSessionKnnMethod implements SessionMethod
{
    private final int capacity;
    private final int share;
    private RecentSessionIndex index;
    private final RecentSessionIndex.Neighbourhood neighbourhood = new RecentSessionIndex.Neighbourhood();
    private SparseScores scores;
    private long[] query = new long[0];
    private float[] weights = new float[0];

    /**
     * The method over an index of bounded size.
     *
     * @param capacity sessions the index keeps.
     * @param share    the index sees one in this many training sessions (1: all).
     */
    public LiveSessionKnnMethod(final int capacity, final int share)
    {
        this.capacity = capacity;
        this.share = share;
    }

    @Override
    public String name()
    {
        return share == 1 ? "V-SKNN (live index)" : "V-SKNN (live index, 1 in " + share + " sessions)";
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> s = new LinkedHashMap<>();
        s.put("index", "RecentSessionIndex, " + capacity + " sessions of at most "
            + RecentSessionIndex.DEFAULT_ITEMS_PER_SESSION + " products, one in " + share + " training sessions");
        s.put("neighbours", "the " + RecentSessionIndex.DEFAULT_NEIGHBOURS + " most similar of the "
            + RecentSessionIndex.DEFAULT_SAMPLE + " most recent sessions sharing an item");
        return s;
    }

    @Override
    public void train(final int itemCount, final List<int[]> training)
    {
        index = new RecentSessionIndex(capacity, RecentSessionIndex.DEFAULT_ITEMS_PER_SESSION,
            RecentSessionIndex.DEFAULT_SESSION_GAP_MS);
        replay(index, training, share);
        final long[] clicks = SparseScores.clicks(itemCount, training);
        scores = new SparseScores(clicks, SparseScores.popularityOrder(clicks));
    }

    /**
     * Replays training sessions into an index as the server would apply their views, timed as
     * {@link TailorSessionMethod} times them; session {@code s} is shopper {@code s}.
     *
     * @param index    the index.
     * @param training training sessions, oldest first.
     * @param share    one in this many sessions is replayed.
     */
    static void replay(final RecentSessionIndex index, final List<int[]> training, final int share)
    {
        for (int s = 0, size = training.size(); s < size; s++)
        {
            if (s % share != 0)
            {
                continue;
            }
            final int[] clicks = training.get(s);
            final long startMs = s * TailorSessionMethod.SESSION_SPACING_MS;
            for (int c = 0; c < clicks.length; c++)
            {
                index.view(s, clicks[c], startMs + c * TailorSessionMethod.CLICK_SPACING_MS);
            }
        }
    }

    @Override
    public int recommend(final int[] prefix, final int k, final int[] out)
    {
        if (query.length < prefix.length)
        {
            query = new long[prefix.length];
            weights = new float[prefix.length];
        }
        int count = 0;
        for (int p = prefix.length - 1; p >= 0; p--)
        {
            if (!contains(query, count, prefix[p]))
            {
                query[count++] = prefix[p];
            }
        }
        for (int q = 0; q < count; q++)
        {
            // The item at distinct position q from the latest: (L - q) / L, as SessionKnnMethod's (p + 1) / L.
            weights[q] = (float)(prefix.length - positionFromEnd(prefix, (int)query[q])) / prefix.length;
        }
        final int scored = index.neighbours(query, weights, count, -1L, RecentSessionIndex.DEFAULT_SAMPLE,
            RecentSessionIndex.DEFAULT_NEIGHBOURS, neighbourhood);
        for (int n = 0; n < scored; n++)
        {
            scores.add((int)neighbourhood.product(n), neighbourhood.score(n));
        }
        return scores.top(k, out);
    }

    private static boolean contains(final long[] values, final int count, final long value)
    {
        for (int i = 0; i < count; i++)
        {
            if (values[i] == value)
            {
                return true;
            }
        }
        return false;
    }

    /** Clicks since the item's latest click: 0 for the last. */
    private static int positionFromEnd(final int[] prefix, final int item)
    {
        for (int p = prefix.length - 1; p >= 0; p--)
        {
            if (prefix[p] == item)
            {
                return prefix.length - 1 - p;
            }
        }
        return prefix.length;
    }
}
