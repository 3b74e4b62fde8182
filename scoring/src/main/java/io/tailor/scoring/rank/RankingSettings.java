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
 * @param diversity             per placement, how varied a list must be; placements left out use their defaults
 *                              (varied for home and e-mail, unlimited for product and cart).
 * @param recentExclusion       products the shopper touched this recently are not recommended back (they are on
 *                              the shopper's screen or in the cart already); zero turns this off.
 * @param frequencyCap          the hard frequency cap.
 * @param rules                 blocked, pinned and replenishable products.
 * @param exploration           the new arrivals' exposure floor and exploration slots.
 * @param reshowViewed          per placement, how strongly a product the shopper viewed (or clicked) and did not
 *                              buy or cart is shown again, 0 to 10: 0 leaves it to the recent exclusion (not
 *                              shown back within {@code recentExclusion}); more lets the placement list it, scored
 *                              as any candidate plus this weight times its view's session decay. Placements left
 *                              out use their defaults ({@link #DEFAULT_PRODUCT_RESHOW_VIEWED} on product pages, 0
 *                              elsewhere).
 */
public record RankingSettings(
    Map<Placement, ScoringWeights> weights,
    Duration sessionHalfLife,
    Duration freshnessHalfLife,
    Duration newArrivalWindow,
    int candidatesPerCategory,
    int popularCandidates,
    Map<Placement, Diversity> diversity,
    Duration recentExclusion,
    FrequencyCap frequencyCap,
    MerchandisingRules rules,
    ExplorationSettings exploration,
    Map<Placement, Float> reshowViewed)
{
    /**
     * Default {@code reshowViewed} of the product page, chosen on a validation split of the Tmall sessions
     * (benchmarks/RESULTS.md, "Sessions"); the other placements default to 0: on home it cost REES46 HR@10, cart
     * and e-mail were not measured.
     */
    public static final float DEFAULT_PRODUCT_RESHOW_VIEWED = 4f;
    /** Largest {@code reshowViewed}. */
    public static final float MAX_RESHOW_VIEWED = 10f;

    /**
     * Defaults. The candidate limits, 32 per category of interest and 128 popular, were sized by measurement: the
     * same HR@10 and NDCG@10 as 64 and 256 on MovieLens-latest-small and REES46 ({@code ./tailor eval --candidates},
     * benchmarks/RESULTS.md) with 29 % and 45 % fewer candidates scored, and each candidate is a handful of cache
     * misses on the served path.
     */
    public static final RankingSettings DEFAULT = new RankingSettings(
        Map.of(), Duration.ofMinutes(30), Duration.ofDays(7), Duration.ofDays(30), 32, 128, Map.of(),
        Duration.ofHours(1), FrequencyCap.DEFAULT, MerchandisingRules.NONE, ExplorationSettings.DEFAULT, Map.of());

    /**
     * Validates and fills in defaults per placement.
     *
     * @param weights               weights per placement.
     * @param sessionHalfLife       session half-life.
     * @param freshnessHalfLife     freshness half-life.
     * @param newArrivalWindow      new arrival window.
     * @param candidatesPerCategory candidates per category.
     * @param popularCandidates     popular candidates.
     * @param diversity             diversity per placement.
     * @param recentExclusion       recent exclusion window.
     * @param frequencyCap          frequency cap.
     * @param rules                 merchandising rules.
     * @param exploration           exposure floor and exploration slots.
     * @param reshowViewed          re-show weight per placement.
     */
    public RankingSettings
    {
        final EnumMap<Placement, ScoringWeights> allWeights = new EnumMap<>(Placement.class);
        final EnumMap<Placement, Diversity> allDiversity = new EnumMap<>(Placement.class);
        final EnumMap<Placement, Float> allReshow = new EnumMap<>(Placement.class);
        for (final Placement placement : Placement.values())
        {
            final float reshow = reshowViewed.getOrDefault(placement,
                placement == Placement.PRODUCT ? DEFAULT_PRODUCT_RESHOW_VIEWED : 0f);
            if (!(reshow >= 0f && reshow <= MAX_RESHOW_VIEWED))
            {
                throw new IllegalArgumentException("reshowViewed of " + placement.wireName() + " must be in 0.."
                    + (int)MAX_RESHOW_VIEWED + ": " + reshow);
            }
            allReshow.put(placement, reshow);
            allWeights.put(placement, weights.getOrDefault(placement, ScoringWeights.defaultFor(placement)));
            allDiversity.put(placement, diversity.getOrDefault(placement,
                placement == Placement.HOME || placement == Placement.EMAIL ? Diversity.VARIED : Diversity.NONE));
        }
        weights = Map.copyOf(allWeights);
        diversity = Map.copyOf(allDiversity);
        reshowViewed = Map.copyOf(allReshow);
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
        if (recentExclusion.isNegative())
        {
            throw new IllegalArgumentException("recent exclusion must not be negative: " + recentExclusion);
        }
        if (frequencyCap == null || rules == null || exploration == null)
        {
            throw new IllegalArgumentException("frequency cap, rules and exploration must be given");
        }
    }

    /**
     * Settings with the default exploration.
     *
     * @param weights               weights per placement.
     * @param sessionHalfLife       session half-life.
     * @param freshnessHalfLife     freshness half-life.
     * @param newArrivalWindow      new arrival window.
     * @param candidatesPerCategory candidates per category.
     * @param popularCandidates     popular candidates.
     * @param diversity             diversity per placement.
     * @param recentExclusion       recent exclusion window.
     * @param frequencyCap          frequency cap.
     * @param rules                 merchandising rules.
     */
    public RankingSettings(final Map<Placement, ScoringWeights> weights, final Duration sessionHalfLife,
        final Duration freshnessHalfLife, final Duration newArrivalWindow, final int candidatesPerCategory,
        final int popularCandidates, final Map<Placement, Diversity> diversity, final Duration recentExclusion,
        final FrequencyCap frequencyCap, final MerchandisingRules rules)
    {
        this(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow, candidatesPerCategory, popularCandidates,
            diversity, recentExclusion, frequencyCap, rules, ExplorationSettings.DEFAULT, Map.of());
    }

    /**
     * Settings with the default re-show of viewed products.
     *
     * @param weights               weights per placement.
     * @param sessionHalfLife       session half-life.
     * @param freshnessHalfLife     freshness half-life.
     * @param newArrivalWindow      new arrival window.
     * @param candidatesPerCategory candidates per category.
     * @param popularCandidates     popular candidates.
     * @param diversity             diversity per placement.
     * @param recentExclusion       recent exclusion window.
     * @param frequencyCap          frequency cap.
     * @param rules                 merchandising rules.
     * @param exploration           exposure floor and exploration slots.
     */
    public RankingSettings(final Map<Placement, ScoringWeights> weights, final Duration sessionHalfLife,
        final Duration freshnessHalfLife, final Duration newArrivalWindow, final int candidatesPerCategory,
        final int popularCandidates, final Map<Placement, Diversity> diversity, final Duration recentExclusion,
        final FrequencyCap frequencyCap, final MerchandisingRules rules, final ExplorationSettings exploration)
    {
        this(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow, candidatesPerCategory, popularCandidates,
            diversity, recentExclusion, frequencyCap, rules, exploration, Map.of());
    }

    /**
     * A copy with another exploration.
     *
     * @param newArrivals exposure floor and slots.
     * @return the copy.
     */
    public RankingSettings withExploration(final ExplorationSettings newArrivals)
    {
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, diversity, recentExclusion, frequencyCap, rules, newArrivals,
            reshowViewed);
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

    /**
     * Diversity of a placement.
     *
     * @param placement placement.
     * @return its diversity.
     */
    public Diversity diversityFor(final Placement placement)
    {
        return diversity.get(placement);
    }

    /**
     * A copy with other candidate limits.
     *
     * @param perCategory most popular products taken from each category of interest.
     * @param popular     most popular products overall taken as fill.
     * @return the copy.
     */
    public RankingSettings withCandidates(final int perCategory, final int popular)
    {
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow, perCategory,
            popular, diversity, recentExclusion, frequencyCap, rules, exploration, reshowViewed);
    }

    /**
     * A copy with other weights for one placement.
     *
     * @param placement placement.
     * @param placementWeights its weights.
     * @return the copy.
     */
    public RankingSettings withWeights(final Placement placement, final ScoringWeights placementWeights)
    {
        final EnumMap<Placement, ScoringWeights> all = new EnumMap<>(weights);
        all.put(placement, placementWeights);
        return new RankingSettings(all, sessionHalfLife, freshnessHalfLife, newArrivalWindow, candidatesPerCategory,
            popularCandidates, diversity, recentExclusion, frequencyCap, rules, exploration, reshowViewed);
    }

    /**
     * A copy with another diversity for one placement.
     *
     * @param placement          placement.
     * @param placementDiversity its diversity.
     * @return the copy.
     */
    public RankingSettings withDiversity(final Placement placement, final Diversity placementDiversity)
    {
        final EnumMap<Placement, Diversity> all = new EnumMap<>(diversity);
        all.put(placement, placementDiversity);
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, all, recentExclusion, frequencyCap, rules, exploration,
            reshowViewed);
    }

    /**
     * A copy with another frequency cap.
     *
     * @param cap the cap.
     * @return the copy.
     */
    public RankingSettings withFrequencyCap(final FrequencyCap cap)
    {
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, diversity, recentExclusion, cap, rules, exploration,
            reshowViewed);
    }

    /**
     * A copy with other merchandising rules.
     *
     * @param merchandising the rules.
     * @return the copy.
     */
    public RankingSettings withRules(final MerchandisingRules merchandising)
    {
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, diversity, recentExclusion, frequencyCap, merchandising,
            exploration, reshowViewed);
    }

    /**
     * A copy with another recent-exclusion window.
     *
     * @param window the window; zero turns it off.
     * @return the copy.
     */
    public RankingSettings withRecentExclusion(final Duration window)
    {
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, diversity, window, frequencyCap, rules, exploration,
            reshowViewed);
    }

    /**
     * Re-show weight of a placement.
     *
     * @param placement placement.
     * @return 0 (off) to {@link #MAX_RESHOW_VIEWED}.
     */
    public float reshowViewedFor(final Placement placement)
    {
        return reshowViewed.get(placement);
    }

    /**
     * A copy with another re-show weight for one placement.
     *
     * @param placement placement.
     * @param weight    0 (off) to {@link #MAX_RESHOW_VIEWED}.
     * @return the copy.
     */
    public RankingSettings withReshowViewed(final Placement placement, final float weight)
    {
        final EnumMap<Placement, Float> all = new EnumMap<>(reshowViewed);
        all.put(placement, weight);
        return new RankingSettings(weights, sessionHalfLife, freshnessHalfLife, newArrivalWindow,
            candidatesPerCategory, popularCandidates, diversity, recentExclusion, frequencyCap, rules, exploration,
            all);
    }
}
