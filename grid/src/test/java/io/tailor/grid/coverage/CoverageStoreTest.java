package io.tailor.grid.coverage;

import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.GridFixtures;
import io.tailor.scoring.coverage.CoverageWindow;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.DistinctSketch;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CoverageStoreTest
{
    private static final long NOW_HOUR = 493_000L;

    private static HazelcastInstance member;
    private static CoverageStore store;

    @BeforeAll
    static void start()
    {
        member = GridFixtures.bareMember(null, false);
        store = new CoverageStore(member.getMap(CoverageStore.MAP_NAME));
    }

    @AfterAll
    static void stop()
    {
        member.shutdown();
    }

    @Test
    void shouldReadBackTheLastDaysBucketsOfOnePlacementAndRemoveOnlyExpiredOnes() throws Exception
    {
        final byte[] sketch = new byte[DistinctSketch.REGISTERS];
        DistinctSketch.add(sketch, Hashing.mix(7));
        for (final long hour : new long[] {NOW_HOUR, NOW_HOUR - 23, NOW_HOUR - 24, NOW_HOUR - 25, NOW_HOUR - 30})
        {
            store.merge(Placement.EMAIL, hour, sketch).toCompletableFuture().get();
        }
        store.merge(Placement.CART, NOW_HOUR, sketch).toCompletableFuture().get();

        final Map<Long, byte[]> window = store.window(Placement.EMAIL, NOW_HOUR);
        assertThat(window).containsOnlyKeys(NOW_HOUR, NOW_HOUR - 23);
        assertThat(DistinctSketch.estimate(window.get(NOW_HOUR))).isEqualTo(1);

        assertThat(store.expire(NOW_HOUR)).isEqualTo(2);
        assertThat(member.getMap(CoverageStore.MAP_NAME).keySet()).containsExactlyInAnyOrder(
            CoverageStore.key(Placement.EMAIL, NOW_HOUR), CoverageStore.key(Placement.EMAIL, NOW_HOUR - 23),
            CoverageStore.key(Placement.EMAIL, NOW_HOUR - CoverageWindow.HOURS),
            CoverageStore.key(Placement.CART, NOW_HOUR));
    }

    @Test
    void shouldReadTheHourBackFromAKey()
    {
        assertThat(CoverageStore.hourOf(CoverageStore.key(Placement.HOME, NOW_HOUR))).isEqualTo(NOW_HOUR);
        assertThat(CoverageStore.hourOf("home/x")).isEqualTo(Long.MIN_VALUE);
    }
}
