package io.tailor.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How often and how late a request is sent again after a 429, a 503 or a lost connection: exponential backoff
 * from {@code baseDelay}, capped at {@code maxDelay}, with jitter so that many clients told to wait do not come
 * back at the same instant, and never sooner than the server's {@code Retry-After}. A {@code Retry-After}
 * longer than {@code maxDelay} ends the retries: the caller gets the 429 or 503 rather than a hidden long wait.
 *
 * @param maxAttempts attempts in all, the first included (1: never retry).
 * @param baseDelay   the backoff before the second attempt.
 * @param maxDelay    the longest backoff, and the longest {@code Retry-After} waited for.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay)
{
    /** Six attempts, 100 ms doubling to at most 5 s: 1.6 to 3.1 s of backoff in all, longer when told to wait. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofMillis(100), Duration.ofSeconds(5));

    /** One attempt. */
    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1));

    /**
     * Validates.
     *
     * @param maxAttempts attempts.
     * @param baseDelay   first backoff.
     * @param maxDelay    largest backoff.
     */
    public RetryPolicy
    {
        if (maxAttempts < 1 || maxAttempts > 100)
        {
            throw new IllegalArgumentException("maxAttempts must be in 1..100: " + maxAttempts);
        }
        if (baseDelay == null || baseDelay.isNegative() || baseDelay.isZero())
        {
            throw new IllegalArgumentException("baseDelay must be positive: " + baseDelay);
        }
        if (maxDelay == null || maxDelay.compareTo(baseDelay) < 0 || maxDelay.compareTo(Duration.ofMinutes(10)) > 0)
        {
            throw new IllegalArgumentException("maxDelay must be in baseDelay..10 min: " + maxDelay);
        }
    }

    /**
     * The wait before the next attempt.
     *
     * @param failedAttempt the attempt that just failed, from 1.
     * @param retryAfter    the server's {@code Retry-After}, or {@code null} when it sent none.
     * @return the wait, or {@code null} when there is no next attempt (attempts used up, or told to wait longer
     *         than {@code maxDelay}).
     */
    public Duration delay(final int failedAttempt, final Duration retryAfter)
    {
        if (failedAttempt >= maxAttempts || retryAfter != null && retryAfter.compareTo(maxDelay) > 0)
        {
            return null;
        }
        final long backoff = Math.min(maxDelay.toNanos(), baseDelay.toNanos() << Math.min(failedAttempt - 1, 30));
        final long jitter = ThreadLocalRandom.current().nextLong(backoff / 2 + 1);
        if (retryAfter != null)
        {
            // The server's wait is a floor; the jitter only spreads the clients it told the same wait.
            return retryAfter.plusNanos(jitter);
        }
        return Duration.ofNanos(backoff - backoff / 2 + jitter);
    }
}
