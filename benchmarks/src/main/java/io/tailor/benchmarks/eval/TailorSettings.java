package io.tailor.benchmarks.eval;

import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.rank.Diversity;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.ScoringWeights;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The settings Tailor's scoring runs with in the evaluation: the same records the server is configured with.
 *
 * @param label      short name of this configuration in the report, e.g. {@code default}.
 * @param dimensions item and affinity vector dimension.
 * @param model      item model settings.
 * @param profile    profile settings.
 * @param ranking    ranking settings.
 * @param placement  the placement asked for (its weights rank).
 */
public record TailorSettings(String label, int dimensions, ModelSettings model, ProfileSettings profile,
    RankingSettings ranking, Placement placement)
{
    /** The server's defaults at d = 64, home placement. */
    public static final TailorSettings DEFAULT = new TailorSettings("default", 64, ModelSettings.DEFAULT,
        ProfileSettings.DEFAULT, RankingSettings.DEFAULT, Placement.HOME);

    /**
     * A copy with other half-lives (popularity, affinity, session), the rest unchanged.
     *
     * @param newLabel           label of the copy.
     * @param popularityHalfLife item popularity half-life.
     * @param affinityHalfLife   profile affinity half-life.
     * @param sessionHalfLife    ranking session half-life.
     * @return the copy.
     */
    public TailorSettings withHalfLives(final String newLabel, final Duration popularityHalfLife,
        final Duration affinityHalfLife, final Duration sessionHalfLife)
    {
        final ModelSettings m = new ModelSettings(popularityHalfLife, model.popularityWeights(),
            model.topPerCategory(), model.topGlobal(), model.cooccurrenceHalfLife(), model.cooccurrenceWeights(),
            model.neighborCapacity(), model.neighborsKept(), model.factors());
        final ProfileSettings p = new ProfileSettings(affinityHalfLife, profile.weights(), profile.coViewWindow(),
            profile.coCartWindow(), profile.coPurchaseWindow(), profile.pairsPerEvent(), profile.impressionWindow());
        final RankingSettings r = new RankingSettings(ranking.weights(), sessionHalfLife, ranking.freshnessHalfLife(),
            ranking.newArrivalWindow(), ranking.candidatesPerCategory(), ranking.popularCandidates(),
            ranking.diversity(), ranking.recentExclusion(), ranking.frequencyCap(), ranking.rules(),
            ranking.exploration(), ranking.reshowViewed());
        return new TailorSettings(newLabel, dimensions, m, p, r, placement);
    }

    /**
     * A copy with other co-occurrence settings, the rest unchanged.
     *
     * @param newLabel             label of the copy.
     * @param cooccurrenceHalfLife how fast "seen together" forgets.
     * @param coViewWindow         how close in time two views pair.
     * @param pairsPerEvent        most recent products an event pairs with.
     * @return the copy.
     */
    public TailorSettings withCooccurrence(final String newLabel, final Duration cooccurrenceHalfLife,
        final Duration coViewWindow, final int pairsPerEvent)
    {
        final ModelSettings m = new ModelSettings(model.popularityHalfLife(), model.popularityWeights(),
            model.topPerCategory(), model.topGlobal(), cooccurrenceHalfLife, model.cooccurrenceWeights(),
            model.neighborCapacity(), model.neighborsKept(), model.factors());
        final ProfileSettings p = new ProfileSettings(profile.affinityHalfLife(), profile.weights(), coViewWindow,
            profile.coCartWindow(), profile.coPurchaseWindow(), pairsPerEvent, profile.impressionWindow());
        return new TailorSettings(newLabel, dimensions, m, p, ranking, placement);
    }

    /**
     * A copy with other candidate limits, the rest unchanged.
     *
     * @param newLabel    label of the copy.
     * @param perCategory most popular products taken from each category of interest.
     * @param popular     most popular products overall taken as fill.
     * @return the copy.
     */
    public TailorSettings withCandidates(final String newLabel, final int perCategory, final int popular)
    {
        return new TailorSettings(newLabel, dimensions, model, profile, ranking.withCandidates(perCategory, popular),
            placement);
    }

    /**
     * A copy with other co-occurrence row sizes, the rest unchanged.
     *
     * @param newLabel         label of the copy.
     * @param neighborCapacity neighbours tracked per product.
     * @param neighborsKept    neighbours per product in the model.
     * @return the copy.
     */
    public TailorSettings withNeighbors(final String newLabel, final int neighborCapacity, final int neighborsKept)
    {
        final ModelSettings m = new ModelSettings(model.popularityHalfLife(), model.popularityWeights(),
            model.topPerCategory(), model.topGlobal(), model.cooccurrenceHalfLife(), model.cooccurrenceWeights(),
            neighborCapacity, neighborsKept, model.factors());
        return new TailorSettings(newLabel, dimensions, m, profile, ranking, placement);
    }

    /**
     * A copy whose placements all re-show viewed products with a weight, the rest unchanged.
     *
     * @param newLabel label of the copy.
     * @param weight   {@code reshowViewed} of every placement; 0 turns re-show off.
     * @return the copy.
     */
    public TailorSettings withReshowViewed(final String newLabel, final float weight)
    {
        RankingSettings r = ranking;
        for (final Placement each : Placement.values())
        {
            r = r.withReshowViewed(each, weight);
        }
        return new TailorSettings(newLabel, dimensions, model, profile, r, placement);
    }

    /**
     * A copy with other exploration settings (the new-arrival and promoted slots), the rest unchanged.
     *
     * @param newLabel    label of the copy.
     * @param exploration the slots and the exposure floor.
     * @return the copy.
     */
    public TailorSettings withExploration(final String newLabel, final ExplorationSettings exploration)
    {
        return new TailorSettings(newLabel, dimensions, model, profile, ranking.withExploration(exploration),
            placement);
    }

    /**
     * A copy whose placements all weigh the transition term ("viewed next") the same, the rest unchanged.
     *
     * @param newLabel label of the copy.
     * @param weight   the transition weight of every placement; 0 turns the term off.
     * @return the copy.
     */
    public TailorSettings withTransition(final String newLabel, final float weight)
    {
        RankingSettings r = ranking;
        for (final Placement each : Placement.values())
        {
            r = r.withWeights(each, r.weightsFor(each).withTransition(weight));
        }
        return new TailorSettings(newLabel, dimensions, model, profile, r, placement);
    }

    /**
     * A copy whose placements all weigh the similar-sessions term the same, the rest unchanged.
     *
     * @param newLabel label of the copy.
     * @param weight   the similar-sessions weight of every placement; 0 turns the term off.
     * @return the copy.
     */
    public TailorSettings withSimilarSessions(final String newLabel, final float weight)
    {
        RankingSettings r = ranking;
        for (final Placement each : Placement.values())
        {
            r = r.withWeights(each, r.weightsFor(each).withSimilarSessions(weight));
        }
        return new TailorSettings(newLabel, dimensions, model, profile, r, placement);
    }

    /**
     * A copy that asks for another placement (ranked with that placement's weights and diversity), the rest
     * unchanged.
     *
     * @param newPlacement the placement.
     * @return the copy, or this when the placement is the same.
     */
    public TailorSettings withPlacement(final Placement newPlacement)
    {
        return newPlacement == placement ? this :
            new TailorSettings(label, dimensions, model, profile, ranking, newPlacement);
    }

    /**
     * A copy with another diversity for the placement, the rest unchanged.
     *
     * @param newLabel  label of the copy.
     * @param diversity diversity of {@link #placement()}.
     * @return the copy.
     */
    public TailorSettings withDiversity(final String newLabel, final Diversity diversity)
    {
        return new TailorSettings(newLabel, dimensions, model, profile, ranking.withDiversity(placement, diversity),
            placement);
    }

    /**
     * A copy with other weights for the placement, the rest unchanged.
     *
     * @param newLabel label of the copy.
     * @param weights  scoring weights of {@link #placement()}.
     * @return the copy.
     */
    public TailorSettings withWeights(final String newLabel, final ScoringWeights weights)
    {
        return new TailorSettings(newLabel, dimensions, model, profile, ranking.withWeights(placement, weights),
            placement);
    }

    /**
     * Every setting that can change a number, flattened for the report.
     *
     * @return name to value, in a stable order.
     */
    public Map<String, String> describe()
    {
        final Map<String, String> d = new LinkedHashMap<>();
        d.put("dimensions", Integer.toString(dimensions));
        d.put("placement", placement.wireName());
        d.put("model.popularityHalfLife", model.popularityHalfLife().toString());
        d.put("model.popularityWeights", model.popularityWeights().toString());
        d.put("model.topPerCategory", Integer.toString(model.topPerCategory()));
        d.put("model.topGlobal", Integer.toString(model.topGlobal()));
        d.put("model.cooccurrenceHalfLife", model.cooccurrenceHalfLife().toString());
        d.put("model.cooccurrenceWeights", model.cooccurrenceWeights().toString());
        d.put("model.neighborCapacity", Integer.toString(model.neighborCapacity()));
        d.put("model.neighborsKept", Integer.toString(model.neighborsKept()));
        d.put("profile.affinityHalfLife", profile.affinityHalfLife().toString());
        d.put("profile.weights", profile.weights().toString());
        d.put("profile.coViewWindow", profile.coViewWindow().toString());
        d.put("profile.coCartWindow", profile.coCartWindow().toString());
        d.put("profile.coPurchaseWindow", profile.coPurchaseWindow().toString());
        d.put("profile.pairsPerEvent", Integer.toString(profile.pairsPerEvent()));
        d.put("ranking.weights." + placement.wireName(), ranking.weightsFor(placement).toString());
        d.put("ranking.sessionHalfLife", ranking.sessionHalfLife().toString());
        d.put("ranking.freshnessHalfLife", ranking.freshnessHalfLife().toString());
        d.put("ranking.newArrivalWindow", ranking.newArrivalWindow().toString());
        d.put("ranking.exploration.slots." + placement.wireName(),
            Integer.toString(ranking.exploration().slotsFor(placement)));
        d.put("ranking.candidatesPerCategory", Integer.toString(ranking.candidatesPerCategory()));
        d.put("ranking.popularCandidates", Integer.toString(ranking.popularCandidates()));
        d.put("ranking.diversity." + placement.wireName(), ranking.diversityFor(placement).toString());
        d.put("ranking.frequencyCap", ranking.frequencyCap().toString());
        d.put("ranking.recentExclusion", ranking.recentExclusion().toString());
        d.put("ranking.reshowViewed." + placement.wireName(), Float.toString(ranking.reshowViewedFor(placement)));
        d.put("model.factors", model.factors().toString());
        return d;
    }

    /**
     * A copy with other collaborative factor settings, the rest unchanged.
     *
     * @param newLabel   label of the copy.
     * @param newFactors factor settings.
     * @return the copy.
     */
    public TailorSettings withFactors(final String newLabel, final FactorSettings newFactors)
    {
        return new TailorSettings(newLabel, dimensions, model.withFactors(newFactors), profile, ranking, placement);
    }
}
