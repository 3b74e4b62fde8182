package io.tailor.scoring.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class NeighborsTest
{
    private static final long HALF_LIFE = 1_000L;

    @Test
    void shouldAddPairsAndCountEveryWeightInTheTotals()
    {
        final Neighbors row = new Neighbors(4).add(7L, 1, 0, 0, HALF_LIFE).add(7L, 2, 1, 0, HALF_LIFE)
            .add(8L, 1, 0, 0, HALF_LIFE);

        assertThat(row.count()).isEqualTo(2);
        assertThat(row.together(0)).isEqualTo(3f);
        assertThat(row.bought(0)).isEqualTo(1f);
        assertThat(row.togetherTotal()).isEqualTo(4.0);
        assertThat(row.boughtTotal()).isEqualTo(1.0);
    }

    @Test
    void shouldReplaceTheWeakestNeighbourOnlyWithAStrongerOneAndKeepTheTotal()
    {
        final Neighbors row = new Neighbors(2).add(1L, 5, 0, 0, HALF_LIFE).add(2L, 1, 0, 0, HALF_LIFE);
        row.add(3L, 0.5, 0, 0, HALF_LIFE);
        assertThat(keys(row)).containsExactlyInAnyOrder(1L, 2L);
        row.add(4L, 3, 0, 0, HALF_LIFE);
        assertThat(keys(row)).containsExactlyInAnyOrder(1L, 4L);
        assertThat(row.togetherTotal()).isEqualTo(9.5);
    }

    @Test
    void shouldKeepEveryNeighbourUpToItsCapacityThenEvictTheWeakest()
    {
        final Neighbors row = new Neighbors(10);
        for (long key = 1; key <= 10; key++)
        {
            row.add(key, key, 0, 0, HALF_LIFE);
        }
        assertThat(row.count()).isEqualTo(10);
        assertThat(keys(row)).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L);

        row.add(11L, 20, 0, 0, HALF_LIFE);

        assertThat(row.count()).isEqualTo(10);
        assertThat(keys(row)).doesNotContain(1L).contains(11L);
        assertThat(row.capacity()).isEqualTo(10);
    }

    @Test
    void shouldLetACopyAndADecodedRowGrowToTheCapacityTheyWereGiven()
    {
        final Neighbors original = new Neighbors(8).add(1L, 1, 0, 0, HALF_LIFE).add(2L, 1, 0, 0, HALF_LIFE);
        final Neighbors copy = original.copy();
        final Neighbors decoded = new Neighbors(8, new long[] {1L}, new float[] {1f}, new float[] {0f}, 1, 0, 0);
        for (long key = 3; key <= 9; key++)
        {
            copy.add(key, 1, 0, 0, HALF_LIFE);
            decoded.add(key, 1, 0, 0, HALF_LIFE);
        }

        assertThat(copy.count()).isEqualTo(8);
        assertThat(decoded.count()).isEqualTo(8);
        assertThat(original.count()).isEqualTo(2);
        assertThat(copy.capacity()).isEqualTo(8).isEqualTo(decoded.capacity());
    }

    @Test
    void shouldMergeToTheSameRowInEitherOrderWhenNothingIsEvicted()
    {
        final Neighbors a = new Neighbors(8).add(1L, 1, 0, 1_000, HALF_LIFE).add(2L, 2, 1, 2_000, HALF_LIFE);
        final Neighbors b = new Neighbors(8).add(2L, 4, 2, 3_000, HALF_LIFE).add(3L, 1, 0, 3_000, HALF_LIFE);

        final Neighbors ab = a.copy().merge(b, HALF_LIFE);
        final Neighbors ba = b.copy().merge(a, HALF_LIFE);

        assertThat(ab.atMs()).isEqualTo(3_000).isEqualTo(ba.atMs());
        assertThat(ab.togetherTotal()).isCloseTo(ba.togetherTotal(), within(1e-6));
        assertThat(weightOf(ab, 2L)).isCloseTo(weightOf(ba, 2L), within(1e-5f)).isCloseTo(4f + 1f, within(1e-5f));
        assertThat(ab.boughtTotal()).isCloseTo(2.0 + 0.5, within(1e-6));
    }

    @Test
    void shouldRoundTripWithItsStatsThroughTheCodec()
    {
        final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 3, 5_000, HALF_LIFE)
            .addPair(9L, 2, 1, 5_000, HALF_LIFE, 16).addPair(10L, 1, 0, 5_000, HALF_LIFE, 16);

        final ItemStats back = ItemStatsCodec.decode(ItemStatsCodec.encode(stats));

        assertThat(back.views()).isEqualTo(stats.views());
        assertThat(back.interactions()).isEqualTo(3);
        assertThat(back.neighbors().count()).isEqualTo(2);
        assertThat(back.neighbors().capacity()).isEqualTo(16);
        assertThat(back.neighbors().key(0)).isEqualTo(9L);
        assertThat(back.neighbors().bought(0)).isEqualTo(1f);
        assertThat(ItemStatsCodec.encode(back)).isEqualTo(ItemStatsCodec.encode(stats));
        assertThat(ItemStatsCodec.decode(ItemStatsCodec.encode(new ItemStats())).neighbors()).isNull();
    }

    private static java.util.List<Long> keys(final Neighbors row)
    {
        final java.util.List<Long> keys = new java.util.ArrayList<>();
        for (int i = 0; i < row.count(); i++)
        {
            keys.add(row.key(i));
        }
        return keys;
    }

    private static float weightOf(final Neighbors row, final long key)
    {
        for (int i = 0; i < row.count(); i++)
        {
            if (row.key(i) == key)
            {
                return row.together(i);
            }
        }
        return 0f;
    }
}
