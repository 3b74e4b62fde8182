package io.tailor.grid.profile;

import com.hazelcast.partition.PartitionService;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The impression store on a real member: one map entry per partition, records swept once they count nothing. */
class ImpressionStoreTest
{
    private static TailorGrid grid;

    @BeforeAll
    static void start()
    {
        grid = GridFixtures.startLone();
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldSendEveryQueuedListInAFlushAfterTheRingHasWrapped() throws Exception
    {
        // A ring of 4 KiB: a list of one product for these keys takes 72 bytes, so rounds of 25 lists (1,800 bytes)
        // wrap past the buffer's end every few rounds, and a flush must read on from its start.
        final ImpressionStore small = new ImpressionStore(grid.hazelcast().getMap(ImpressionStore.MAP_NAME), null,
            grid.hazelcast().getPartitionService(), new BackgroundErrors(), 4096);
        try
        {
            final long now = System.currentTimeMillis();
            for (int round = 0; round < 6; round++)
            {
                for (int i = 0; i < 25; i++)
                {
                    final String key = ProfileKeys.user("wrap-" + round + "-" + i);
                    assertThat(small.record(key, Hashing.key("list-" + round + "-" + i), now,
                        new long[] {Hashing.key("p" + i)}, 1)).as("queued").isTrue();
                }
                small.flushNow();

                assertThat(small.drained()).as("drained after round " + round).isEqualTo(small.queued());
                assertThat(small.sent()).as("sent after round " + round).isEqualTo(25L * (round + 1));
            }
            final byte[] last = small.read(ProfileKeys.user("wrap-5-24")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            assertThat(new ImpressionRecord().decode(last).impressions(Hashing.key("p24"), now,
                Duration.ofDays(1).toMillis())).isEqualTo(1);
        }
        finally
        {
            small.close();
        }
    }

    @Test
    void shouldHoldEveryShoppersRecordInTheirPartitionsOneEntry() throws Exception
    {
        final ImpressionStore store = grid.profiles().impressions();
        final PartitionService partitions = grid.hazelcast().getPartitionService();
        final Set<Integer> touched = new HashSet<>();
        final long now = System.currentTimeMillis();
        for (int i = 0; i < 600; i++)
        {
            final String key = ProfileKeys.user("one-entry-" + i);
            touched.add(partitions.getPartition(key).getPartitionId());
            store.record(key, Hashing.key("list-" + i), now, new long[] {Hashing.key("p" + i)}, 1);
        }
        store.flushNow();

        assertThat(grid.hazelcast().getMap(ImpressionStore.MAP_NAME).size()).as("entries")
            .isEqualTo(touched.size()).isLessThan(600);
        for (int i = 0; i < 600; i++)
        {
            final String key = ProfileKeys.user("one-entry-" + i);
            final byte[] read = store.read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(new ImpressionRecord().decode(read).impressions(Hashing.key("p" + i), now,
                Duration.ofDays(1).toMillis())).as(key).isEqualTo(1);
            assertThat(ImpressionRecord.isRecord(store.local(key))).as("in the replica: " + key).isTrue();
        }
    }

    @Test
    void shouldDropARecordIdleForLongerThanItCountsFromTheGridAndTheReplica() throws Exception
    {
        final ImpressionStore store = grid.profiles().impressions();
        final PartitionService partitions = grid.hazelcast().getPartitionService();
        final String idle = ProfileKeys.user("idle");
        final int partition = partitions.getPartition(idle).getPartitionId();
        String active = null;
        for (int i = 0; active == null; i++)
        {
            final String key = ProfileKeys.user("active-" + i);
            active = partitions.getPartition(key).getPartitionId() == partition ? key : null;
        }
        final long now = System.currentTimeMillis();
        store.record(idle, Hashing.key("old-list"), now - Duration.ofDays(400).toMillis(),
            new long[] {Hashing.key("p1")}, 1);
        store.flushNow();
        assertThat(store.read(idle).toCompletableFuture().get(10, TimeUnit.SECONDS)).as("held until swept")
            .isNotNull();

        // The next batch of the partition, a sweep interval later in the batches' time, sweeps.
        store.record(active, Hashing.key("new-list"), now + PartitionImpressions.SWEEP_INTERVAL_MS,
            new long[] {Hashing.key("p2")}, 1);
        store.flushNow();

        assertThat(store.read(idle).toCompletableFuture().get(10, TimeUnit.SECONDS)).as("swept").isNull();
        assertThat(ImpressionRecord.isRecord(store.local(idle))).as("gone from the replica").isFalse();
        assertThat(store.read(active).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNotNull();
    }

    @Test
    void shouldGiveBackAndForgetAClearedRecord() throws Exception
    {
        final ImpressionStore store = grid.profiles().impressions();
        final String key = ProfileKeys.user("cleared");
        store.record(key, Hashing.key("list"), System.currentTimeMillis(), new long[] {Hashing.key("p1")}, 1);
        store.flushNow();

        assertThat(ImpressionRecord.isRecord((byte[])store.clear(key).toCompletableFuture().get(10, TimeUnit.SECONDS)))
            .isTrue();
        assertThat(store.read(key).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
        assertThat(ImpressionRecord.isRecord(store.local(key))).isFalse();
        assertThat(store.clear(key).toCompletableFuture().get(10, TimeUnit.SECONDS)).as("nothing left").isNull();
    }
}
