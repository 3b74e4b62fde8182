package io.tailor.grid;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock tests move forward by hand, so time-dependent behaviour (sliding windows, retention) is tested
 * without sleeping.
 */
public final class MutableClock extends Clock
{
    private final AtomicLong nowMs;

    /**
     * A clock at a time.
     *
     * @param start the time it shows until moved.
     */
    public MutableClock(final Instant start)
    {
        this.nowMs = new AtomicLong(start.toEpochMilli());
    }

    /**
     * Moves the clock forward.
     *
     * @param by how far.
     */
    public void advance(final Duration by)
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
