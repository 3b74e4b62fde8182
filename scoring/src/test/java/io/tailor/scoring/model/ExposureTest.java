package io.tailor.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ExposureTest
{
    private static final long NOW = 1_750_000_000_000L;
    private static final long DAY = 86_400_000L;
    private static final int HOME = 0;
    private static final int PRODUCT = 1;

    @Test
    void shouldReadAsTheImpressionsOfAboutTheLastDayAtASteadyRate()
    {
        final Exposure exposure = new Exposure();
        // 100 a day for ten days, and 30 clicks a day
        for (long t = NOW - 10 * DAY; t < NOW; t += DAY / 100)
        {
            exposure.addShown(1, t);
        }
        for (long t = NOW - 10 * DAY; t < NOW; t += DAY / 30)
        {
            exposure.addClick(t);
        }

        assertThat(exposure.shownAt(NOW)).isCloseTo(100.0, within(2.0));
        assertThat(exposure.clickedAt(NOW)).isCloseTo(30.0, within(2.0));
        assertThat(exposure.shownAt(NOW + DAY)).as("a day without impressions").isCloseTo(100.0 / Math.E, within(1.0));
    }

    @Test
    void shouldMergeSumsFromTwoNodesInAnyOrder()
    {
        final Exposure a = new Exposure().addShown(40, NOW - DAY).addClick(NOW - 2_000);
        final Exposure b = new Exposure().addShown(10, NOW).addClick(NOW - DAY / 2);

        final Exposure ab = a.copy().merge(b);
        final Exposure ba = b.copy().merge(a);

        assertThat(ab.shownAt(NOW)).isCloseTo(ba.shownAt(NOW), within(1e-9)).isCloseTo(40 / Math.E + 10, within(1e-6));
        assertThat(ab.clickedAt(NOW)).isCloseTo(ba.clickedAt(NOW), within(1e-9));
    }

    @Test
    void shouldTravelInTheItemStatsRecordAndStillReadTheFormatBeforeIt()
    {
        final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 3, NOW, DAY).addShown(12, NOW).addClick(NOW);

        final ItemStats back = ItemStatsCodec.decode(ItemStatsCodec.encode(stats));
        assertThat(back.exposure().shownAt(NOW)).isEqualTo(12.0);
        assertThat(back.exposure().clickedAt(NOW)).isEqualTo(1.0);
        assertThat(back.views()).isEqualTo(3.0);

        // format 3: the same record without the exposure flag at its end
        final byte[] withoutExposure = ItemStatsCodec.encode(new ItemStats().add(PopularityKind.VIEW, 3, NOW, DAY));
        final byte[] format3 = Arrays.copyOf(withoutExposure, withoutExposure.length - 1);
        format3[0] = 3;
        final ItemStats old = ItemStatsCodec.decode(format3);
        assertThat(old.views()).isEqualTo(3.0);
        assertThat(old.exposure()).isNull();
    }

    @Test
    void shouldLeaveTheNeighbourRowAsItWasWhenADeltaCarriesOnlyExposure()
    {
        final ItemStats stored = new ItemStats().addPair(42L, 1.0, 0.0, NOW, DAY, 8).addShown(5, NOW);
        final Neighbors row = stored.neighbors();

        stored.merge(new ItemStats().addShown(3, NOW), DAY, DAY);

        assertThat(stored.neighbors()).isSameAs(row);
        assertThat(row.count()).isEqualTo(1);
        assertThat(row.together(0)).isEqualTo(1f);
        assertThat(stored.exposure().shownAt(NOW)).isEqualTo(8.0);
    }

    @Test
    void shouldKeepSumsPerPlacementBesidesThePooledOnesAndMergeThem()
    {
        final Exposure a = new Exposure().addShown(40, HOME, NOW - DAY).addClick(HOME, NOW - 2_000)
            .addClick(Exposure.NO_PLACEMENT, NOW);
        final Exposure b = new Exposure().addShown(10, PRODUCT, NOW).addClick(PRODUCT, NOW - DAY / 2);

        final Exposure ab = a.copy().merge(b);
        final Exposure ba = b.copy().merge(a);

        assertThat(ab.shownAt(NOW)).as("pooled").isCloseTo(40 / Math.E + 10, within(1e-6));
        assertThat(ab.shownAt(HOME, NOW)).isCloseTo(40 / Math.E, within(1e-6)).isCloseTo(ba.shownAt(HOME, NOW),
            within(1e-9));
        assertThat(ab.shownAt(PRODUCT, NOW)).isCloseTo(10.0, within(1e-9));
        assertThat(ab.clickedAt(NOW)).as("pooled, with the click from no known list")
            .isCloseTo(ab.clickedAt(HOME, NOW) + ab.clickedAt(PRODUCT, NOW) + 1.0, within(1e-9));
        assertThat(ba.clickedAt(PRODUCT, NOW)).isCloseTo(Math.exp(-0.5), within(1e-6));
        assertThat(new Exposure().addShown(3, NOW).hasPlacements()).as("no room taken without a placement").isFalse();
    }

    @Test
    void shouldTravelPerPlacementAndStillReadTheFormatWithoutPlacements()
    {
        final ItemStats stats = new ItemStats().addShown(12, HOME, NOW).addShown(4, PRODUCT, NOW)
            .addClick(PRODUCT, NOW).addClick(NOW);

        final ItemStats back = ItemStatsCodec.decode(ItemStatsCodec.encode(stats));
        assertThat(back.exposure().shownAt(NOW)).isEqualTo(16.0);
        assertThat(back.exposure().shownAt(HOME, NOW)).isEqualTo(12.0);
        assertThat(back.exposure().shownAt(PRODUCT, NOW)).isEqualTo(4.0);
        assertThat(back.exposure().clickedAt(PRODUCT, NOW)).isEqualTo(1.0);
        assertThat(back.exposure().clickedAt(NOW)).isEqualTo(2.0);

        // format 5: the exposure without the per-placement count byte after it
        final byte[] pooledOnly = ItemStatsCodec.encode(new ItemStats().addShown(7, NOW).addClick(NOW));
        final byte[] format5 = new byte[pooledOnly.length - 1];
        System.arraycopy(pooledOnly, 0, format5, 0, pooledOnly.length - 2);
        format5[format5.length - 1] = pooledOnly[pooledOnly.length - 1];
        format5[0] = 5;
        final ItemStats old = ItemStatsCodec.decode(format5);
        assertThat(old.exposure().shownAt(NOW)).isEqualTo(7.0);
        assertThat(old.exposure().clickedAt(NOW)).isEqualTo(1.0);
        assertThat(old.exposure().hasPlacements()).isFalse();
        assertThat(old.exposure().shownAt(HOME, NOW)).isZero();
    }
}
