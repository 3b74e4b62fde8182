package io.tailor.loadtest.driver;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ScheduleTest
{
    @Test
    void shouldSpaceRequestsEvenlyFromTheStart()
    {
        final Schedule schedule = new Schedule(1_000, 4, 10_000_000_000L);

        assertThat(schedule.intendedNs(0)).isEqualTo(1_000);
        assertThat(schedule.intendedNs(1)).isEqualTo(250_001_000L);
        assertThat(schedule.intendedNs(8)).isEqualTo(2_000_001_000L);
    }

    @ParameterizedTest
    @ValueSource(doubles = {1, 3, 7.5, 1000, 33_333, 123_456.7})
    void shouldCountDueRequestsInAgreementWithTheirDueTimes(final double rate)
    {
        final long end = 2_000_000_000L;
        final Schedule schedule = new Schedule(0, rate, end);

        for (long now = -5; now < end + 100_000_000L; now += 7_777_777L)
        {
            final long due = schedule.dueBy(now);
            if (due > 0)
            {
                assertThat(schedule.intendedNs(due - 1)).isLessThanOrEqualTo(now);
            }
            assertThat(schedule.intendedNs(due) > now || !schedule.inRun(due)).isTrue();
        }
    }

    @Test
    void shouldIssueNothingAtOrAfterTheEnd()
    {
        final Schedule schedule = new Schedule(0, 10, 1_000_000_000L);

        assertThat(schedule.dueBy(Long.MAX_VALUE / 2)).isEqualTo(10);
        assertThat(schedule.inRun(9)).isTrue();
        assertThat(schedule.inRun(10)).isFalse();
    }

    @Test
    void shouldRejectARateThatIsNotPositive()
    {
        assertThatThrownBy(() -> new Schedule(0, 0, 1)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("rate");
    }
}
