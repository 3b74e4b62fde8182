package io.tailor.benchmarks.eval;

import java.util.List;
import java.util.Map;

/**
 * A next-item recommender under the session evaluation: learns from the training sessions, then answers each
 * case's session prefix with a ranked list over all items, the session's own items included.
 */
public interface SessionMethod
{
    /**
     * Name in the results table.
     *
     * @return e.g. {@code sknn}.
     */
    String name();

    /**
     * The settings that produced this method's numbers, in a stable order, for the report.
     *
     * @return setting name to value.
     */
    Map<String, String> settings();

    /**
     * Learns from training sessions.
     *
     * @param itemCount number of item indices.
     * @param training  training sessions, oldest first.
     */
    void train(int itemCount, List<int[]> training);

    /**
     * The best next items for a session so far, best first, each at most once.
     *
     * @param prefix the session's items so far, in click order.
     * @param k      how many.
     * @param out    receives item indices; at least {@code k} long.
     * @return how many were written, at most {@code k}.
     */
    int recommend(int[] prefix, int k, int[] out);

    /**
     * Answers every case, in any order or at once, each as {@link #recommend} would; the evaluation asks this.
     * Answering one case after another, unless a method knows better (one answered over the network keeps many
     * cases in flight).
     *
     * @param cases  the cases.
     * @param k      how many items per list.
     * @param lists  receives each case's list, at the case's index; entries are {@code k} long.
     * @param counts receives each list's length.
     */
    default void recommendAll(final List<SessionCase> cases, final int k, final int[][] lists, final int[] counts)
    {
        for (int c = 0, size = cases.size(); c < size; c++)
        {
            counts[c] = recommend(cases.get(c).prefix(), k, lists[c]);
        }
    }
}
