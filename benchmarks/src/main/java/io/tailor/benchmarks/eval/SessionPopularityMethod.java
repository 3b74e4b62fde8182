package io.tailor.benchmarks.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The popularity baselines of the session literature: POP recommends the items clicked most in the training
 * sessions, whatever the session; S-POP recommends the session's own items, most often clicked in the session
 * first (ties by training popularity), then fills the list with POP.
 */
public final class SessionPopularityMethod implements SessionMethod
{
    private final boolean sessionFirst;
    private SparseScores scores;

    /**
     * A popularity baseline.
     *
     * @param sessionFirst false for POP, true for S-POP.
     */
    public SessionPopularityMethod(final boolean sessionFirst)
    {
        this.sessionFirst = sessionFirst;
    }

    @Override
    public String name()
    {
        return sessionFirst ? "session-popularity (S-POP)" : "popularity (POP)";
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> s = new LinkedHashMap<>();
        if (sessionFirst)
        {
            s.put("first", "the session's items, by clicks in the session");
        }
        s.put(sessionFirst ? "then" : "ranked by", "clicks in the training sessions");
        return s;
    }

    @Override
    public void train(final int itemCount, final List<int[]> training)
    {
        final long[] clicks = SparseScores.clicks(itemCount, training);
        scores = new SparseScores(clicks, SparseScores.popularityOrder(clicks));
    }

    @Override
    public int recommend(final int[] prefix, final int k, final int[] out)
    {
        if (sessionFirst)
        {
            for (final int item : prefix)
            {
                scores.add(item, 1.0);
            }
        }
        return scores.top(k, out);
    }
}
