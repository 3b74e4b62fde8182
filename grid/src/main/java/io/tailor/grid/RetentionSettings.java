package io.tailor.grid;

import java.time.Duration;

/**
 * How long idle profiles are kept, validated on construction.
 *
 * @param profileRetention a profile with no change (event, consent, preference) for longer than this expires;
 *                         {@code null} keeps profiles forever; else at least an hour.
 * @param sweepInterval    how often each member looks for expired profiles, 1 second to 1 day.
 */
public record RetentionSettings(Duration profileRetention, Duration sweepInterval)
{
    /** Profiles are kept until erased. */
    public static final RetentionSettings NONE = new RetentionSettings(null, Duration.ofHours(1));

    /**
     * Validates.
     *
     * @param profileRetention retention period, or {@code null}.
     * @param sweepInterval    sweep interval.
     */
    public RetentionSettings
    {
        if (profileRetention != null && profileRetention.compareTo(Duration.ofHours(1)) < 0)
        {
            throw new IllegalArgumentException("profile retention must be at least 1 hour: " + profileRetention);
        }
        if (sweepInterval == null || sweepInterval.compareTo(Duration.ofSeconds(1)) < 0 ||
            sweepInterval.compareTo(Duration.ofDays(1)) > 0)
        {
            throw new IllegalArgumentException("retention sweep interval must be in 1s..1d: " + sweepInterval);
        }
    }

    /**
     * Whether profiles expire.
     *
     * @return true with a retention period.
     */
    public boolean expires()
    {
        return profileRetention != null;
    }
}
