package io.tailor.grid.catalog;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.TailorGrid;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProductIdsTest
{
    private static TailorGrid grid;

    @BeforeAll
    static void start() throws Exception
    {
        grid = GridFixtures.startLone();
        grid.catalog().upsert(GridFixtures.products(1)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(10)).until(() -> grid.models().current().catalog().indexOf("run-0") >= 0);
    }

    @AfterAll
    static void stop()
    {
        grid.close();
    }

    @Test
    void shouldRememberTheIdsOfProductsOutsideTheCatalogOnly()
    {
        grid.productIds().rememberUnknown(List.of(
            event(EventType.VIEW, "ghost-1", List.of()),
            event(EventType.PURCHASE, null, List.of(new LineItem("ghost-2", 1, 5.0), new LineItem("run-0", 1, 80))),
            event(EventType.VIEW, "book-0", List.of())));

        final long[] keys = {Hashing.key("ghost-1"), Hashing.key("ghost-2"), Hashing.key("run-0"),
            Hashing.key("book-0")};
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(grid.productIds().idsOf(keys).toCompletableFuture().get(5, TimeUnit.SECONDS))
                .isEqualTo(Map.of(Hashing.key("ghost-1"), "ghost-1", Hashing.key("ghost-2"), "ghost-2")));
    }

    @Test
    void shouldAnswerNothingForAKeyNeverRemembered() throws Exception
    {
        assertThat(grid.productIds().idsOf(new long[] {Hashing.key("never-named")}).toCompletableFuture()
            .get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void shouldBoundWhatEachMemberHolds()
    {
        assertThat(grid.hazelcast().getConfig().getMapConfig(ProductIds.MAP_NAME).getEvictionConfig().getSize())
            .isEqualTo(ProductIds.MAX_PER_MEMBER);
    }

    private static Event event(final EventType type, final String product, final List<LineItem> items)
    {
        return new Event(null, type, "u", null, product, items, Double.NaN, System.currentTimeMillis(), Channel.WEB,
            null, null);
    }
}
