package io.tailor.grid;

import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.experiment.PutExperimentProcessor;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A member with a data directory: what it acknowledged comes back after a restart, erasures stay.
 */
class PersistenceTest
{
    @TempDir
    Path dataDir;

    @Test
    void shouldBringProfilesCatalogAndStatsBackAfterARestart() throws Exception
    {
        final GridSettings settings = settings();
        final byte[] before;
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            grid.catalog().upsert(GridFixtures.products(3)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.profiles().apply(ProfileKeys.user("ann"), List.of(view("a1", "run-1"), view("a2", "book-2")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.flushModelNow();
            before = grid.profiles().read(ProfileKeys.user("ann")).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            final byte[] after = grid.profiles().read(ProfileKeys.user("ann")).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            assertThat(after).isEqualTo(before);
            assertThat(grid.catalog().get("book-2").toCompletableFuture().get(10, TimeUnit.SECONDS).product().title())
                .isEqualTo("Book 2");
            assertThat(grid.models().current().catalog().size()).isEqualTo(6);
            assertThat(grid.hazelcast().getMap(ModelRefresher.ITEM_STATS_MAP).get(Hashing.key("run-1"))).isNotNull();
            assertThat(grid.ready()).isTrue();
        }
    }

    @Test
    void shouldKeepAnErasedShopperErasedAcrossRestartsAndVersionANewProfileAboveTheTombstone() throws Exception
    {
        final GridSettings settings = settings();
        final String key = ProfileKeys.user("eve");
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            grid.profiles().apply(key, List.of(view("e1", "run-1"), view("e2", "run-2"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            final long tombstone = grid.profiles().erase(key, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            assertThat(tombstone).isEqualTo(3);
            assertThat(grid.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
            await().atMost(Duration.ofSeconds(10)).until(() -> grid.profiles().local(key) == ProfileStore.NO_PROFILE);
            assertThat(grid.profiles().erase(key, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS)).as("nothing left to erase").isZero();
        }
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            assertThat(grid.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
            grid.profiles().apply(key, List.of(view("e3", "book-1"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            final byte[] fresh = grid.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ProfileCodec.version(fresh)).as("newer than the tombstone").isEqualTo(4);
        }
    }

    @Test
    void shouldIgnoreAnOlderCopyFoundInADataFile() throws Exception
    {
        final GridSettings settings = settings();
        final String key = ProfileKeys.user("old");
        final byte[] stale;
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            grid.profiles().apply(key, List.of(view("o1", "run-1"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            stale = grid.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.profiles().apply(key, List.of(view("o2", "run-2"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
            // A former owner's file can hold an older copy: the grid must keep the newer one.
            final var merged = grid.hazelcast().<Object, Object>getMap("profiles").executeOnKey(key,
                new io.tailor.grid.recovery.MergeIfNewerProcessor(Map.of(key, stale)));
            assertThat(merged).isEqualTo(Boolean.FALSE);
            assertThat(ProfileCodec.version(grid.profiles().read(key).toCompletableFuture()
                .get(10, TimeUnit.SECONDS))).isEqualTo(2);
        }
    }

    @Test
    void shouldRemoveAProductForGoodAcrossARestart() throws Exception
    {
        final GridSettings settings = settings();
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            grid.catalog().upsert(List.of(new Product("gone", "Gone", "a/b", "", 1, Map.of(), true, 0L, false, null),
                new Product("kept", "Kept", "a/b", "", 1, Map.of(), true, 0L, false, null)))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(grid.catalog().remove("gone").toCompletableFuture().get(10, TimeUnit.SECONDS)).isNotNull();
            assertThat(grid.catalog().remove("gone").toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
        }
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            assertThat(grid.catalog().get("gone").toCompletableFuture().get(10, TimeUnit.SECONDS).removed()).isTrue();
            await().atMost(Duration.ofSeconds(5)).until(() -> grid.models().current().catalog().indexOf("kept") >= 0);
            assertThat(grid.models().current().catalog().indexOf("gone")).isNegative();
        }
    }

    @Test
    void shouldBringLinksAndSegmentsBackAfterARestartAndKeepAnErasedCustomersIdsErased() throws Exception
    {
        final GridSettings settings = settings();
        final String kept = ProfileKeys.user("kim");
        final String keptCookie = ProfileKeys.anonymous("kim-phone");
        final String erased = ProfileKeys.user("eli");
        final String erasedCookie = ProfileKeys.anonymous("eli-phone");
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            grid.profiles().apply(keptCookie, List.of(view("k1", "run-1"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.customers().link(keptCookie, kept, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.profiles().apply(erasedCookie, List.of(view("e1", "run-2"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.customers().link(erasedCookie, erased, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.segments().put("vip", "{\"rule\":{}}", System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.segments().put("gone", "{\"rule\":{}}", System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.segments().delete("gone", System.currentTimeMillis()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.experiments().change("home-test", PutExperimentProcessor.Action.PUT, "{\"placement\":\"home\"}",
                System.currentTimeMillis()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.experiments().change("home-test", PutExperimentProcessor.Action.STOP, null,
                System.currentTimeMillis()).toCompletableFuture().get(10, TimeUnit.SECONDS);
            grid.customers().eraseCustomer(erased, System.currentTimeMillis());
        }
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            assertThat(grid.customers().linksOf(kept)).extracting(Map.Entry::getKey).containsExactly(keptCookie);
            assertThat(grid.profiles().read(keptCookie).toCompletableFuture().get(10, TimeUnit.SECONDS))
                .as("the link still leads to the customer").isNotNull();
            assertThat(grid.customers().linksOf(erased)).isEmpty();
            assertThat(grid.profiles().read(erasedCookie).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
            assertThat(grid.profiles().read(erased).toCompletableFuture().get(10, TimeUnit.SECONDS)).isNull();
            assertThat(grid.segments().get("vip").toCompletableFuture().get(10, TimeUnit.SECONDS).json())
                .isEqualTo("{\"rule\":{}}");
            assertThat(grid.segments().get("gone").toCompletableFuture().get(10, TimeUnit.SECONDS).deleted()).isTrue();
            final ExperimentDefinition experiment = grid.experiments().get("home-test").toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            assertThat(experiment.json()).isEqualTo("{\"placement\":\"home\"}");
            assertThat(experiment.stopped()).as("stopped before the restart").isTrue();
        }
    }

    @Test
    void shouldBringPromotionsAndWhatTheyDeliveredBackAfterARestart() throws Exception
    {
        final GridSettings settings = settings();
        final String json = "{\"products\":[\"run-1\"],\"target\":10}";
        final long createdAtMs;
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            createdAtMs = grid.promotions().put("winter", json, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS).createdAtMs();
            grid.promotions().put("gone", json, System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            grid.promotions().delete("gone", System.currentTimeMillis()).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            for (int i = 0; i < 2; i++)
            {
                grid.experimentCounts().merge(PromotionStore.countsKey("winter", createdAtMs), new ArmCounts(0,
                    new long[] {21, 0, 0, 0}, 0.0, null, null)).toCompletableFuture().get(10, TimeUnit.SECONDS);
            }
        }
        try (TailorGrid grid = TailorGrid.startMember(settings, Clock.systemUTC()))
        {
            final PromotionDefinition winter = grid.promotions().get("winter").toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            assertThat(winter.json()).isEqualTo(json);
            assertThat(winter.createdAtMs()).isEqualTo(createdAtMs);
            assertThat(grid.promotions().get("gone").toCompletableFuture().get(10, TimeUnit.SECONDS).deleted())
                .isTrue();
            final String key = PromotionStore.countsKey("winter", createdAtMs);
            assertThat(grid.experimentCounts().getAll(java.util.Set.of(key)).get(key).count(ArmCounts.LISTS))
                .isEqualTo(42);
        }
    }

    private GridSettings settings()
    {
        return GridSettings.loopback(GridFixtures.freePort(), dataDir).withClusterName("persist-" + UUID.randomUUID());
    }

    private static Event view(final String id, final String product)
    {
        return new Event(id, EventType.VIEW, "u", null, product, List.of(), Double.NaN, System.currentTimeMillis(),
            Channel.WEB, null, null);
    }
}
