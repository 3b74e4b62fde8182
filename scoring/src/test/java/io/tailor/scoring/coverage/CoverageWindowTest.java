package io.tailor.scoring.coverage;

import io.tailor.scoring.util.DistinctSketch;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoverageWindowTest
{
    private static final long NOW_HOUR = 493_000L;

    @Test
    void shouldCountAProductShownInSeveralHoursOnce()
    {
        final byte[] union = new byte[DistinctSketch.REGISTERS];
        for (int hour = 0; hour < CoverageWindow.HOURS; hour++)
        {
            // products 0..999 every hour, and 100 products of its own per hour: 1,000 + 24 * 100 distinct
            final byte[] bucket = new byte[DistinctSketch.REGISTERS];
            for (int p = 0; p < 1_000; p++)
            {
                DistinctSketch.add(bucket, Hashing.mix(p));
            }
            for (int p = 0; p < 100; p++)
            {
                DistinctSketch.add(bucket, Hashing.mix(10_000 + hour * 100 + p));
            }
            assertThat(CoverageWindow.addToUnion(union, NOW_HOUR - hour, bucket, NOW_HOUR)).isTrue();
        }

        assertThat((double)DistinctSketch.estimate(union)).isCloseTo(3_400, within(3_400 * 0.05));
    }

    @Test
    void shouldLeaveOutBucketsOlderThanADayAndBucketsAhead()
    {
        final byte[] union = new byte[DistinctSketch.REGISTERS];
        final byte[] bucket = new byte[DistinctSketch.REGISTERS];
        DistinctSketch.add(bucket, Hashing.mix(42));

        assertThat(CoverageWindow.addToUnion(union, NOW_HOUR - CoverageWindow.HOURS, bucket, NOW_HOUR)).isFalse();
        assertThat(CoverageWindow.addToUnion(union, NOW_HOUR + 1, bucket, NOW_HOUR)).isFalse();
        assertThat(DistinctSketch.estimate(union)).isZero();
        assertThat(CoverageWindow.addToUnion(union, NOW_HOUR - CoverageWindow.HOURS + 1, bucket, NOW_HOUR)).isTrue();
        assertThat(DistinctSketch.estimate(union)).isEqualTo(1);
    }

    @Test
    void shouldExpireABucketOnlyAfterTwentyFiveHours()
    {
        assertThat(CoverageWindow.expired(NOW_HOUR - 24, NOW_HOUR)).isFalse();
        assertThat(CoverageWindow.expired(NOW_HOUR - 25, NOW_HOUR)).isTrue();
        assertThat(CoverageWindow.expired(NOW_HOUR, NOW_HOUR)).isFalse();
    }

    @Test
    void shouldPlaceTimesInClockHours()
    {
        assertThat(CoverageWindow.hourOf(0)).isZero();
        assertThat(CoverageWindow.hourOf(CoverageWindow.HOUR_MS - 1)).isZero();
        assertThat(CoverageWindow.hourOf(CoverageWindow.HOUR_MS)).isEqualTo(1);
        assertThat(CoverageWindow.hourOf(-1)).isEqualTo(-1);
    }

    @Test
    void shouldCapTheShareAtOneAndAnswerZeroForAnEmptyCatalog()
    {
        assertThat(CoverageWindow.ratio(50, 200)).isEqualTo(0.25);
        assertThat(CoverageWindow.ratio(210, 200)).isEqualTo(1.0);
        assertThat(CoverageWindow.ratio(3, 0)).isZero();
    }
}
