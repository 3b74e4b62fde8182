package io.tailor.benchmarks.eval;

import java.util.BitSet;

/**
 * Accumulates the leave-one-out ranking metrics of one method over the cases of a run.
 * <p>
 * With one relevant item per case, HR@k is the share of cases whose held-out item is in the top k, and
 * NDCG@k averages {@code 1 / log2(rank + 2)} for a hit at 0-based {@code rank} (0 for a miss): the ideal
 * DCG of one relevant item is 1. Catalog coverage@k is the share of all items that appear in at least
 * one case's top k.
 */
public final class RankingMetrics
{
    private final int k;
    private final int catalogSize;
    private final BitSet recommended;
    private long cases;
    private long hits;
    private double ndcg;
    private long sampledCases;
    private long sampledHits;
    private double sampledNdcg;

    /**
     * Empty metrics.
     *
     * @param k           cut-off.
     * @param catalogSize number of items, for coverage.
     */
    public RankingMetrics(final int k, final int catalogSize)
    {
        this.k = k;
        this.catalogSize = catalogSize;
        this.recommended = new BitSet(catalogSize);
    }

    /**
     * DCG of a single relevant item at a 0-based rank, 0 at or past the cut-off or for a miss.
     *
     * @param rank 0-based rank, or -1 for not found.
     * @param k    cut-off.
     * @return the gain.
     */
    public static double ndcgAt(final int rank, final int k)
    {
        return rank < 0 || rank >= k ? 0.0 : 1.0 / (Math.log(rank + 2.0) / Math.log(2.0));
    }

    /**
     * Records one case of the full ranking.
     *
     * @param list   the method's top list, best first.
     * @param count  its length.
     * @param target the held-out item.
     * @return the 0-based rank of the target within the first k, or -1.
     */
    public int addFullRanking(final int[] list, final int count, final int target)
    {
        cases++;
        int rank = -1;
        for (int i = 0, n = Math.min(count, k); i < n; i++)
        {
            recommended.set(list[i]);
            if (list[i] == target && rank < 0)
            {
                rank = i;
            }
        }
        if (rank >= 0)
        {
            hits++;
            ndcg += ndcgAt(rank, k);
        }
        return rank;
    }

    /**
     * Records one case of the sampled protocol: the target's rank among itself and the sampled negatives.
     *
     * @param rank 0-based rank of the target among the scored items.
     */
    public void addSampled(final int rank)
    {
        sampledCases++;
        if (rank < k)
        {
            sampledHits++;
            sampledNdcg += ndcgAt(rank, k);
        }
    }

    /**
     * The 0-based rank of {@code items[0]} (the target) among {@code items[0..count)} by score, equal scores
     * ordered by the tie-break.
     *
     * @param tieBreak tie-break of the run.
     * @param user     user index.
     * @param items    the target first, then the negatives.
     * @param scores   their scores.
     * @param count    how many.
     * @return how many items rank before the target.
     */
    public static int rankOfFirst(final TieBreak tieBreak, final int user, final int[] items, final double[] scores,
        final int count)
    {
        int rank = 0;
        for (int i = 1; i < count; i++)
        {
            if (tieBreak.before(user, items[i], scores[i], items[0], scores[0]))
            {
                rank++;
            }
        }
        return rank;
    }

    /**
     * Cases recorded in the full ranking.
     *
     * @return the count.
     */
    public long cases()
    {
        return cases;
    }

    /**
     * Hit rate at k of the full ranking.
     *
     * @return HR@k in [0, 1].
     */
    public double hitRate()
    {
        return cases == 0 ? 0.0 : (double)hits / cases;
    }

    /**
     * NDCG at k of the full ranking.
     *
     * @return NDCG@k in [0, 1].
     */
    public double ndcg()
    {
        return cases == 0 ? 0.0 : ndcg / cases;
    }

    /**
     * Share of the catalog that appeared in any top k.
     *
     * @return coverage in [0, 1].
     */
    public double coverage()
    {
        return catalogSize == 0 ? 0.0 : (double)recommended.cardinality() / catalogSize;
    }

    /**
     * Hit rate at k among the target and the sampled negatives.
     *
     * @return sampled HR@k in [0, 1].
     */
    public double sampledHitRate()
    {
        return sampledCases == 0 ? 0.0 : (double)sampledHits / sampledCases;
    }

    /**
     * NDCG at k among the target and the sampled negatives.
     *
     * @return sampled NDCG@k in [0, 1].
     */
    public double sampledNdcg()
    {
        return sampledCases == 0 ? 0.0 : sampledNdcg / sampledCases;
    }
}
