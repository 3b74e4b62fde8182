package io.tailor.benchmarks.eval;

import java.util.Map;

/**
 * A recommender under evaluation: learns from the training data, then answers, per held-out case, a
 * full top-k ranking and scores for a given set of items (the sampled-negatives protocol).
 * <p>
 * Every method of a run sees the same {@link TrainingData} and the same cases; the metrics are computed by
 * the evaluation, never by the method.
 */
public interface EvalMethod
{
    /**
     * Name in the results table.
     *
     * @return e.g. {@code tailor} or {@code librec-bpr}.
     */
    String name();

    /**
     * The settings that produced this method's numbers, in a stable order, for the report.
     *
     * @return setting name to value.
     */
    Map<String, String> settings();

    /**
     * Learns from the training data.
     *
     * @param data training data of the split being evaluated.
     * @throws Exception when the method fails.
     */
    void train(TrainingData data) throws Exception;

    /**
     * The best items for a case, best first, none of them one of the shopper's training items.
     *
     * @param evalCase the case.
     * @param k        how many.
     * @param out      receives item indices; at least {@code k} long.
     * @return how many were written, at most {@code k}.
     * @throws Exception when the method fails.
     */
    int recommend(EvalCase evalCase, int k, int[] out) throws Exception;

    /**
     * Scores given items for a case; higher is better.
     *
     * @param evalCase the case.
     * @param items    item indices.
     * @param count    how many of {@code items} to score.
     * @param scores   receives one score per item.
     * @throws Exception when the method fails.
     */
    void score(EvalCase evalCase, int[] items, int count, double[] scores) throws Exception;

    /**
     * Method-specific observations made while evaluating (for example why items were missed), for the report.
     *
     * @return name to value; empty by default.
     */
    default Map<String, Object> diagnostics()
    {
        return Map.of();
    }
}
