package io.tailor.grid.model;

import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ItemSignalAggregatorTest
{
    private static final long NOW = 1_750_000_000_000L;

    @Test
    void shouldCarryAServedListsNewArrivalsAndClicksIntoTheDeltas()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);

        aggregator.shown(new long[] {11L, 12L, 99L}, 2, NOW);
        aggregator.shown(new long[] {11L}, 1, NOW);
        aggregator.shown(new long[] {13L}, 0, NOW);
        aggregator.onClicked(12L, NOW);
        aggregator.onPopularity(12L, PopularityKind.VIEW, 1.0, NOW);

        assertThat(aggregator.drain()).isEqualTo(4);
        final ItemSignalAccumulator deltas = aggregator.takePending();
        assertThat(deltas.stats(11L).exposure().shownAt(NOW)).isEqualTo(2.0);
        assertThat(deltas.stats(12L).exposure().shownAt(NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(12L).exposure().clickedAt(NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(12L).views()).isEqualTo(1.0);
        assertThat(deltas.stats(99L)).as("beyond the count").isNull();
        assertThat(deltas.stats(13L)).as("an empty list records nothing").isNull();
    }

    @Test
    void shouldCarryTransitionsWithTheirStepsIntoTheEarlierProductsFollowers()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);

        aggregator.onTransition(21L, 22L, 1, NOW);
        aggregator.onTransition(20L, 22L, 2, NOW);

        assertThat(aggregator.drain()).isEqualTo(2);
        final ItemSignalAccumulator deltas = aggregator.takePending();
        assertThat(deltas.stats(21L).followers().key(0)).isEqualTo(22L);
        assertThat(deltas.stats(21L).followers().together(0)).isEqualTo(1f);
        assertThat(deltas.stats(20L).followers().together(0)).as("two steps back weighs half").isEqualTo(0.5f);
        assertThat(deltas.stats(22L)).as("the later product learns nothing").isNull();
    }

    @Test
    void shouldDropAndCountAListWhenTheRingIsFull()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 12, ModelSettings.DEFAULT);
        final long[] keys = new long[100];

        aggregator.shown(keys, 100, NOW);
        assertThat(aggregator.dropped()).as("longer than the ring takes").isEqualTo(1);
        for (int i = 0; i < 20; i++)
        {
            aggregator.shown(keys, 50, NOW);
        }

        assertThat(aggregator.dropped()).isGreaterThan(1);
    }
}
