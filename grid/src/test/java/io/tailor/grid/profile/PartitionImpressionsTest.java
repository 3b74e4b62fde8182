package io.tailor.grid.profile;

import io.tailor.grid.ProcessorFixtures;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PartitionImpressionsTest
{
    private static final long HOUR_MS = 3_600_000L;
    private static final long NOW = ProcessorFixtures.NOW;

    @Test
    void shouldDropOnlyTheRecordsIdleForLongerThanTheyCountAndNameThem()
    {
        final PartitionImpressions records = new PartitionImpressions();
        records.put("u:idle", new byte[] {1}, NOW - 25 * HOUR_MS);
        records.put("u:recent", new byte[] {2}, NOW - 23 * HOUR_MS);
        final List<String> dropped = new ArrayList<>();

        assertThat(records.sweep(NOW, 24 * HOUR_MS, dropped::add)).isEqualTo(1);

        assertThat(dropped).containsExactly("u:idle");
        assertThat(records.get("u:idle")).isNull();
        assertThat(records.get("u:recent")).containsExactly(2);
    }

    @Test
    void shouldSweepAtMostOncePerIntervalOfTheBatchesTime()
    {
        final PartitionImpressions records = new PartitionImpressions();
        records.sweep(NOW, HOUR_MS, null);
        records.put("u:a", new byte[] {1}, NOW - 2 * HOUR_MS);

        assertThat(records.sweep(NOW + PartitionImpressions.SWEEP_INTERVAL_MS - 1, HOUR_MS, null)).isZero();
        assertThat(records.sweep(NOW + PartitionImpressions.SWEEP_INTERVAL_MS, HOUR_MS, null)).isEqualTo(1);
    }

    @Test
    void shouldKeepTheLatestChangeWhenAnOlderListArrivesLate()
    {
        final PartitionImpressions records = new PartitionImpressions();
        records.put("u:a", new byte[] {1}, NOW);
        records.put("u:a", new byte[] {2}, NOW - 2 * HOUR_MS);

        assertThat(records.sweep(NOW + HOUR_MS / 2, HOUR_MS, null)).as("changed half an hour ago").isZero();
        assertThat(records.get("u:a")).containsExactly(2);
    }

    @Test
    void shouldKeepEveryRecordAndItsChangeTimeThroughSerialization()
    {
        final PartitionImpressions records = new PartitionImpressions();
        records.put("u:a", new byte[] {1, 2, 3}, NOW - 2 * HOUR_MS);
        records.put("anon:b", new byte[] {4}, NOW);

        final PartitionImpressions copy = ProcessorFixtures.roundTrip(records);

        assertThat(copy.size()).isEqualTo(2);
        assertThat(copy.get("u:a")).containsExactly(1, 2, 3);
        assertThat(copy.get("anon:b")).containsExactly(4);
        assertThat(copy.sweep(NOW, HOUR_MS, null)).as("the change times came along").isEqualTo(1);
        assertThat(copy.get("anon:b")).isNotNull();
    }

    @Test
    void shouldGiveBackWhatItRemoves()
    {
        final PartitionImpressions records = new PartitionImpressions();
        records.put("u:a", new byte[] {7}, NOW);

        assertThat(records.remove("u:a")).containsExactly(7);
        assertThat(records.remove("u:a")).isNull();
        assertThat(records.size()).isZero();
    }
}
