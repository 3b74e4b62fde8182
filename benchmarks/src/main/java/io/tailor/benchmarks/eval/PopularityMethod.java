package io.tailor.benchmarks.eval;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The popularity baseline: the items the most training shoppers interacted with, the same list for
 * everyone less what each shopper already has.
 */
public final class PopularityMethod extends ScoredMethod
{
    private TrainingData data;

    /**
     * Popularity baseline.
     *
     * @param tieBreak the run's tie-break.
     */
    public PopularityMethod(final TieBreak tieBreak)
    {
        super(tieBreak);
    }

    @Override
    public String name()
    {
        return "popularity";
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> settings = new LinkedHashMap<>();
        settings.put("score", "distinct training shoppers who interacted with the item");
        return settings;
    }

    @Override
    public void train(final TrainingData data)
    {
        this.data = data;
    }

    @Override
    protected int itemCount()
    {
        return data.items().size();
    }

    @Override
    protected void scoreAll(final EvalCase evalCase, final double[] scores)
    {
        for (int i = 0, n = data.items().size(); i < n; i++)
        {
            scores[i] = data.itemUsers(i);
        }
    }
}
