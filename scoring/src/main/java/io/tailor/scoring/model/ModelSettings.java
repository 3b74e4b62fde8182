package io.tailor.scoring.model;

import java.time.Duration;

/**
 * Settings of the item model, validated on construction.
 *
 * @param popularityHalfLife how fast popularity forgets; at least a minute.
 * @param popularityWeights  weights of views, carts and purchases.
 * @param topPerCategory     how many of the most popular products are kept per category, 1 to 10,000.
 * @param topGlobal          how many of the most popular products are kept overall, 1 to 100,000.
 */
public record ModelSettings(
    Duration popularityHalfLife,
    PopularityWeights popularityWeights,
    int topPerCategory,
    int topGlobal)
{
    /** Defaults: popularity halves in three days. */
    public static final ModelSettings DEFAULT =
        new ModelSettings(Duration.ofDays(3), PopularityWeights.DEFAULT, 256, 1024);

    /**
     * Validates.
     *
     * @param popularityHalfLife how fast popularity forgets.
     * @param popularityWeights  weights.
     * @param topPerCategory     products kept per category.
     * @param topGlobal          products kept overall.
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
}
