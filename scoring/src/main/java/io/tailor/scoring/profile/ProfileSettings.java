package io.tailor.scoring.profile;

import java.time.Duration;

/**
 * Settings of how events change profiles, validated on construction.
 *
 * @param affinityHalfLife how fast long-term affinities (vector, categories, brands) forget; at least an hour.
 * @param weights          weight of each interaction.
 * @param coViewWindow     two products viewed (clicked, rated) this close in time were "seen together".
 * @param coCartWindow     two products carted this close in time were "carted together".
 * @param coPurchaseWindow two products bought this close in time (or in one order) were "bought together".
 * @param pairsPerEvent    most recent products one event is paired with, 0 to 24.
 * @param impressionWindow impressions of a product are counted per window of this length, at least a minute
 *                         (frequency capping); the ranking's cap window should be the same.
 */
public record ProfileSettings(
    Duration affinityHalfLife,
    EventWeights weights,
    Duration coViewWindow,
    Duration coCartWindow,
    Duration coPurchaseWindow,
    int pairsPerEvent,
    Duration impressionWindow)
{
    /** Defaults: affinities halve in 30 days; pairs within an hour (views), a day (carts), a week (purchases). */
    public static final ProfileSettings DEFAULT = new ProfileSettings(Duration.ofDays(30), EventWeights.DEFAULT,
        Duration.ofHours(1), Duration.ofDays(1), Duration.ofDays(7), 8, Duration.ofDays(1));

    /**
     * Settings with default co-occurrence windows.
     *
     * @param affinityHalfLife affinity half-life.
     * @param weights          event weights.
     */
    public ProfileSettings(final Duration affinityHalfLife, final EventWeights weights)
    {
        this(affinityHalfLife, weights, DEFAULT.coViewWindow(), DEFAULT.coCartWindow(), DEFAULT.coPurchaseWindow(),
            DEFAULT.pairsPerEvent(), DEFAULT.impressionWindow());
    }

    /**
     * Validates.
     *
     * @param affinityHalfLife affinity half-life.
     * @param weights          event weights.
     * @param coViewWindow     co-view window.
     * @param coCartWindow     co-cart window.
     * @param coPurchaseWindow co-purchase window.
     * @param pairsPerEvent    pairs per event.
     * @param impressionWindow impression counting window.
     */
    public ProfileSettings
    {
        if (affinityHalfLife.compareTo(Duration.ofHours(1)) < 0)
        {
            throw new IllegalArgumentException("affinity half-life must be at least 1 hour: " + affinityHalfLife);
        }
        if (coViewWindow.isNegative() || coCartWindow.isNegative() || coPurchaseWindow.isNegative())
        {
            throw new IllegalArgumentException("co-occurrence windows must not be negative");
        }
        if (pairsPerEvent < 0 || pairsPerEvent > 24)
        {
            throw new IllegalArgumentException("pairs per event must be in 0..24: " + pairsPerEvent);
        }
        if (impressionWindow.compareTo(Duration.ofMinutes(1)) < 0)
        {
            throw new IllegalArgumentException("impression window must be at least 1 minute: " + impressionWindow);
        }
    }
}
