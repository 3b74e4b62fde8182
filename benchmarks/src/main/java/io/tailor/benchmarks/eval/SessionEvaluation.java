package io.tailor.benchmarks.eval;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * The session evaluation: every method learns from the same training sessions and answers the same cases, and
 * one {@link SessionMetrics} implementation scores them all.
 */
public final class SessionEvaluation
{
    /** Share of the training sessions, the most recent, that {@link #validation} holds out. */
    public static final double VALIDATION_SHARE = 0.1;

    private final List<int[]> training;
    private final List<SessionCase> cases;
    private final int itemCount;
    private final int k;

    /**
     * An evaluation of cases after training sessions.
     *
     * @param itemCount number of item indices.
     * @param training  training sessions, oldest first.
     * @param cases     the cases.
     * @param k         cut-off, 20 in the literature.
     */
    public SessionEvaluation(final int itemCount, final List<int[]> training, final List<SessionCase> cases,
        final int k)
    {
        this.itemCount = itemCount;
        this.training = training;
        this.cases = cases;
        this.k = k;
    }

    /**
     * The test evaluation of a dataset: all training sessions, the dataset's cases (or a seeded sample of them).
     *
     * @param data     the dataset.
     * @param maxCases most cases to answer; 0 or less for all.
     * @param seed     seed of the sample.
     * @param k        cut-off.
     * @return the evaluation.
     */
    public static SessionEvaluation test(final SessionData data, final int maxCases, final long seed, final int k)
    {
        return new SessionEvaluation(data.itemCount(), data.training(), sample(data.cases(), maxCases, seed), k);
    }

    /**
     * A validation split carved out of the training data, for choosing settings without looking at the test
     * cases: the most recent {@link #VALIDATION_SHARE} of the training sessions become cases the way the test
     * set was made (every prefix of a session, with its next item), the others are training.
     *
     * @param data     the dataset.
     * @param maxCases most cases to answer; 0 or less for all.
     * @param seed     seed of the sample.
     * @param k        cut-off.
     * @return the evaluation.
     */
    public static SessionEvaluation validation(final SessionData data, final int maxCases, final long seed,
        final int k)
    {
        final List<int[]> all = data.training();
        final int cut = (int)Math.round(all.size() * (1.0 - VALIDATION_SHARE));
        final List<SessionCase> held = new ArrayList<>();
        for (int s = cut; s < all.size(); s++)
        {
            final int[] session = all.get(s);
            for (int next = 1; next < session.length; next++)
            {
                held.add(new SessionCase(Arrays.copyOf(session, next), session[next]));
            }
        }
        return new SessionEvaluation(data.itemCount(), all.subList(0, cut), sample(held, maxCases, seed), k);
    }

    /**
     * A seeded uniform sample of cases without replacement, in their original order.
     *
     * @param all      every case.
     * @param maxCases most cases; 0 or less for all.
     * @param seed     seed.
     * @return the sample, or {@code all} when it is small enough.
     */
    static List<SessionCase> sample(final List<SessionCase> all, final int maxCases, final long seed)
    {
        if (maxCases <= 0 || maxCases >= all.size())
        {
            return all;
        }
        final int[] indices = new int[all.size()];
        for (int i = 0; i < indices.length; i++)
        {
            indices[i] = i;
        }
        final Random random = new Random(seed);
        for (int i = 0; i < maxCases; i++)
        {
            final int j = i + random.nextInt(indices.length - i);
            final int swap = indices[i];
            indices[i] = indices[j];
            indices[j] = swap;
        }
        final int[] chosen = Arrays.copyOf(indices, maxCases);
        Arrays.sort(chosen);
        final List<SessionCase> sampled = new ArrayList<>(maxCases);
        for (final int i : chosen)
        {
            sampled.add(all.get(i));
        }
        return sampled;
    }

    /**
     * Training sessions of this evaluation.
     *
     * @return sessions, oldest first.
     */
    public List<int[]> training()
    {
        return training;
    }

    /**
     * Cases of this evaluation.
     *
     * @return the cases.
     */
    public List<SessionCase> cases()
    {
        return cases;
    }

    /**
     * Trains a method and measures it on every case.
     *
     * @param method the method.
     * @param log    where progress goes, or {@code null}.
     * @return its result.
     */
    public Result run(final SessionMethod method, final PrintStream log)
    {
        final long t0 = System.nanoTime();
        method.train(itemCount, training);
        final long t1 = System.nanoTime();
        final SessionMetrics metrics = new SessionMetrics(k);
        final int[][] lists = new int[cases.size()][k];
        final int[] counts = new int[cases.size()];
        method.recommendAll(cases, k, lists, counts);
        for (int c = 0, size = cases.size(); c < size; c++)
        {
            final SessionCase evalCase = cases.get(c);
            metrics.add(lists[c], counts[c], evalCase.target(), evalCase.targetNew());
        }
        final long t2 = System.nanoTime();
        final Result result = new Result(method.name(), method.settings(), metrics, (t1 - t0) / 1e9,
            (t2 - t1) / 1e9);
        if (log != null)
        {
            log.printf(Locale.ROOT, "eval: %-28s P@%d %.2f  MRR@%d %.2f  new items: P@%d %.2f  MRR@%d %.2f  "
                + "(train %.1f s, %d cases %.1f s)%n", result.method(), k, 100 * metrics.precision(), k,
                100 * metrics.mrr(), k, 100 * metrics.newItemPrecision(), k, 100 * metrics.newItemMrr(),
                result.trainSeconds(), metrics.cases(), result.evalSeconds());
        }
        return result;
    }

    /**
     * What one method scored.
     *
     * @param method       method name.
     * @param settings     its settings.
     * @param metrics      its metrics.
     * @param trainSeconds time to learn, seconds.
     * @param evalSeconds  time to answer every case, seconds.
     */
    public record Result(String method, Map<String, String> settings, SessionMetrics metrics, double trainSeconds,
        double evalSeconds)
    {
    }
}
