package io.tailor.server.api;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Server time a test moves by hand, so sliding windows and retention are tested without sleeping.
 */
final class TestClock extends Clock
{
    private final AtomicLong nowMs;

    TestClock(final Instant start)
    {
        this.nowMs = new AtomicLong(start.toEpochMilli());
    }

    void advance(final Duration by)
    {
        nowMs.addAndGet(by.toMillis());
    }

    @Override
    public ZoneId getZone()
    {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(final ZoneId zone)
    {
        return this;
    }

    @Override
    public long millis()
    {
        return nowMs.get();
    }

    @Override
    public Instant instant()
    {
        return Instant.ofEpochMilli(nowMs.get());
    }
}
