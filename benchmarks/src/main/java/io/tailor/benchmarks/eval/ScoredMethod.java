package io.tailor.benchmarks.eval;

/**
 * A method that can score every item for a shopper; its full ranking is the top k of those scores over
 * the items the shopper has not interacted with, ties broken by the run's {@link TieBreak}.
 */
public abstract class ScoredMethod implements EvalMethod
{
    private final TieBreak tieBreak;
    private double[] all = new double[0];
    private EvalCase scored;

    /**
     * Method with the run's tie-break.
     *
     * @param tieBreak tie-break shared by every method of a run.
     */
    protected ScoredMethod(final TieBreak tieBreak)
    {
        this.tieBreak = tieBreak;
    }

    /**
     * Scores every item for a case; items the shopper trained on may be left unscored.
     *
     * @param evalCase the case.
     * @param scores   receives one score per item index.
     * @throws Exception when the method fails.
     */
    protected abstract void scoreAll(EvalCase evalCase, double[] scores) throws Exception;

    /**
     * Number of items scored.
     *
     * @return the catalog size.
     */
    protected abstract int itemCount();

    @Override
    public int recommend(final EvalCase evalCase, final int k, final int[] out) throws Exception
    {
        final int n = itemCount();
        if (all.length < n)
        {
            all = new double[n];
        }
        scoreAll(evalCase, all);
        scored = evalCase;
        return topK(tieBreak, evalCase, all, n, k, out);
    }

    /**
     * Scores given items; reuses the scores of the last {@link #recommend} when it was for the same case.
     */
    @Override
    public void score(final EvalCase evalCase, final int[] items, final int count, final double[] scores)
        throws Exception
    {
        final int n = itemCount();
        if (all.length < n)
        {
            all = new double[n];
        }
        if (scored != evalCase)
        {
            scoreAll(evalCase, all);
            scored = evalCase;
        }
        for (int i = 0; i < count; i++)
        {
            scores[i] = all[items[i]];
        }
    }

    /**
     * The k best items by score among those the shopper did not train on, best first.
     *
     * @param tieBreak order of equal scores.
     * @param evalCase the case (user and exclusions).
     * @param scores   score per item index.
     * @param n        number of items.
     * @param k        how many to keep.
     * @param out      receives the items.
     * @return how many were written.
     */
    static int topK(final TieBreak tieBreak, final EvalCase evalCase, final double[] scores, final int n, final int k,
        final int[] out)
    {
        final int user = evalCase.userIndex();
        final int[] excluded = evalCase.trainItems();
        int next = 0;
        int count = 0;
        for (int item = 0; item < n; item++)
        {
            if (next < excluded.length && excluded[next] == item)
            {
                next++;
                continue;
            }
            final double s = scores[item];
            if (count == k && !tieBreak.before(user, item, s, out[k - 1], scores[out[k - 1]]))
            {
                continue;
            }
            int position = count < k ? count++ : k - 1;
            while (position > 0 && tieBreak.before(user, item, s, out[position - 1], scores[out[position - 1]]))
            {
                out[position] = out[position - 1];
                position--;
            }
            out[position] = item;
        }
        return count;
    }
}
