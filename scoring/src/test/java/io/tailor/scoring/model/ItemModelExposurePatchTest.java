package io.tailor.scoring.model;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.collections.LongHashSet;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Random;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ItemModel#withExposureOf}: the rows it sets must be what a rebuild would compute, to the bit, or nodes that
 * patch and nodes that rebuild would draw different explorations from the same counts.
 */
class ItemModelExposurePatchTest
{
    private static final CatalogSnapshot CATALOG = Fixtures.snapshot(Fixtures.products());
    private static final ModelSettings SETTINGS = ModelSettings.DEFAULT.withFactors(FactorSettings.OFF);

    @Test
    void shouldSetTheChangedRowsToWhatARebuildComputesToTheBit()
    {
        final Random random = new Random(12);
        for (int round = 0; round < 200; round++)
        {
            final Map<Long, ItemStats> before = new HashMap<>();
            for (int i = 0; i < CATALOG.size(); i++)
            {
                final int kind = random.nextInt(4);
                if (kind > 0)
                {
                    final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 1 + random.nextInt(5),
                        NOW - random.nextInt(3_600_000), SETTINGS.popularityHalfLifeMs());
                    // kind 1: no exposure; 2: pooled only; 3: per placement too
                    if (kind >= 2)
                    {
                        stats.exposure(exposure(random, kind == 3));
                    }
                    before.put(CATALOG.key(i), stats);
                }
            }
            final Long2ObjectHashMap<ItemStats> pending = new Long2ObjectHashMap<>();
            for (int i = 0; i < CATALOG.size(); i++)
            {
                if (random.nextInt(5) == 0)
                {
                    pending.put(CATALOG.key(i), new ItemStats().exposure(exposure(random, random.nextBoolean())));
                }
            }
            final ItemModel live = ItemModel.build(CATALOG, before::get, NOW, SETTINGS, 1)
                .withExposureAdded(pending, NOW);

            // impressions and clicks merged into some products' stats, some of which had none before
            final Map<Long, ItemStats> after = new HashMap<>();
            before.forEach((key, stats) -> after.put(key, stats.copy()));
            final LongHashSet changed = new LongHashSet();
            for (int i = 0; i < CATALOG.size(); i++)
            {
                if (random.nextInt(3) == 0)
                {
                    final long key = CATALOG.key(i);
                    final ItemStats delta = new ItemStats().exposure(exposure(random, random.nextBoolean()));
                    after.merge(key, delta, (stats, added) -> stats.merge(added, SETTINGS.popularityHalfLifeMs()));
                    changed.add(key);
                }
            }
            changed.add(12345L); // a product of no catalog: skipped

            final ItemModel patched = live.withExposureOf(changed, after::get, pending, NOW);
            final ItemModel rebuilt = ItemModel.build(CATALOG, after::get, NOW, SETTINGS, 2)
                .withExposureAdded(pending, NOW);

            // every row: those set, and those left as the live model had them
            for (int item = 0; item < CATALOG.size(); item++)
            {
                assertSameExposure(patched, rebuilt, item, "round " + round + ", " + CATALOG.product(item).id());
            }
        }
    }

    @Test
    void shouldMakeTheExposureColumnsOfAModelThatHadNone()
    {
        final Map<Long, ItemStats> stats = new HashMap<>();
        final ItemModel bare = ItemModel.build(CATALOG, stats::get, NOW, SETTINGS, 1);
        assertThat(bare.shownLately(0)).isZero();
        final long key = CATALOG.key(3);
        stats.put(key, new ItemStats().addShown(4, 1, NOW).addClick(1, NOW));
        final LongHashSet changed = new LongHashSet();
        changed.add(key);

        final ItemModel patched = bare.withExposureOf(changed, stats::get, new Long2ObjectHashMap<>(), NOW);

        assertThat(patched).isNotSameAs(bare);
        assertThat(patched.shownLately(3)).isEqualTo(4f);
        assertThat(patched.clickedLately(3, 1)).isEqualTo(1f);
        assertThat(patched.shownLately(3, 0)).isZero();
        assertThat(bare.withExposureOf(new LongHashSet(), stats::get, new Long2ObjectHashMap<>(), NOW))
            .as("nothing to set").isSameAs(bare);
    }

    private static void assertSameExposure(final ItemModel actual, final ItemModel expected, final int item,
        final String where)
    {
        assertThat(actual.shownLately(item)).as(where).isEqualTo(expected.shownLately(item));
        assertThat(actual.clickedLately(item)).as(where).isEqualTo(expected.clickedLately(item));
        for (int p = 0; p < Exposure.PLACEMENTS; p++)
        {
            assertThat(actual.shownLately(item, p)).as(where).isEqualTo(expected.shownLately(item, p));
            assertThat(actual.clickedLately(item, p)).as(where).isEqualTo(expected.clickedLately(item, p));
        }
    }

    private static Exposure exposure(final Random random, final boolean perPlacement)
    {
        final Exposure exposure = new Exposure();
        final int lists = 1 + random.nextInt(4);
        for (int l = 0; l < lists; l++)
        {
            final long at = NOW - random.nextInt((int)(DAY / 4));
            final int placement = perPlacement ? random.nextInt(Exposure.PLACEMENTS) : Exposure.NO_PLACEMENT;
            exposure.addShown(1 + random.nextInt(3), placement, at);
            if (random.nextInt(3) == 0)
            {
                exposure.addClick(placement, at);
            }
        }
        return exposure;
    }
}
