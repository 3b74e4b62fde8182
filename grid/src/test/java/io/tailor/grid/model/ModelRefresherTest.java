package io.tailor.grid.model;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.core.EntryEventType;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.SharedBareMember;
import io.tailor.grid.MutableClock;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogMirror;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.tailor.grid.ProcessorFixtures.DIMENSIONS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The refresher on a lone member, driven by hand: its flush and refresh an hour apart, time from a manual clock; its
 * signal thread drains the ring as in production.
 */
class ModelRefresherTest
{
    private static final Instant START = Instant.parse("2026-06-01T10:00:00Z");
    /** Without the collaborative factors, whose own thread republishes the model when it has learnt them. */
    private static final ModelSettings SETTINGS = ModelSettings.DEFAULT.withFactors(FactorSettings.OFF);
    @RegisterExtension
    static final SharedBareMember GRID = new SharedBareMember();

    private final MutableClock clock = new MutableClock(START);
    private final ItemSignalAggregator signals = new ItemSignalAggregator(64 * 1024, SETTINGS);
    private final ItemModelHolder models = new ItemModelHolder(DIMENSIONS, SETTINGS);
    private final BackgroundErrors errors = new BackgroundErrors();
    private IMap<String, CatalogEntry> catalog;
    private IMap<Long, ItemStats> stats;
    private ModelRefresher refresher;
    private CatalogMirror catalogMirror;
    private ItemStatsMirror statsMirror;

    @BeforeEach
    void createRefresher()
    {
        // Each test has maps of its own on the shared member.
        final String run = UUID.randomUUID().toString();
        final HazelcastInstance hazelcast = GRID.member();
        catalog = hazelcast.getMap(CatalogStore.MAP_NAME + "-" + run);
        stats = hazelcast.getMap(ModelRefresher.ITEM_STATS_MAP + "-" + run);
        catalogMirror = new CatalogMirror();
        statsMirror = new ItemStatsMirror();
        catalog.addEntryListener(catalogMirror, true);
        statsMirror.listenTo(stats);
        // Listen first and wait for the events: Hazelcast answers a put before it publishes the put's event, so
        // a listener added right after a put may still hear of it, and would then see a change after start.
        catalog.put("run-1", new CatalogEntry(product("run-1"), 1));
        catalog.put("run-2", new CatalogEntry(product("run-2"), 1));
        await().atMost(Duration.ofSeconds(5)).until(() -> catalogMirror.size() == 2);
        refresher = new ModelRefresher(hazelcast.getPartitionService(), catalog, stats, catalogMirror, statsMirror,
            signals, models, new ContentVectorizer(DIMENSIONS), SETTINGS, Duration.ofHours(1),
            Duration.ofHours(1), clock, errors);
    }

    @AfterEach
    void closeRefresher()
    {
        refresher.close();
    }

    @Test
    void shouldPublishAModelOfTheGridsCatalogAtStart()
    {
        assertThat(models.loaded()).isFalse();

        refresher.start();

        assertThat(models.loaded()).isTrue();
        assertThat(models.current().catalog().indexOf("run-1")).isNotNegative();
        assertThat(models.current().catalog().indexOf("run-2")).isNotNegative();
        assertThat(models.current().builtAtMs()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void shouldMergeTheSignalsOfThisNodeIntoItemStatsAndTheModel()
    {
        refresher.start();
        final long key = Hashing.key("run-1");
        signals.onPopularity(key, PopularityKind.VIEW, 1.0, clock.millis());
        signals.onPopularity(key, PopularityKind.VIEW, 1.0, clock.millis());

        refresher.flushAndRefreshNow();

        assertThat(stats.get(key).views()).isEqualTo(2.0);
        final ItemModel model = models.current();
        assertThat(model.popularity(model.catalog().indexOf("run-1")))
            .isGreaterThan(model.popularity(model.catalog().indexOf("run-2")));
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    @Test
    void shouldMergeEveryProductOfALargeFlushAsOfASmallOne()
    {
        refresher.start();
        // more products than a merge sends one operation each: sent a partition at a time
        final int products = 1_100;
        for (int p = 0; p < products; p++)
        {
            signals.onPopularity(Hashing.key("bulk-" + p), PopularityKind.VIEW, 1.0, clock.millis());
        }

        refresher.flushAndRefreshNow();

        assertThat(stats.size()).isEqualTo(products);
        for (int p = 0; p < products; p++)
        {
            assertThat(stats.get(Hashing.key("bulk-" + p)).views()).as("bulk-%d", p).isEqualTo(1.0);
        }
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    @Test
    void shouldKeepNoMoreMergeOperationsQueuedOnThePartitionThreadsThanItsWindow() throws Exception
    {
        refresher.start();
        final int products = 1_100;
        for (int p = 0; p < products; p++)
        {
            signals.onPopularity(Hashing.key("window-" + p), PopularityKind.VIEW, 1.0, clock.millis());
        }
        final CountDownLatch release = new CountDownLatch(1);
        final long sentBefore = refresher.mergeOperationsSent();
        try
        {
            holdEveryPartitionThread(release);
            final CompletableFuture<Void> merge = CompletableFuture.runAsync(refresher::flushAndRefreshNow);

            // None answered: the merge waits for the window with exactly the window sent.
            await().atMost(Duration.ofSeconds(10)).until(refresher::mergeWaitsForWindow);
            assertThat(refresher.mergeOperationsSent() - sentBefore).isEqualTo(ModelRefresher.MERGES_IN_FLIGHT);
            assertThat(merge).isNotDone();

            release.countDown();
            merge.get(30, TimeUnit.SECONDS);
        }
        finally
        {
            release.countDown();
        }
        assertThat(refresher.mergeOperationsSent() - sentBefore)
            .as("the rest sent as answers came, none with more than %d products", ModelRefresher.PRODUCTS_PER_MERGE)
            .isGreaterThanOrEqualTo((products + ModelRefresher.PRODUCTS_PER_MERGE - 1) /
                ModelRefresher.PRODUCTS_PER_MERGE);
        for (int p = 0; p < products; p++)
        {
            assertThat(stats.get(Hashing.key("window-" + p)).views()).as("window-%d", p).isEqualTo(1.0);
        }
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    @Test
    void shouldDrainTheSignalRingWhileTheModelThreadWaitsOnAMerge() throws Exception
    {
        refresher.start();
        for (int p = 0; p < 1_100; p++)
        {
            signals.onPopularity(Hashing.key("busy-" + p), PopularityKind.VIEW, 1.0, clock.millis());
        }
        final CountDownLatch release = new CountDownLatch(1);
        try
        {
            holdEveryPartitionThread(release);
            final CompletableFuture<Void> merge = CompletableFuture.runAsync(refresher::flushAndRefreshNow);
            await().atMost(Duration.ofSeconds(10)).until(refresher::mergeWaitsForWindow);

            // Ten times what the 64 KiB ring holds, in bursts it has room for, while the model thread cannot move.
            final long receivedBefore = signals.received();
            for (int burst = 0; burst < 16; burst++)
            {
                for (int s = 0; s < 1_000; s++)
                {
                    signals.onPopularity(Hashing.key("later-" + s), PopularityKind.VIEW, 1.0, clock.millis());
                }
                await().atMost(Duration.ofSeconds(10)).until(() -> signals.backlogBytes() == 0);
            }
            assertThat(signals.received() - receivedBefore).isEqualTo(16_000);
            assertThat(signals.dropped()).isZero();
            assertThat(merge).as("still held").isNotDone();

            release.countDown();
            merge.get(30, TimeUnit.SECONDS);
        }
        finally
        {
            release.countDown();
        }
        refresher.flushAndRefreshNow();
        assertThat(stats.get(Hashing.key("later-7")).views()).isEqualTo(16.0);
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    /**
     * Holds every partition thread of the member with an operation of another map until {@code release}: what a
     * merge sends queues behind it, as behind a storefront's writes.
     */
    private static void holdEveryPartitionThread(final CountDownLatch release)
    {
        final IMap<String, String> held = GRID.member().getMap("held-" + UUID.randomUUID());
        final Map<Integer, String> keyOfPartition = new HashMap<>();
        for (int i = 0; keyOfPartition.size() < GRID.member().getPartitionService().getPartitions().size(); i++)
        {
            final String key = "hold-" + i;
            keyOfPartition.putIfAbsent(GRID.member().getPartitionService().getPartition(key).getPartitionId(), key);
        }
        HoldingProcessor.release = release;
        for (final String key : keyOfPartition.values())
        {
            held.submitToKey(key, new HoldingProcessor());
        }
    }

    /** Holds its partition thread until the test releases it. */
    private static final class HoldingProcessor implements EntryProcessor<String, String, Object>
    {
        private static volatile CountDownLatch release;

        @Override
        public Object process(final Map.Entry<String, String> entry)
        {
            try
            {
                release.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return null;
        }
    }

    @Test
    void shouldRebuildAnUnchangedModelOnlyOnceItsPopularityIsDue()
    {
        refresher.start();
        final ItemModel first = models.current();

        refresher.flushAndRefreshNow();
        assertThat(models.current()).as("nothing changed, popularity not yet due").isSameAs(first);

        clock.advance(Duration.ofSeconds(5));
        refresher.flushAndRefreshNow();

        assertThat(models.current()).isNotSameAs(first);
        assertThat(models.current().version()).isGreaterThan(first.version());
        assertThat(models.current().builtAtMs()).isEqualTo(START.toEpochMilli() + 5_000);
    }

    @Test
    void shouldRebuildAtOnceWhenTheCatalogChanged()
    {
        refresher.start();
        final ItemModel first = models.current();

        catalog.put("run-3", new CatalogEntry(product("run-3"), 1));
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        {
            refresher.flushAndRefreshNow();
            assertThat(models.current().catalog().indexOf("run-3")).isNotNegative();
        });

        assertThat(models.current().version()).isGreaterThan(first.version());
        assertThat(models.current().builtAtMs()).isEqualTo(START.toEpochMilli());
    }

    @Test
    void shouldPatchALaunchAndAStockChangeInAtOnceWithoutAFullRebuild() throws Exception
    {
        refresher.start();
        final ItemModel first = models.current();
        final long rebuiltIn = refresher.lastRebuildNanos();
        final Product old = product("run-1");
        final Product soldOut = new Product(old.id(), old.title(), old.category(), old.brand(), old.price(),
            old.attributes(), false, old.launchedAtMs(), false, null);

        catalogMirror.applyWritten(Map.of("run-3", new CatalogEntry(product("run-3"), 1),
            "run-1", new CatalogEntry(soldOut, 2)));
        refresher.refreshSoon().get(5, TimeUnit.SECONDS);

        final ItemModel patched = models.current();
        assertThat(patched.catalog().indexOf("run-3")).as("appended").isEqualTo(first.catalog().size());
        assertThat(patched.catalog().inStock(patched.catalog().indexOf("run-1"))).isFalse();
        assertThat(patched.version()).isGreaterThan(first.version());
        assertThat(refresher.lastPatchNanos()).isPositive();
        assertThat(refresher.lastRebuildNanos()).as("no full rebuild ran").isEqualTo(rebuiltIn);
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    @Test
    void shouldLeaveARemovalToAFullRebuild() throws Exception
    {
        refresher.start();

        catalogMirror.entryRemoved(new EntryEvent<>("test", null, EntryEventType.REMOVED.getType(), "run-2",
            new CatalogEntry(product("run-2"), 1), null));
        refresher.refreshSoon().get(5, TimeUnit.SECONDS);

        assertThat(models.current().catalog().indexOf("run-2")).isEqualTo(CatalogSnapshot.MISSING);
        assertThat(models.current().catalog().indexOf("run-1")).isNotNegative();
        assertThat(refresher.lastPatchNanos()).as("no patch").isZero();
    }

    @Test
    void shouldSetImpressionsMergedByAnotherMemberIntoTheLiveModelWithoutARebuild()
    {
        refresher.start();
        final long rebuilt = refresher.rebuilds();
        final long key = Hashing.key("run-1");

        // another member's flush: impressions of run-1 and nothing else
        mergeFromAnotherMember(key, new ItemStats().addShown(3, clock.millis()));
        refresher.flushAndRefreshNow();

        final ItemModel patched = models.current();
        assertThat(patched.shownLately(patched.catalog().indexOf("run-1"))).isEqualTo(3f);
        assertThat(refresher.exposurePatches()).isEqualTo(1);
        assertThat(refresher.rebuilds()).as("no rebuild").isEqualTo(rebuilt);

        // a view too: popularity changed, so the model is rebuilt, and keeps the impressions
        mergeFromAnotherMember(key, new ItemStats().add(PopularityKind.VIEW, 1.0, clock.millis(),
            SETTINGS.popularityHalfLifeMs()).addShown(1, clock.millis()));
        refresher.flushAndRefreshNow();

        final ItemModel model = models.current();
        assertThat(refresher.rebuilds()).isEqualTo(rebuilt + 1);
        assertThat(refresher.exposurePatches()).isEqualTo(1);
        assertThat(model.shownLately(model.catalog().indexOf("run-1"))).isEqualTo(4f);
        assertThat(model.popularity(model.catalog().indexOf("run-1")))
            .isGreaterThan(model.popularity(model.catalog().indexOf("run-2")));
        assertThat(errors.counts().values()).allMatch(count -> count == 0);
    }

    /** Merges a delta as another member's flush does, and waits until this member's mirror heard of it. */
    private void mergeFromAnotherMember(final long key, final ItemStats delta)
    {
        stats.executeOnKey(key, new MergeItemStatsProcessor(Map.of(key, delta), SETTINGS.popularityHalfLifeMs(),
            SETTINGS.cooccurrenceHalfLifeMs()));
        await().atMost(Duration.ofSeconds(5)).until(() -> statsMirror.pending() == 1);
    }

    private static Product product(final String id)
    {
        return new Product(id, "Runner " + id, "apparel/shoes/running", "Swift", 80, Map.of(), true,
            START.toEpochMilli() - 86_400_000L * 100, false, null);
    }
}
