package io.tailor.client;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RetryPolicyTest
{
    private static final RetryPolicy POLICY = new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2));

    @RepeatedTest(20)
    void shouldBackOffExponentiallyWithJitterUpToTheCap()
    {
        assertThat(POLICY.delay(1, null)).isBetween(Duration.ofMillis(50), Duration.ofMillis(100));
        assertThat(POLICY.delay(2, null)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(POLICY.delay(3, null)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
        assertThat(POLICY.delay(4, null)).isBetween(Duration.ofMillis(400), Duration.ofMillis(800));
    }

    @RepeatedTest(20)
    void shouldNeverRetrySoonerThanRetryAfter()
    {
        assertThat(POLICY.delay(1, Duration.ofSeconds(1))).isBetween(Duration.ofSeconds(1),
            Duration.ofMillis(1050));
        assertThat(POLICY.delay(3, Duration.ofSeconds(2))).isBetween(Duration.ofSeconds(2),
            Duration.ofMillis(2200));
    }

    @Test
    void shouldStopAfterTheLastAttemptOrWhenToldToWaitLongerThanTheCap()
    {
        assertThat(POLICY.delay(5, null)).isNull();
        assertThat(POLICY.delay(1, Duration.ofSeconds(3))).isNull();
        assertThat(RetryPolicy.NONE.delay(1, null)).isNull();
    }

    @Test
    void shouldCapTheBackoffForManyAttempts()
    {
        final RetryPolicy many = new RetryPolicy(100, Duration.ofMillis(100), Duration.ofSeconds(1));

        assertThat(many.delay(99, null)).isBetween(Duration.ofMillis(500), Duration.ofSeconds(1));
    }

    @Test
    void shouldRefuseSettingsOutOfRange()
    {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofMillis(1), Duration.ofMillis(1)))
            .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(1)))
            .hasMessageContaining("maxDelay");
    }

    @Test
    void shouldReadRetryAfterInSecondsOrAsADate()
    {
        assertThat(TailorClient.retryAfter("3")).isEqualTo(Duration.ofSeconds(3));
        assertThat(TailorClient.retryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(TailorClient.retryAfter("soon")).isNull();
        assertThat(TailorClient.retryAfter(null)).isNull();
    }
}
