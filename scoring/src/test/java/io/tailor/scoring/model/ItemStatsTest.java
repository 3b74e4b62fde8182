package io.tailor.scoring.model;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemStatsTest
{
    private static final long HALF_LIFE = 1_000L;

    @Test
    void shouldMergeToTheSameTotalsInAnyOrder()
    {
        final ItemStats a = new ItemStats().add(PopularityKind.VIEW, 1, 1_000, HALF_LIFE);
        final ItemStats b = new ItemStats().add(PopularityKind.VIEW, 4, 3_000, HALF_LIFE)
            .add(PopularityKind.PURCHASE, 1, 2_000, HALF_LIFE);
        final ItemStats c = new ItemStats().add(PopularityKind.CART, 2, 500, HALF_LIFE);

        final ItemStats abc = a.copy().merge(b, HALF_LIFE).merge(c, HALF_LIFE);
        final ItemStats cba = c.copy().merge(b, HALF_LIFE).merge(a, HALF_LIFE);

        assertThat(abc.atMs()).isEqualTo(3_000).isEqualTo(cba.atMs());
        assertThat(abc.views()).isCloseTo(cba.views(), within(1e-12)).isCloseTo(4 + 0.25, within(1e-12));
        assertThat(abc.purchases()).isCloseTo(0.5, within(1e-12));
        assertThat(abc.carts()).isCloseTo(cba.carts(), within(1e-12));
        assertThat(abc.interactions()).isEqualTo(4);
    }

    @Test
    void shouldDecayPopularityWithTime()
    {
        final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 2, 0, HALF_LIFE);
        final PopularityWeights weights = new PopularityWeights(1, 1, 1);

        assertThat(stats.popularity(0, HALF_LIFE, weights)).isCloseTo(2.0, within(1e-12));
        assertThat(stats.popularity(2_000, HALF_LIFE, weights)).isCloseTo(0.5, within(1e-12));
    }

    @Test
    void shouldApplyAnOutOfOrderObservationWithItsOwnTime()
    {
        final ItemStats stats = new ItemStats().add(PopularityKind.VIEW, 1, 2_000, HALF_LIFE)
            .add(PopularityKind.VIEW, 1, 1_000, HALF_LIFE);

        assertThat(stats.atMs()).isEqualTo(2_000);
        assertThat(stats.views()).isCloseTo(1.5, within(1e-12));
    }
}
