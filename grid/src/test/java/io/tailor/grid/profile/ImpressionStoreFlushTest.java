package io.tailor.grid.profile;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ImpressionStoreFlushTest
{
    @Test
    void shouldWaitInFlushNowForTheBatchesAScheduledFlushSentJustBefore() throws Exception
    {
        try (TailorGrid grid = GridFixtures.startLone())
        {
            final String key = ProfileKeys.user("u1");
            final IMap<String, byte[]> map = grid.hazelcast().getMap(ImpressionStore.MAP_NAME);
            // Holds the key's partition thread, so that the batch the scheduled flush sends waits behind it.
            final CompletableFuture<Object> blocker = map.submitToKey(key,
                (EntryProcessor<String, byte[], Object>)entry ->
                {
                    sleepQuietly(1_500);
                    return null;
                }).toCompletableFuture();
            final ImpressionStore store = grid.profiles().impressions();

            store.record(key, Hashing.key("list-1"), System.currentTimeMillis(), new long[] {Hashing.key("p1")}, 1);
            // Two scheduled flushes' time: the ring is drained and the batch is on its way, queued behind the blocker.
            Thread.sleep(2 * ImpressionStore.FLUSH_INTERVAL_MS);
            assertThat(blocker).as("still holding the partition").isNotDone();
            store.flushNow();

            assertThat(store.sent()).as("the scheduled flush's list, applied when flushNow returns").isEqualTo(1);
            assertThat(ImpressionRecord.isRecord(store.local(key))).isTrue();
            blocker.get(10, TimeUnit.SECONDS);
        }
    }

    private static void sleepQuietly(final long ms)
    {
        try
        {
            Thread.sleep(ms);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
