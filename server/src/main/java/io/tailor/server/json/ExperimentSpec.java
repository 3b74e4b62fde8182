package io.tailor.server.json;

import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.experiment.ArmTally;
import io.tailor.scoring.experiment.Experiment;
import io.tailor.scoring.rank.Diversity;
import io.tailor.scoring.rank.FrequencyCap;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.ScoringWeights;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * An experiment definition as read from JSON, before it is bound to a node's ranking settings.
 *
 * @param placement         the placement it runs on.
 * @param arms              its arms, in the order given.
 * @param attributionWindow how long after a list is served an event is credited to it.
 * @param json              the canonical JSON text stored in the grid.
 */
public record ExperimentSpec(Placement placement, List<ArmSpec> arms, Duration attributionWindow, String json)
{
    /**
     * One arm as read.
     *
     * @param name           arm name.
     * @param share          share of shoppers.
     * @param popular        whether it serves the non-personal bestseller list.
     * @param weights        scoring weights replacing the placement's, by name (empty: none).
     * @param diversity      diversity settings replacing the placement's, by name (empty: none).
     * @param maxImpressions the frequency cap's impressions per window, or {@code null} for the node's.
     */
    public record ArmSpec(String name, double share, boolean popular, Map<String, Float> weights,
        Map<String, Double> diversity, Integer maxImpressions)
    {
        /**
         * The ranking settings this arm serves with, built and validated as the configuration file's placement
         * policy is: each key given replaces the placement's value, the others stay.
         *
         * @param base      the node's ranking settings.
         * @param placement the experiment's placement.
         * @return the settings, or {@code null} when the arm overrides none.
         * @throws IllegalArgumentException naming what is out of range.
         */
        public RankingSettings settings(final RankingSettings base, final Placement placement)
        {
            RankingSettings settings = base;
            if (!weights.isEmpty())
            {
                final ScoringWeights d = base.weightsFor(placement);
                settings = settings.withWeights(placement, new ScoringWeights(w("affinity", d.affinity()),
                    w("session", d.session()), w("context", d.context()), w("cooccurrence", d.cooccurrence()),
                    w("category", d.category()), w("brand", d.brand()), w("popularity", d.popularity()),
                    w("freshness", d.freshness()), w("priceFit", d.priceFit()),
                    w("collaborative", d.collaborative()), w("transition", d.transition()),
                    w("similarSessions", d.similarSessions())));
            }
            if (!diversity.isEmpty())
            {
                final Diversity d = base.diversityFor(placement);
                settings = settings.withDiversity(placement, new Diversity(
                    diversity.getOrDefault("brandShare", d.brandShare()),
                    diversity.getOrDefault("categoryShare", d.categoryShare()),
                    diversity.getOrDefault("redundancyPenalty", d.redundancyPenalty())));
            }
            if (maxImpressions != null)
            {
                settings = settings.withFrequencyCap(new FrequencyCap(maxImpressions, base.frequencyCap().window()));
            }
            return settings == base ? null : settings;
        }

        private float w(final String name, final float fallback)
        {
            return weights.getOrDefault(name, fallback);
        }
    }

    /**
     * The experiment bound to a node's ranking settings.
     *
     * @param id      experiment id.
     * @param version the definition's version.
     * @param running false once stopped.
     * @param base    the node's ranking settings.
     * @param slots   the node's metric slot of an arm name.
     * @param tallies the node's tally of an arm by name, the same for every version of the experiment.
     * @return the experiment.
     */
    public Experiment bind(final String id, final long version, final boolean running, final RankingSettings base,
        final ToIntFunction<String> slots, final Function<String, ArmTally> tallies)
    {
        final List<Arm> bound = new ArrayList<>(arms.size());
        for (final ArmSpec arm : arms)
        {
            bound.add(new Arm(arm.name(), arm.share(), arm.popular(), arm.settings(base, placement),
                slots.applyAsInt(arm.name()), tallies.apply(arm.name()), attributionWindow.toMillis()));
        }
        return new Experiment(id, version, placement, running, attributionWindow.toMillis(), bound);
    }
}
