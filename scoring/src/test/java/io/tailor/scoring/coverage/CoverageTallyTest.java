package io.tailor.scoring.coverage;

import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.DistinctSketch;
import io.tailor.scoring.util.Hashing;
import com.sun.management.ThreadMXBean;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CoverageTallyTest
{
    private static final long HOUR = CoverageWindow.HOUR_MS;
    private static final long START = 493_000L * HOUR;

    private record Collected(Placement placement, long hour, byte[] registers)
    {
    }

    @Test
    void shouldHandOverEachPlacementsHourOnceUntilItChangesAgain()
    {
        final CoverageTally tally = new CoverageTally();
        tally.shown(Placement.HOME, keys(0, 100), 100, START + 10);
        tally.shown(Placement.CART, keys(0, 10), 10, START + 20);

        final List<Collected> first = collect(tally);
        assertThat(first).extracting(Collected::placement).containsExactlyInAnyOrder(Placement.HOME, Placement.CART);
        assertThat(first).extracting(Collected::hour).containsOnly(START / HOUR);
        assertThat(estimate(first, Placement.HOME)).isCloseTo(100, within(3.0));
        assertThat(collect(tally)).isEmpty();

        tally.shown(Placement.HOME, keys(0, 100), 100, START + 30);
        assertThat(collect(tally)).as("nothing new shown").isEmpty();
        tally.shown(Placement.HOME, keys(100, 50), 50, START + 40);
        assertThat(estimate(collect(tally), Placement.HOME)).isCloseTo(150, within(4.0));
    }

    @Test
    void shouldStartANewSketchEachHourAndKeepTheHourBefore()
    {
        final CoverageTally tally = new CoverageTally();
        tally.shown(Placement.HOME, keys(0, 100), 100, START);
        tally.shown(Placement.HOME, keys(1_000, 40), 40, START + HOUR);
        // a list timed just before the hour turned, served after it
        tally.shown(Placement.HOME, keys(2_000, 10), 10, START + HOUR - 1);

        final List<Collected> collected = collect(tally);
        assertThat(collected).hasSize(2);
        for (final Collected each : collected)
        {
            final long expected = each.hour() == START / HOUR ? 110 : 40;
            assertThat((double)DistinctSketch.estimate(each.registers())).isCloseTo(expected, within(3.0));
        }
    }

    @Test
    void shouldClearASlotWhenItsHourComesRoundAgain()
    {
        final CoverageTally tally = new CoverageTally();
        tally.shown(Placement.PRODUCT, keys(0, 100), 100, START);
        collect(tally);
        tally.shown(Placement.PRODUCT, keys(5_000, 20), 20, START + 2 * HOUR);

        final List<Collected> collected = collect(tally);
        assertThat(collected).hasSize(1);
        assertThat(collected.get(0).hour()).isEqualTo(START / HOUR + 2);
        assertThat((double)DistinctSketch.estimate(collected.get(0).registers())).isCloseTo(20, within(2.0));
    }

    @Test
    void shouldAllocateNothingToCountAList()
    {
        final CoverageTally tally = new CoverageTally();
        final long[] keys = keys(0, 10);
        final Placement[] placements = Placement.values();
        final ThreadMXBean threads = (ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long thread = Thread.currentThread().getId();
        for (int i = 0; i < 20_000; i++)
        {
            tally.shown(placements[i & 3], keys, keys.length, START + i * 1_000L);
        }
        final long before = threads.getThreadAllocatedBytes(thread);
        for (int i = 0; i < 100_000; i++)
        {
            // crosses an hour, so a slot is taken and cleared on the way
            tally.shown(placements[i & 3], keys, keys.length, START + 2 * HOUR + i * 100L);
        }
        final long allocated = threads.getThreadAllocatedBytes(thread) - before;

        assertThat(allocated).as("bytes allocated by 100,000 lists").isLessThan(1_000);
    }

    private static long[] keys(final int from, final int count)
    {
        final long[] keys = new long[count];
        for (int i = 0; i < count; i++)
        {
            keys[i] = Hashing.key("p" + (from + i));
        }
        return keys;
    }

    private static List<Collected> collect(final CoverageTally tally)
    {
        final List<Collected> collected = new ArrayList<>();
        tally.collectChanged((placement, hour, registers) -> collected.add(new Collected(placement, hour, registers)));
        return collected;
    }

    private static double estimate(final List<Collected> collected, final Placement placement)
    {
        return collected.stream().filter(c -> c.placement() == placement).mapToLong(c -> DistinctSketch.estimate(
            c.registers())).sum();
    }
}
