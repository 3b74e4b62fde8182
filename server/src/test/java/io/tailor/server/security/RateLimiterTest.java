package io.tailor.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RateLimiterTest
{
    private static final long SECOND = 1_000_000_000L;

    @Test
    void shouldAllowABurstThenOneRequestPerInterval()
    {
        final long t0 = 1_000 * SECOND;
        final RateLimiter limiter = new RateLimiter(new Rate(10, 3), t0);

        assertThat(limiter.tryAcquire(t0)).isZero();
        assertThat(limiter.tryAcquire(t0)).isZero();
        assertThat(limiter.tryAcquire(t0)).isZero();
        final long wait = limiter.tryAcquire(t0);
        assertThat(wait).isEqualTo(SECOND / 10);
        assertThat(limiter.tryAcquire(t0 + wait)).isZero();
        assertThat(limiter.tryAcquire(t0 + wait)).isPositive();
    }

    @Test
    void shouldRefillToTheBurstAfterAQuietPeriodButNoFurther()
    {
        final long t0 = -5 * SECOND;
        final RateLimiter limiter = new RateLimiter(new Rate(1, 2), t0);
        limiter.tryAcquire(t0);
        limiter.tryAcquire(t0);

        final long later = t0 + 60 * SECOND;
        assertThat(limiter.tryAcquire(later)).isZero();
        assertThat(limiter.tryAcquire(later)).isZero();
        assertThat(limiter.tryAcquire(later)).isEqualTo(SECOND);
    }

    @Test
    void shouldKeepEachAddressInItsOwnBucket()
    {
        final long t0 = 7 * SECOND;
        final AddressRateLimiter limiter = new AddressRateLimiter(new Rate(1.0 / 60, 2), t0);

        assertThat(limiter.tryAcquire("203.0.113.7", t0)).isZero();
        assertThat(limiter.tryAcquire("203.0.113.7", t0)).isZero();
        assertThat(limiter.tryAcquire("203.0.113.7", t0)).isEqualTo(60 * SECOND);
        assertThat(limiter.tryAcquire("198.51.100.1", t0)).isZero();
    }

    @ParameterizedTest
    @CsvSource({"100/s, 0, 100.0, 100", "600/m, 0, 10.0, 10", "1/m, 3, 0.016666666666666666, 3", "36/h, 0, 0.01, 1",
        "2.5/s, 0, 2.5, 3"})
    void shouldReadRatesPerSecondMinuteOrHour(final String text, final int burst, final double perSecond,
        final int expectedBurst)
    {
        final Rate rate = Rate.parse(text, burst);

        assertThat(rate.perSecond()).isEqualTo(perSecond);
        assertThat(rate.burst()).isEqualTo(expectedBurst);
        assertThat(Rate.parse(rate.text(), rate.burst())).isEqualTo(rate);
    }

    @Test
    void shouldRefuseRatesThatAreNotRates()
    {
        for (final String text : new String[] {"", "100", "100/d", "-1/s", "0/s", "fast", "1e9/s"})
        {
            assertThatThrownBy(() -> Rate.parse(text, 0)).as(text).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
