package io.tailor.benchmarks.eval;

import io.tailor.scoring.rank.ScoringWeights;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Tunes Tailor's settings on the validation split, never on the test items: the split's training events
 * are split again (each shopper's second-to-last new item held out), every candidate is trained on what
 * remains and measured on those items, and the candidate with the best NDCG@k wins (HR@k breaks ties, then
 * the grid order, which starts with the server defaults).
 * <p>
 * The grid: popularity half-life, affinity half-life, session half-life and the placement's popularity
 * weight; everything else stays as given.
 */
public final class TailorTuner
{
    private static final Duration[] POPULARITY = {Duration.ofDays(3), Duration.ofDays(90), Duration.ofDays(3650)};
    private static final Duration[] AFFINITY = {Duration.ofDays(30), Duration.ofDays(3650)};
    private static final Duration[] SESSION = {Duration.ofMinutes(30), Duration.ofDays(1)};
    private static final float[] POPULARITY_WEIGHT = {Float.NaN, 3.0f};

    private TailorTuner()
    {
    }

    /**
     * What tuning chose and how every candidate did.
     *
     * @param chosen the winning settings.
     * @param report the grid and its validation metrics, for the report.
     */
    public record Outcome(TailorSettings chosen, Map<String, Object> report)
    {
    }

    /**
     * Tunes.
     *
     * @param dataset   the dataset.
     * @param items     its item index.
     * @param test      the test split, whose training events are split again.
     * @param base      settings whose half-lives are varied.
     * @param k         cut-off.
     * @param negatives sampled negatives per case.
     * @param seed      run seed.
     * @param minItems  fewest distinct items for a shopper to be evaluated.
     * @param ratingsAsViews tune the variant that replays ratings as views (see {@link TailorMethod}).
     * @param log       progress, or {@code null}.
     * @return the outcome.
     * @throws Exception when a run fails.
     */
    public static Outcome tune(final Dataset dataset, final ItemIndex items, final Split test,
        final TailorSettings base, final int k, final int negatives, final long seed, final int minItems,
        final boolean ratingsAsViews, final PrintStream log) throws Exception
    {
        final Split validation = LeaveLastOutSplitter.split(test.train(), items, minItems);
        final Evaluation evaluation = new Evaluation(dataset, items, validation, k, negatives, seed);
        final List<Object> grid = new ArrayList<>();
        TailorSettings best = null;
        MethodResult bestResult = null;
        for (final TailorSettings candidate : candidates(base))
        {
            final MethodResult r = evaluation.run(new TailorMethod("validation", candidate, ratingsAsViews), null);
            final Map<String, Object> row = new LinkedHashMap<>();
            row.put("settings", candidate.label());
            row.put("hr@" + k, r.hitRate());
            row.put("ndcg@" + k, r.ndcg());
            grid.add(row);
            if (bestResult == null || r.ndcg() > bestResult.ndcg() ||
                (r.ndcg() == bestResult.ndcg() && r.hitRate() > bestResult.hitRate()))
            {
                best = candidate;
                bestResult = r;
            }
        }
        if (log != null)
        {
            log.printf("eval: tuned%s on %d validation cases: %s (NDCG@%d %.4f)%n",
                ratingsAsViews ? " (ratings as views)" : "", validation.cases().size(), best.label(), k,
                bestResult.ndcg());
        }
        final Map<String, Object> report = new LinkedHashMap<>();
        report.put("description", "popularity, affinity and session half-lives and the popularity weight chosen by " +
            "NDCG@" + k + " among " + grid.size() + " candidates on the validation split (each shopper's " +
            "second-to-last new item, " + validation.cases().size() + " cases; the test items are not looked at)" +
            (ratingsAsViews ? ", ratings replayed as views" : "") + ".");
        report.put("validationCases", validation.cases().size());
        report.put("chosen", best.label());
        report.put("grid", grid);
        return new Outcome(best, report);
    }

    /** The grid, server defaults first. */
    static List<TailorSettings> candidates(final TailorSettings base)
    {
        final ScoringWeights w = base.ranking().weightsFor(base.placement());
        final List<TailorSettings> all = new ArrayList<>();
        for (final Duration popularity : POPULARITY)
        {
            for (final Duration affinity : AFFINITY)
            {
                for (final Duration session : SESSION)
                {
                    for (final float weight : POPULARITY_WEIGHT)
                    {
                        final float popularityWeight = Float.isNaN(weight) ? w.popularity() : weight;
                        final String label = "popularity half-life " + popularity.toDays() + "d, affinity half-life " +
                            affinity.toDays() + "d, session half-life " + session.toMinutes() + "m, popularity " +
                            "weight " + popularityWeight;
                        all.add(base.withHalfLives(label, popularity, affinity, session).withWeights(label,
                            new ScoringWeights(w.affinity(), w.session(), w.context(), w.cooccurrence(),
                                w.category(), w.brand(), popularityWeight, w.freshness(), w.priceFit(),
                                w.collaborative(), w.transition())));
                    }
                }
            }
        }
        return all;
    }
}
