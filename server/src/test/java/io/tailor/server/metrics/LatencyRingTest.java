package io.tailor.server.metrics;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The fixed ring of a route's one-second samples: oldest first, the oldest overwritten once full, never more
 * than its capacity.
 */
class LatencyRingTest
{
    @Test
    void shouldHoldSamplesOldestFirstUntilFull()
    {
        final LatencyRing ring = new LatencyRing(4);

        ring.add(1_000, 1_000_000_000L, 3, 50_000, 99_000, 99_900);
        ring.add(2_000, 1_001_000_000L, 0, 0, 0, 0);

        assertThat(ring.size()).isEqualTo(2);
        assertThat(ring.get(0)).isEqualTo(new RouteLatency.Recent(1_000, 3, 1.0, 50.0, 99.0, 99.9));
        assertThat(ring.get(1)).isEqualTo(new RouteLatency.Recent(2_000, 0, 1.001, 0, 0, 0));
        assertThatThrownBy(() -> ring.get(2)).isInstanceOf(IndexOutOfBoundsException.class);
    }

    @Test
    void shouldOverwriteTheOldestOnceFullAndNeverHoldMoreThanItsCapacity()
    {
        final LatencyRing ring = new LatencyRing(3);

        for (int second = 1; second <= 10; second++)
        {
            ring.add(second * 1_000L, 1_000_000_000L, second, second * 1_000L, 0, 0);
            assertThat(ring.size()).isEqualTo(Math.min(3, second));
        }

        assertThat(ring.capacity()).isEqualTo(3);
        assertThat(times(ring)).containsExactly(8_000L, 9_000L, 10_000L);
        assertThat(ring.get(2).count()).isEqualTo(10);
        assertThat(ring.get(0).p50Us()).isEqualTo(8.0);
    }

    @Test
    void shouldKeepTheOrderAcrossEveryWrapPosition()
    {
        for (int added = 1; added <= 12; added++)
        {
            final LatencyRing ring = new LatencyRing(5);
            for (int i = 1; i <= added; i++)
            {
                ring.add(i, 1, i, 0, 0, 0);
            }
            final List<Long> expected = new ArrayList<>();
            for (long i = Math.max(1, added - 4); i <= added; i++)
            {
                expected.add(i);
            }
            assertThat(times(ring)).as("after %d samples", added).isEqualTo(expected);
        }
    }

    @Test
    void shouldRefuseARingWithoutRoom()
    {
        assertThatThrownBy(() -> new LatencyRing(0)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("capacity");
    }

    private static List<Long> times(final LatencyRing ring)
    {
        final List<Long> times = new ArrayList<>();
        for (int i = 0; i < ring.size(); i++)
        {
            times.add(ring.get(i).atMs());
        }
        return times;
    }
}
