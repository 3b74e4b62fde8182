package io.tailor.benchmarks.eval;

import java.io.PrintStream;
import java.util.List;

/**
 * One split, ready to evaluate methods on: the training data every method learns from, the cases, and the
 * sampled negatives of every case.
 */
public final class Evaluation
{
    private final Split split;
    private final TrainingData training;
    private final int[][] samples;
    private final TieBreak tieBreak;
    private final int k;

    /**
     * Prepares a split.
     *
     * @param dataset   the dataset (for its products).
     * @param items     the item index.
     * @param split     the split.
     * @param k         cut-off of the metrics.
     * @param negatives sampled negatives per case.
     * @param seed      run seed (negatives and tie-breaks).
     */
    public Evaluation(final Dataset dataset, final ItemIndex items, final Split split, final int k,
        final int negatives, final long seed)
    {
        this.split = split;
        this.training = new TrainingData(dataset.products(), items, split.train());
        this.samples = NegativeSampler.sample(split.cases(), items.size(), negatives, seed);
        this.tieBreak = new TieBreak(seed);
        this.k = k;
    }

    /**
     * The split.
     *
     * @return the split.
     */
    public Split split()
    {
        return split;
    }

    /**
     * What every method learns from.
     *
     * @return the training data.
     */
    public TrainingData training()
    {
        return training;
    }

    /**
     * The tie-break every method's ranking uses.
     *
     * @return the tie-break.
     */
    public TieBreak tieBreak()
    {
        return tieBreak;
    }

    /**
     * Trains a method and measures it on every case.
     *
     * @param method the method.
     * @param log    where progress goes, or {@code null}.
     * @return its result.
     * @throws Exception when the method fails.
     */
    public MethodResult run(final EvalMethod method, final PrintStream log) throws Exception
    {
        final long t0 = System.nanoTime();
        method.train(training);
        final long t1 = System.nanoTime();

        final List<EvalCase> cases = split.cases();
        final RankingMetrics metrics = new RankingMetrics(k, training.items().size());
        final int[] list = new int[k];
        double[] scores = new double[0];
        for (int c = 0, size = cases.size(); c < size; c++)
        {
            final EvalCase evalCase = cases.get(c);
            final int count = method.recommend(evalCase, k, list);
            metrics.addFullRanking(list, count, evalCase.target());

            final int[] sampled = samples[c];
            if (scores.length < sampled.length)
            {
                scores = new double[sampled.length];
            }
            method.score(evalCase, sampled, sampled.length, scores);
            metrics.addSampled(RankingMetrics.rankOfFirst(tieBreak, evalCase.userIndex(), sampled, scores,
                sampled.length));
        }
        final long t2 = System.nanoTime();
        final MethodResult result = new MethodResult(method.name(), method.settings(), metrics.cases(),
            metrics.hitRate(), metrics.ndcg(), metrics.coverage(), metrics.sampledHitRate(), metrics.sampledNdcg(),
            (t1 - t0) / 1e9, (t2 - t1) / 1e9, method.diagnostics());
        if (log != null)
        {
            log.printf("eval: %-22s HR@%d %.4f  NDCG@%d %.4f  (train %.1f s, rank %.1f s)%n", result.method(), k,
                result.hitRate(), k, result.ndcg(), result.trainSeconds(), result.evalSeconds());
        }
        return result;
    }
}
