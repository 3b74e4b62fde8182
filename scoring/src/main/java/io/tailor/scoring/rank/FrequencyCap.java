package io.tailor.scoring.rank;

import java.time.Duration;

/**
 * The hard frequency cap: a product shown to a shopper this many times within the window is not
 * recommended to them again until the window has passed.
 *
 * @param maxImpressions impressions allowed per window, 1 to 1,000; 0 turns the cap off.
 * @param window         the window; the same as the profile's impression counting window.
 */
public record FrequencyCap(int maxImpressions, Duration window)
{
    /** Default: three impressions a day. */
    public static final FrequencyCap DEFAULT = new FrequencyCap(3, Duration.ofDays(1));

    /**
     * Validates.
     *
     * @param maxImpressions impressions per window.
     * @param window         the window.
     */
    public FrequencyCap
    {
        if (maxImpressions < 0 || maxImpressions > 1_000)
        {
            throw new IllegalArgumentException("frequency cap must be in 0..1000: " + maxImpressions);
        }
        if (window.compareTo(Duration.ofMinutes(1)) < 0)
        {
            throw new IllegalArgumentException("frequency cap window must be at least 1 minute: " + window);
        }
    }
}
