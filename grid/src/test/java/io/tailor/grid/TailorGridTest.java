package io.tailor.grid;

import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static io.tailor.grid.ProcessorFixtures.bits;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TailorGridTest
{
    private static TailorGrid grid;

    @BeforeAll
    static void start() throws Exception
    {
        grid = GridFixtures.startLone();
        grid.catalog().upsert(GridFixtures.products(5)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.models().current().catalog().size() == 10);
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldBeReadyOnceStartedAndModelLoaded()
    {
        assertThat(grid.ready()).isTrue();
        assertThat(grid.models().current().catalog().size()).isEqualTo(10);
    }

    @Test
    void shouldApplyEventsOnTheOwnerAndServeTheNewProfileLocally() throws Exception
    {
        final String key = ProfileKeys.user("alice");
        final ProfileStore.Applied result = grid.profiles().apply(key, List.of(view("a1", "alice", "run-1"),
            view("a2", "alice", "run-2"))).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(result).isEqualTo(new ProfileStore.Applied(2, 0, bits(0, 1)));
        final byte[] local = grid.profiles().local(key);
        assertThat(local).isNotNull();
        final Profile profile = ProfileCodec.decode(local, new Profile(64));
        assertThat(profile.recentCount()).isEqualTo(2);
        assertThat(profile.categoryKey(0)).isEqualTo(Hashing.key("apparel/shoes/running"));
    }

    @Test
    void shouldCountResentEventsAsDuplicates() throws Exception
    {
        final String key = ProfileKeys.user("bob");
        grid.profiles().apply(key, List.of(view("b1", "bob", "run-1"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        final ProfileStore.Applied again = grid.profiles().apply(key, List.of(view("b1", "bob", "run-1"),
            view("b2", "bob", "book-1"))).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(again).as("the resent event is not credited again").isEqualTo(new ProfileStore.Applied(1, 1,
            bits(1)));
        assertThat(ProfileCodec.version(grid.profiles().local(key))).isEqualTo(2);
    }

    @Test
    void shouldReadAProfileThroughTheGridAndRefillTheReplica() throws Exception
    {
        final String key = ProfileKeys.anonymous("cookie-7");
        grid.profiles().apply(key, List.of(view("c1", null, "book-2"))).toCompletableFuture().get(10, TimeUnit.SECONDS);

        final byte[] read = grid.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(read).isEqualTo(grid.profiles().local(key));
        assertThat(grid.profiles().read(ProfileKeys.user("nobody")).toCompletableFuture().get(10, TimeUnit.SECONDS))
            .isNull();
    }

    @Test
    void shouldFeedPopularityIntoTheLocalModel() throws Exception
    {
        for (int i = 0; i < 5; i++)
        {
            grid.profiles().apply(ProfileKeys.user("p" + i), List.of(view("pv" + i, "p" + i, "book-4")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        grid.flushModelNow();
        await().atMost(Duration.ofSeconds(5)).until(() -> grid.models().current().popularity(
            grid.models().current().catalog().indexOf("book-4")) == 1f);

        final ItemModel model = grid.models().current();
        assertThat(model.catalog().product(model.globalTop()[0]).id()).isEqualTo("book-4");
        assertThat(model.popularity(model.catalog().indexOf("book-4"))).isEqualTo(1f);
    }

    @Test
    void shouldLearnWhatIsViewedTogetherFromTheEventStream() throws Exception
    {
        for (int i = 0; i < 4; i++)
        {
            final String user = "pair" + i;
            grid.profiles().apply(ProfileKeys.user(user), List.of(view("pa" + i, user, "run-3"),
                view("pb" + i, user, "book-3"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        grid.flushModelNow();

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        {
            final ItemModel model = grid.models().current();
            final int[] neighbors = model.neighbors(model.catalog().indexOf("run-3"));
            assertThat(neighbors).isNotEmpty();
            assertThat(model.catalog().product(neighbors[0]).id()).isEqualTo("book-3");
        });
    }

    @Test
    void shouldMirrorCatalogChangesIntoTheSnapshot() throws Exception
    {
        final var product = GridFixtures.products(1).get(0);
        final var renamed = new io.tailor.scoring.catalog.Product("new-1", "New", "garden/tools", "Oak", 10,
            java.util.Map.of(), true, System.currentTimeMillis(), false, null);
        grid.catalog().upsert(List.of(renamed)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5))
            .until(() -> grid.models().current().catalog().indexOf("new-1") >= 0);

        grid.catalog().remove("new-1").toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(5))
            .until(() -> grid.models().current().catalog().indexOf("new-1") < 0);
        assertThat(grid.models().current().catalog().indexOf(product.id())).isNotNegative();
    }

    private static Event view(final String id, final String user, final String product)
    {
        return new Event(id, EventType.VIEW, user, user == null ? "anon" : null, product, List.of(), Double.NaN,
            System.currentTimeMillis(), Channel.WEB, null, null);
    }
}
