package io.tailor.grid.model;

import io.tailor.scoring.model.ItemStats;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class MergeItemStatsProcessorTest
{
    private static final long HALF_LIFE_MS = 3_600_000L;

    @Test
    void shouldAddTheDeltaOfItsKeyToTheStoredSums()
    {
        final ItemStats stored = new ItemStats(10, 2, 1, NOW, 13);
        final Map.Entry<Long, ItemStats> entry = entry(7L, stored);

        roundTrip(processor(Map.of(7L, new ItemStats(3, 1, 0, NOW, 4)))).process(entry);

        assertThat(entry.getValue().views()).isCloseTo(13, within(1e-9));
        assertThat(entry.getValue().carts()).isCloseTo(3, within(1e-9));
        assertThat(entry.getValue().purchases()).isCloseTo(1, within(1e-9));
        assertThat(entry.getValue().interactions()).isEqualTo(17);
        assertThat(entry.getValue()).as("merged in place, not copied").isSameAs(stored);
    }

    @Test
    void shouldDecayTheOlderSumsToTheNewerTimeBeforeAdding()
    {
        final Map.Entry<Long, ItemStats> entry = entry(7L, new ItemStats(8, 0, 0, NOW, 8));

        processor(Map.of(7L, new ItemStats(1, 0, 0, NOW + HALF_LIFE_MS, 1))).process(entry);

        assertThat(entry.getValue().views()).isCloseTo(5, within(1e-6));
        assertThat(entry.getValue().atMs()).isEqualTo(NOW + HALF_LIFE_MS);
    }

    @Test
    void shouldStoreACopyOfTheDeltaForANewProductAndLeaveOtherKeysAlone()
    {
        final ItemStats delta = new ItemStats(2, 0, 0, NOW, 2);
        final Map.Entry<Long, ItemStats> fresh = entry(7L, null);
        final Map.Entry<Long, ItemStats> other = entry(8L, null);
        final MergeItemStatsProcessor processor = processor(Map.of(7L, delta));

        processor.process(fresh);
        processor.process(other);

        assertThat(fresh.getValue()).isNotSameAs(delta);
        assertThat(fresh.getValue().views()).isEqualTo(2);
        assertThat(other.getValue()).isNull();
    }

    private static MergeItemStatsProcessor processor(final Map<Long, ItemStats> deltas)
    {
        return new MergeItemStatsProcessor(new HashMap<>(deltas), HALF_LIFE_MS, HALF_LIFE_MS);
    }
}
