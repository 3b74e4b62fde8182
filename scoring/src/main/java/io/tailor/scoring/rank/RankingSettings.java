package io.tailor.scoring.rank;

import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

/**
 * Settings of candidate generation and ranking, validated on construction.
 *
 * @param weights               scoring weights per placement; placements left out use their defaults.
 * @param sessionHalfLife       how fast the weight of a recently touched product fades, at least a second.
 * @param freshnessHalfLife     how fast a new arrival's boost fades, at least a minute.
 * @param newArrivalWindow      how long after launch a product counts as a new arrival.
 * @param candidatesPerCategory most popular products taken from each category of interest, 1 to 1,000.
 * @param popularCandidates     most popular products overall taken as fill, 1 to 10,000.
 * @param maxPerBrand           most items of one brand in one list, at least 1.
 * @param maxPerCategory        most items of one leaf category in one list, at least 1.
 * @param recentExclusion       products the shopper touched this recently are not recommended back (they are
 *                              on the shopper's screen or in the cart already); zero turns this off.
 */
public record RankingSettings(
    Map<Placement, ScoringWeights> weights,
    Duration sessionHalfLife,
    Duration freshnessHalfLife,
    Duration newArrivalWindow,
    int candidatesPerCategory,
    int popularCandidates,
    int maxPerBrand,
    int maxPerCategory,
    Duration recentExclusion)
{
    /** Defaults. */
    public static final RankingSettings DEFAULT = new RankingSettings(
        Map.of(), Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofDays(30), 64, 256, 100, 100,
        Duration.ofHours(1));

    /**
     * Validates and fills in default weights.
     *
     * @param weights               weights per placement.
     * @param sessionHalfLife       session half-life.
     * @param freshnessHalfLife     freshness half-life.
     * @param newArrivalWindow      new arrival window.
     * @param candidatesPerCategory candidates per category.
     * @param popularCandidates     popular candidates.
     * @param maxPerBrand           brand cap.
     * @param maxPerCategory        category cap.
     * @param recentExclusion       recent exclusion window.
     */
    public RankingSettings
    {
        final EnumMap<Placement, ScoringWeights> all = new EnumMap<>(Placement.class);
        for (final Placement placement : Placement.values())
        {
            all.put(placement, weights.getOrDefault(placement, ScoringWeights.defaultFor(placement)));
        }
        weights = Map.copyOf(all);
        if (sessionHalfLife.compareTo(Duration.ofSeconds(1)) < 0)
        {
            throw new IllegalArgumentException("session half-life must be at least 1s: " + sessionHalfLife);
        }
        if (freshnessHalfLife.compareTo(Duration.ofMinutes(1)) < 0)
        {
            throw new IllegalArgumentException("freshness half-life must be at least 1 minute: " + freshnessHalfLife);
        }
        if (newArrivalWindow.isNegative() || newArrivalWindow.isZero())
        {
            throw new IllegalArgumentException("new arrival window must be positive: " + newArrivalWindow);
        }
        if (candidatesPerCategory < 1 || candidatesPerCategory > 1_000)
        {
            throw new IllegalArgumentException("candidatesPerCategory must be in 1..1000: " + candidatesPerCategory);
        }
        if (popularCandidates < 1 || popularCandidates > 10_000)
        {
            throw new IllegalArgumentException("popularCandidates must be in 1..10000: " + popularCandidates);
        }
        if (maxPerBrand < 1 || maxPerCategory < 1)
        {
            throw new IllegalArgumentException("maxPerBrand and maxPerCategory must be at least 1");
        }
        if (recentExclusion.isNegative())
        {
            throw new IllegalArgumentException("recent exclusion must not be negative: " + recentExclusion);
        }
    }

    /**
     * Weights of a placement.
     *
     * @param placement placement.
     * @return its weights.
     */
    public ScoringWeights weightsFor(final Placement placement)
    {
        return weights.get(placement);
    }
}
