package io.tailor.scoring.profile;

import org.junit.jupiter.api.Test;

import static io.tailor.scoring.util.Hashing.key;
import static org.assertj.core.api.Assertions.assertThat;

class ImpressionCountsTest
{
    private static final long NOW = 1_700_000_000_000L;
    private static final long DAY = 86_400_000L;

    private final ImpressionCounts counts = new Profile(4).impressions();

    @Test
    void shouldRestartCountingOnceTheWindowHasPassed()
    {
        counts.record(key("a"), NOW, DAY, 2);
        counts.record(key("a"), NOW + 1_000, DAY, 1);
        assertThat(counts.shown(key("a"), NOW + 2_000, DAY)).isEqualTo(3);
        assertThat(counts.shown(key("a"), NOW + DAY, DAY)).as("window over").isZero();

        counts.record(key("a"), NOW + DAY + 5_000, DAY, 1);

        assertThat(counts.shown(key("a"), NOW + DAY + 6_000, DAY)).isEqualTo(1);
        assertThat(counts.size()).isOne();
    }

    @Test
    void shouldMakeRoomByDroppingTheWindowThatOpenedLongestAgo()
    {
        for (int i = 0; i <= ImpressionCounts.MAX_STORED; i++)
        {
            counts.record(key("p" + i), NOW + i * 1_000L, DAY, 1);
        }

        assertThat(counts.size()).isEqualTo(ImpressionCounts.MAX_STORED);
        assertThat(counts.shown(key("p0"), NOW + DAY / 2, DAY)).isZero();
        assertThat(counts.shown(key("p" + ImpressionCounts.MAX_STORED), NOW + DAY / 2, DAY)).isOne();
    }

    @Test
    void shouldCombineOverlappingWindowsWhenMergingAndKeepTheNewerOtherwise()
    {
        counts.record(key("a"), NOW, DAY, 2);
        counts.record(key("b"), NOW, DAY, 2);
        final int a = Profile.impressionFingerprint(key("a"));
        final int b = Profile.impressionFingerprint(key("b"));

        counts.merge(a, 3, NOW - 1_000, DAY);
        counts.merge(b, 1, NOW + 2 * DAY, DAY);

        assertThat(counts.shown(key("a"), NOW + 1_000, DAY)).isEqualTo(5);
        assertThat(counts.sinceMs(0)).isEqualTo(NOW - 1_000);
        assertThat(counts.shown(key("b"), NOW + 2 * DAY + 1_000, DAY)).isOne();
    }

    @Test
    void shouldLayServedCountsBeyondTheStoredSlotsUpToWhatADecodedProfileHolds()
    {
        for (int i = 0; i < ImpressionCounts.MAX_SEEN + 3; i++)
        {
            counts.overlay(Profile.impressionFingerprint(key("p" + i)), 1, NOW, NOW + 1_000, DAY, 0);
        }

        assertThat(counts.size()).isEqualTo(ImpressionCounts.MAX_SEEN);
        assertThat(counts.countAt(ImpressionCounts.MAX_SEEN - 1)).isOne();
    }

    @Test
    void shouldAddAServedCountToTheProfilesOwnCountOfTheSameProduct()
    {
        counts.record(key("a"), NOW, DAY, 2);
        counts.record(key("b"), NOW, DAY, 1);
        final int own = counts.size();

        counts.overlay(Profile.impressionFingerprint(key("b")), 3, NOW + 500, NOW + 1_000, DAY, own);
        counts.overlay(Profile.impressionFingerprint(key("c")), 1, NOW + 500, NOW + 1_000, DAY, own);

        assertThat(counts.size()).isEqualTo(3);
        assertThat(counts.shown(key("a"), NOW + 1_000, DAY)).isEqualTo(2);
        assertThat(counts.shown(key("b"), NOW + 1_000, DAY)).isEqualTo(4);
        assertThat(counts.shown(key("c"), NOW + 1_000, DAY)).isOne();
    }

    @Test
    void shouldCopyAndClear()
    {
        counts.record(key("a"), NOW, DAY, 4);
        final ImpressionCounts copy = new Profile(4).impressions();

        copy.copyFrom(counts);
        counts.clear();

        assertThat(counts.size()).isZero();
        assertThat(copy.shown(key("a"), NOW + 1_000, DAY)).isEqualTo(4);
        assertThat(copy.fingerprint(0)).isEqualTo(Profile.impressionFingerprint(key("a")));
    }
}
