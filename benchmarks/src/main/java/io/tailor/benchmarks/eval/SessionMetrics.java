package io.tailor.benchmarks.eval;

/**
 * Accumulates the next-item metrics of the session-based recommendation literature for one method, over all
 * cases and over the cases whose next item is new to the session.
 * <p>
 * As SR-GNN, GCE-GNN and their successors define them, with one relevant item per case: P@k is the share of
 * cases whose next item is in the top k (it equals HR@k, the name is the literature's); MRR@k averages the
 * reciprocal 1-based rank of the next item, 0 when it is not in the top k. The ranking is over all items, the
 * session's own items included: a method that never repeats an item cannot hit a repeat case.
 */
public final class SessionMetrics
{
    private final int k;
    private long cases;
    private long hits;
    private double reciprocalRanks;
    private long newCases;
    private long newHits;
    private double newReciprocalRanks;

    /**
     * Empty metrics.
     *
     * @param k cut-off, 20 in the literature.
     */
    public SessionMetrics(final int k)
    {
        this.k = k;
    }

    /**
     * Records one case.
     *
     * @param list      the method's list, best first; an item appears at most once.
     * @param count     its length; entries past k are ignored.
     * @param target    the next item.
     * @param targetNew whether the next item is not in the session so far.
     * @return the 0-based rank of the target within the first k, or -1.
     */
    public int add(final int[] list, final int count, final int target, final boolean targetNew)
    {
        int rank = -1;
        for (int i = 0, n = Math.min(count, k); i < n; i++)
        {
            if (list[i] == target)
            {
                rank = i;
                break;
            }
        }
        final double reciprocal = rank < 0 ? 0.0 : 1.0 / (rank + 1);
        cases++;
        reciprocalRanks += reciprocal;
        if (rank >= 0)
        {
            hits++;
        }
        if (targetNew)
        {
            newCases++;
            newReciprocalRanks += reciprocal;
            if (rank >= 0)
            {
                newHits++;
            }
        }
        return rank;
    }

    /**
     * The cut-off.
     *
     * @return k.
     */
    public int k()
    {
        return k;
    }

    /**
     * Cases recorded.
     *
     * @return the count.
     */
    public long cases()
    {
        return cases;
    }

    /**
     * Cases whose next item was new to the session.
     *
     * @return the count.
     */
    public long newItemCases()
    {
        return newCases;
    }

    /**
     * P@k over all cases.
     *
     * @return a share in [0, 1]; 0 without cases.
     */
    public double precision()
    {
        return cases == 0 ? 0.0 : (double)hits / cases;
    }

    /**
     * MRR@k over all cases.
     *
     * @return a mean in [0, 1]; 0 without cases.
     */
    public double mrr()
    {
        return cases == 0 ? 0.0 : reciprocalRanks / cases;
    }

    /**
     * P@k over the cases whose next item was new to the session.
     *
     * @return a share in [0, 1]; 0 without such cases.
     */
    public double newItemPrecision()
    {
        return newCases == 0 ? 0.0 : (double)newHits / newCases;
    }

    /**
     * MRR@k over the cases whose next item was new to the session.
     *
     * @return a mean in [0, 1]; 0 without such cases.
     */
    public double newItemMrr()
    {
        return newCases == 0 ? 0.0 : newReciprocalRanks / newCases;
    }
}
