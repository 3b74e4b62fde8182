package io.tailor.grid.profile;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ImpressionStoreFlushTest
{
    /** Ends the blocker's hold; static because the entry processor runs in this JVM's member and captures nothing. */
    private static final CountDownLatch RELEASE = new CountDownLatch(1);

    @Test
    void shouldWaitInFlushNowForTheBatchesAScheduledFlushSentJustBefore() throws Exception
    {
        try (TailorGrid grid = GridFixtures.startLone())
        {
            final String key = ProfileKeys.user("u1");
            final IMap<String, byte[]> map = grid.hazelcast().getMap(ImpressionStore.MAP_NAME);
            // Holds the key's partition thread (until released, at most 1.5 s), so that the batch the scheduled flush
            // sends waits behind it.
            final CompletableFuture<Object> blocker = map.submitToKey(key,
                (EntryProcessor<String, byte[], Object>)entry ->
                {
                    awaitRelease(1_500);
                    return null;
                }).toCompletableFuture();
            final ImpressionStore store = grid.profiles().impressions();

            store.record(key, Hashing.key("list-1"), System.currentTimeMillis(), new long[] {Hashing.key("p1")}, 1);
            // The scheduled flush (every 200 ms) takes the list from the ring and sends it, queued behind the blocker.
            await().atMost(Duration.ofSeconds(5)).until(() -> store.drained() == 1);
            assertThat(blocker).as("still holding the partition").isNotDone();
            store.flushNow();

            assertThat(store.sent()).as("the scheduled flush's list, applied when flushNow returns").isEqualTo(1);
            assertThat(ImpressionRecord.isRecord(store.local(key))).isTrue();
            blocker.get(10, TimeUnit.SECONDS);
        }
        finally
        {
            RELEASE.countDown();
        }
    }

    private static void awaitRelease(final long ms)
    {
        try
        {
            RELEASE.await(ms, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
