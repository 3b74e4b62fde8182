package io.tailor.scoring.model;

import java.time.Duration;

/**
 * Settings of the item model, validated on construction.
 *
 * @param popularityHalfLife    how fast popularity forgets; at least a minute.
 * @param popularityWeights     weights of views, carts and purchases.
 * @param topPerCategory        how many of the most popular products are kept per category, 1 to 10,000.
 * @param topGlobal             how many of the most popular products are kept overall, 1 to 100,000.
 * @param cooccurrenceHalfLife  how fast "seen together" forgets; at least a minute.
 * @param cooccurrenceWeights   weights of co-views, co-carts and co-purchases.
 * @param neighborCapacity      neighbours tracked per product (a row of the co-occurrence matrix), 4 to 256.
 * @param neighborsKept         neighbours per product in the model, 1 to {@code neighborCapacity}.
 * @param factors               the collaborative part of item vectors ({@link ItemFactors}).
 */
public record ModelSettings(
    Duration popularityHalfLife,
    PopularityWeights popularityWeights,
    int topPerCategory,
    int topGlobal,
    Duration cooccurrenceHalfLife,
    CooccurrenceWeights cooccurrenceWeights,
    int neighborCapacity,
    int neighborsKept,
    FactorSettings factors)
{
    /**
     * Defaults: popularity halves in three days, "seen together" in thirty; 128 neighbours tracked (16 bytes
     * each, at most 2 KiB per product), 64 used. Row size measured on MovieLens-latest-small (HR@10 with
     * 32/24: 0.061, 64/48: 0.064, 96/64: 0.075, 128/64: 0.080).
     */
    public static final ModelSettings DEFAULT = new ModelSettings(Duration.ofDays(3), PopularityWeights.DEFAULT, 256,
        1024, Duration.ofDays(30), CooccurrenceWeights.DEFAULT, 128, 64, FactorSettings.DEFAULT);

    /**
     * Settings with default co-occurrence settings.
     *
     * @param popularityHalfLife how fast popularity forgets.
     * @param popularityWeights  weights.
     * @param topPerCategory     products kept per category.
     * @param topGlobal          products kept overall.
     */
    public ModelSettings(final Duration popularityHalfLife, final PopularityWeights popularityWeights,
        final int topPerCategory, final int topGlobal)
    {
        this(popularityHalfLife, popularityWeights, topPerCategory, topGlobal, DEFAULT.cooccurrenceHalfLife(),
            DEFAULT.cooccurrenceWeights(), DEFAULT.neighborCapacity(), DEFAULT.neighborsKept(), DEFAULT.factors());
    }

    /**
     * Validates.
     *
     * @param popularityHalfLife how fast popularity forgets.
     * @param popularityWeights  weights.
     * @param topPerCategory     products kept per category.
     * @param topGlobal          products kept overall.
     * @param cooccurrenceHalfLife how fast "seen together" forgets.
     * @param cooccurrenceWeights  pair weights.
     * @param neighborCapacity     neighbours tracked.
     * @param neighborsKept        neighbours used.
     * @param factors              collaborative factor settings.
     */
    public ModelSettings
    {
        if (popularityHalfLife.compareTo(Duration.ofMinutes(1)) < 0)
        {
            throw new IllegalArgumentException("popularity half-life must be at least 1 minute: " + popularityHalfLife);
        }
        if (topPerCategory < 1 || topPerCategory > 10_000)
        {
            throw new IllegalArgumentException("topPerCategory must be in 1..10000: " + topPerCategory);
        }
        if (topGlobal < 1 || topGlobal > 100_000)
        {
            throw new IllegalArgumentException("topGlobal must be in 1..100000: " + topGlobal);
        }
        if (cooccurrenceHalfLife.compareTo(Duration.ofMinutes(1)) < 0)
        {
            throw new IllegalArgumentException("co-occurrence half-life must be at least 1 minute: " +
                cooccurrenceHalfLife);
        }
        if (factors == null)
        {
            throw new IllegalArgumentException("factor settings are required");
        }
        if (neighborCapacity < 4 || neighborCapacity > 256 || neighborsKept < 1 || neighborsKept > neighborCapacity)
        {
            throw new IllegalArgumentException("neighbor capacity must be in 4..256 and neighbors kept in " +
                "1..capacity: " + neighborCapacity + ", " + neighborsKept);
        }
    }

    /**
     * Co-occurrence half-life in milliseconds.
     *
     * @return the half-life.
     */
    public long cooccurrenceHalfLifeMs()
    {
        return cooccurrenceHalfLife.toMillis();
    }

    /**
     * Popularity half-life in milliseconds.
     *
     * @return the half-life.
     */
    public long popularityHalfLifeMs()
    {
        return popularityHalfLife.toMillis();
    }

    /**
     * A copy with other factor settings.
     *
     * @param newFactors factor settings.
     * @return the copy.
     */
    public ModelSettings withFactors(final FactorSettings newFactors)
    {
        return new ModelSettings(popularityHalfLife, popularityWeights, topPerCategory, topGlobal,
            cooccurrenceHalfLife, cooccurrenceWeights, neighborCapacity, neighborsKept, newFactors);
    }
}
