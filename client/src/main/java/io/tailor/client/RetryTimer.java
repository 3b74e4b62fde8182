package io.tailor.client;

import java.time.Duration;

/** Runs a retry later; tests give one that records the waits the client chose. */
@FunctionalInterface
interface RetryTimer
{
    /**
     * Runs a task after a delay, on some thread other than the caller's.
     *
     * @param task  the retry.
     * @param delay how long to wait first.
     */
    void schedule(Runnable task, Duration delay);
}
