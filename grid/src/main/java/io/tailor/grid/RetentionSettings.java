package io.tailor.grid;

import java.time.Duration;

/**
 * How long idle profiles are kept, and how long what served lists showed a shopper is kept for attribution,
 * validated on construction.
 *
 * @param profileRetention  a profile with no change (event, consent, preference) for longer than this expires;
 *                          {@code null} keeps profiles forever; else at least an hour.
 * @param sweepInterval     how often each member looks for expired profiles, 1 second to 1 day.
 * @param attributionWindow how long after a list is served an event is credited to it (the default of lists outside
 *                          experiments and of experiments that name none), and how long the products it showed are
 *                          remembered for a purchase that carries no request id; 1 minute to 90 days.
 */
public record RetentionSettings(Duration profileRetention, Duration sweepInterval, Duration attributionWindow)
{
    /** The attribution window when none is configured. */
    public static final Duration DEFAULT_ATTRIBUTION_WINDOW = Duration.ofDays(7);
    /** The longest attribution window. */
    public static final Duration MAX_ATTRIBUTION_WINDOW = Duration.ofDays(90);

    /** Profiles are kept until erased. */
    public static final RetentionSettings NONE = new RetentionSettings(null, Duration.ofHours(1));

    /**
     * Settings with the default attribution window.
     *
     * @param profileRetention retention period, or {@code null}.
     * @param sweepInterval    sweep interval.
     */
    public RetentionSettings(final Duration profileRetention, final Duration sweepInterval)
    {
        this(profileRetention, sweepInterval, DEFAULT_ATTRIBUTION_WINDOW);
    }

    /**
     * Validates.
     *
     * @param profileRetention  retention period, or {@code null}.
     * @param sweepInterval     sweep interval.
     * @param attributionWindow attribution window.
     */
    public RetentionSettings
    {
        if (attributionWindow == null || attributionWindow.compareTo(Duration.ofMinutes(1)) < 0 ||
            attributionWindow.compareTo(MAX_ATTRIBUTION_WINDOW) > 0)
        {
            throw new IllegalArgumentException("attribution window must be in 1m..90d: " + attributionWindow);
        }
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
     * A copy with another attribution window.
     *
     * @param window the attribution window, 1 minute to 90 days.
     * @return the copy.
     */
    public RetentionSettings withAttributionWindow(final Duration window)
    {
        return new RetentionSettings(profileRetention, sweepInterval, window);
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
