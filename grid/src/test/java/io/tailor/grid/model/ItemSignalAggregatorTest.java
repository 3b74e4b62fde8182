package io.tailor.grid.model;

import io.tailor.scoring.model.Exposure;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ItemSignalAggregatorTest
{
    private static final long NOW = 1_750_000_000_000L;
    private static final int HOME = 0;
    private static final int PRODUCT = 1;

    @Test
    void shouldCarryAServedListsNewArrivalsAndClicksIntoTheDeltas()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);

        aggregator.shown(new long[] {11L, 12L, 99L}, 2, HOME, NOW);
        aggregator.shown(new long[] {11L}, 1, PRODUCT, NOW);
        aggregator.shown(new long[] {13L}, 0, HOME, NOW);
        aggregator.onClicked(12L, HOME, NOW);
        aggregator.onClicked(11L, Exposure.NO_PLACEMENT, NOW);
        aggregator.onPopularity(12L, PopularityKind.VIEW, 1.0, NOW);

        assertThat(aggregator.drain()).isEqualTo(5);
        final ItemSignalAccumulator deltas = aggregator.takePending();
        assertThat(deltas.stats(11L).exposure().shownAt(NOW)).isEqualTo(2.0);
        assertThat(deltas.stats(11L).exposure().shownAt(HOME, NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(11L).exposure().shownAt(PRODUCT, NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(11L).exposure().clickedAt(NOW)).as("a click from no known list").isEqualTo(1.0);
        assertThat(deltas.stats(11L).exposure().clickedAt(HOME, NOW)).isZero();
        assertThat(deltas.stats(12L).exposure().shownAt(NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(12L).exposure().clickedAt(NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(12L).exposure().clickedAt(HOME, NOW)).isEqualTo(1.0);
        assertThat(deltas.stats(12L).exposure().clickedAt(PRODUCT, NOW)).isZero();
        assertThat(deltas.stats(12L).views()).isEqualTo(1.0);
        assertThat(deltas.stats(99L)).as("beyond the count").isNull();
        assertThat(deltas.stats(13L)).as("an empty list records nothing").isNull();
    }

    @Test
    void shouldKeepAListsEstablishedProductsApartFromItsNewArrivalsUntilTaken()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);

        aggregator.shown(new long[] {21L, 31L, 32L, 99L}, 3, 1, HOME, NOW);
        aggregator.shown(new long[] {31L}, 1, 0, PRODUCT, NOW);
        aggregator.shown(new long[] {31L, 32L}, 2, 0, HOME, NOW);

        assertThat(aggregator.drain()).isEqualTo(3);
        final ItemSignalAccumulator deltas = aggregator.takePending();
        assertThat(deltas.stats(21L).exposure().shownAt(HOME, NOW)).as("the new arrival, at once").isEqualTo(1.0);
        assertThat(deltas.stats(31L)).as("established products wait for their cadence").isNull();
        assertThat(aggregator.takeFreshExposure().keySet()).as("nor patched into the model").containsOnly(21L);
        final var established = aggregator.takeEstablishedShown();
        assertThat(established.keySet()).containsOnly(31L, 32L);
        assertThat(established.get(31L).exposure().shownAt(NOW)).isEqualTo(3.0);
        assertThat(established.get(31L).exposure().shownAt(HOME, NOW)).isEqualTo(2.0);
        assertThat(established.get(31L).exposure().shownAt(PRODUCT, NOW)).isEqualTo(1.0);
        assertThat(established.get(32L).exposure().shownAt(HOME, NOW)).isEqualTo(2.0);
        assertThat(aggregator.takeEstablishedShown()).as("taken once").isEmpty();
    }

    @Test
    void shouldHandOutFreshExposureOnceWhetherOrNotTheDeltasWereFlushedMeanwhile()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);
        aggregator.onClicked(12L, HOME, NOW);
        aggregator.onPopularity(12L, PopularityKind.VIEW, 1.0, NOW);
        aggregator.drain();

        assertThat(aggregator.takePending().stats(12L).exposure().clickedAt(HOME, NOW)).isEqualTo(1.0);
        assertThat(aggregator.takePending().isEmpty()).as("flushed").isTrue();
        final var fresh = aggregator.takeFreshExposure();
        assertThat(fresh.get(12L).exposure().clickedAt(HOME, NOW)).isEqualTo(1.0);
        assertThat(fresh.get(12L).views()).as("exposure only").isZero();
        assertThat(aggregator.takeFreshExposure()).as("taken once").isEmpty();
    }

    @Test
    void shouldDrainEverythingWrittenThoughEachReadOfTheRingTakesOnlyAFewThousandRecords()
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 20, ModelSettings.DEFAULT);
        final int signals = 5 * ItemSignalAggregator.SIGNALS_PER_READ + 7;
        for (int i = 0; i < signals; i++)
        {
            aggregator.onPopularity(i % 100, PopularityKind.VIEW, 1.0, NOW);
        }

        assertThat(aggregator.drain()).isEqualTo(signals);

        assertThat(aggregator.dropped()).isZero();
        assertThat(aggregator.received()).isEqualTo(signals);
        assertThat(aggregator.backlogBytes()).isZero();
        final ItemSignalAccumulator deltas = aggregator.takePending();
        assertThat(deltas.stats(0L).views()).isEqualTo(signals / 100 + 1);
        assertThat(deltas.stats(99L).views()).isEqualTo(signals / 100);
    }

    @Test
    void shouldDrainNothingBetweenTakingTheFreshExposureAndReadingThePendingDeltas() throws Exception
    {
        final ItemSignalAggregator aggregator = new ItemSignalAggregator(1 << 16, ModelSettings.DEFAULT);
        aggregator.onClicked(12L, HOME, NOW);
        aggregator.drain();
        final Thread drainer = new Thread(aggregator::drain, "drainer");

        final boolean pendingHad13 = aggregator.takeFreshExposureAndReadPending((fresh, pending) ->
        {
            assertThat(fresh.keySet()).containsOnly(12L);
            aggregator.onClicked(13L, HOME, NOW);
            drainer.start();
            await().atMost(Duration.ofSeconds(10))
                .until(() -> drainer.getState() == Thread.State.WAITING || !drainer.isAlive());
            assertThat(drainer.getState()).as("the drain waits for the reader").isEqualTo(Thread.State.WAITING);
            return pending.containsKey(13L);
        });
        drainer.join(10_000);

        assertThat(pendingHad13).isFalse();
        assertThat(aggregator.takeFreshExposure().keySet()).as("drained after the take").containsOnly(13L);
        assertThat(aggregator.takePending().statsByProduct().keySet()).containsOnly(12L, 13L);
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

        aggregator.shown(keys, 100, HOME, NOW);
        assertThat(aggregator.dropped()).as("longer than the ring takes").isEqualTo(1);
        for (int i = 0; i < 20; i++)
        {
            aggregator.shown(keys, 50, HOME, NOW);
        }

        assertThat(aggregator.dropped()).isGreaterThan(1);
    }
}
