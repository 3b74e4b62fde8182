package io.tailor.scoring.profile;

import java.time.Duration;

/**
 * Settings of how events change profiles, validated on construction.
 *
 * @param affinityHalfLife how fast long-term affinities (vector, categories, brands) forget; at least an hour.
 * @param weights          weight of each interaction.
 */
public record ProfileSettings(Duration affinityHalfLife, EventWeights weights)
{
    /** Defaults: affinities halve in 30 days. */
    public static final ProfileSettings DEFAULT = new ProfileSettings(Duration.ofDays(30), EventWeights.DEFAULT);

    /**
     * Validates.
     *
     * @param affinityHalfLife affinity half-life.
     * @param weights          event weights.
     */
    public ProfileSettings
    {
        if (affinityHalfLife.compareTo(Duration.ofHours(1)) < 0)
        {
            throw new IllegalArgumentException("affinity half-life must be at least 1 hour: " + affinityHalfLife);
        }
    }
}
