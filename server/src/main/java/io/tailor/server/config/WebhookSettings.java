package io.tailor.server.config;

import java.time.Duration;

/**
 * How webhook deliveries are retried and how often a partition owner re-checks its customers' memberships.
 *
 * @param firstRetry     wait before the first retry; each further retry waits twice as long (with jitter).
 * @param maxRetryWait   longest wait between two attempts.
 * @param horizon        how long a delivery is retried before it becomes a dead letter (24 h by default).
 * @param recheck        how often the owner re-evaluates the customers in a watched segment, so one whose time
 *                       window lapsed with no event leaves (at most this after the lapse).
 * @param requestTimeout how long one attempt may take.
 */
public record WebhookSettings(Duration firstRetry, Duration maxRetryWait, Duration horizon, Duration recheck,
    Duration requestTimeout)
{
    /** The defaults: 1 s doubling to 10 min, for 24 h; re-check every 20 s; 10 s per attempt. */
    public static final WebhookSettings DEFAULT = new WebhookSettings(Duration.ofSeconds(1), Duration.ofMinutes(10),
        Duration.ofHours(24), Duration.ofSeconds(20), Duration.ofSeconds(10));

    /**
     * Validates.
     *
     * @param firstRetry     first wait.
     * @param maxRetryWait   longest wait.
     * @param horizon        retry horizon.
     * @param recheck        re-check interval.
     * @param requestTimeout attempt timeout.
     */
    public WebhookSettings
    {
        positive("webhooks.firstRetry", firstRetry);
        positive("webhooks.maxRetryWait", maxRetryWait);
        positive("webhooks.horizon", horizon);
        positive("webhooks.recheck", recheck);
        positive("webhooks.requestTimeout", requestTimeout);
        if (maxRetryWait.compareTo(firstRetry) < 0)
        {
            throw new IllegalArgumentException("webhooks.maxRetryWait must be at least webhooks.firstRetry");
        }
        if (recheck.compareTo(Duration.ofSeconds(60)) > 0)
        {
            throw new IllegalArgumentException("webhooks.recheck must be at most 60s: segment.left is due within " +
                "60 s of a lapse");
        }
    }

    private static void positive(final String name, final Duration value)
    {
        if (value == null || value.isNegative() || value.isZero())
        {
            throw new IllegalArgumentException(name + " must be a positive duration: " + value);
        }
    }
}
