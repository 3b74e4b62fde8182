package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A product's launch time defaults to when the catalog first saw it (issue 20, item 1), and stays so: across a full
 * restart of the cluster from its data directory, and across feed imports that send the product again without one.
 */
class DefaultLaunchTimeApiTest
{
    private static final Instant FIRST_SEEN = Instant.parse("2026-12-05T08:00:00Z");

    @TempDir
    Path dataDir;

    @Test
    void shouldKeepADefaultLaunchTimeAcrossARestartAndLaterUploads()
    {
        final MutableClock clock = new MutableClock(FIRST_SEEN);
        final String cluster = "launch-restart-" + UUID.randomUUID();
        final int memberPort = GridFixtures.freePort();
        try (ApiServer node = start(clock, cluster, memberPort))
        {
            assertThat(node.put("/v1/products", "application/json",
                "{\"id\":\"kettle\",\"category\":\"home/kitchen\",\"price\":30}").status()).isEqualTo(200);
            assertThat(node.get("/v1/products/kettle").json().get("launchedAt").asText())
                .isEqualTo(FIRST_SEEN.toString());
        }
        clock.advance(Duration.ofDays(2));
        try (ApiServer node = start(clock, cluster, memberPort))
        {
            assertThat(node.get("/v1/products/kettle").json().get("launchedAt").asText()).as("after the restart")
                .isEqualTo(FIRST_SEEN.toString());
            assertThat(node.put("/v1/products", "application/json",
                "{\"id\":\"kettle\",\"category\":\"home/kitchen\",\"price\":25}").status()).isEqualTo(200);
            assertThat(node.get("/v1/products/kettle").json().get("launchedAt").asText()).as("after an update")
                .isEqualTo(FIRST_SEEN.toString());
            await().atMost(Duration.ofSeconds(5)).until(() ->
                node.get("/v1/products/kettle").json().get("price").asDouble() == 25.0);
            final var model = node.server().grid().models().current();
            assertThat(model.catalog().launchedAt(model.catalog().indexOf("kettle"))).as("what ranking reads")
                .isEqualTo(FIRST_SEEN.toEpochMilli());
        }
    }

    @Test
    void shouldKeepAFeedProductsDefaultLaunchTimeAcrossARestartAndReimports()
    {
        final MutableClock clock = new MutableClock(FIRST_SEEN);
        final String cluster = "launch-feed-" + UUID.randomUUID();
        final int memberPort = GridFixtures.freePort();
        try (FeedServer feed = FeedServer.start())
        {
            feed.serve("id,title,price\nmug-1,Mug,8.50 EUR\n");
            try (ApiServer node = start(clock, cluster, memberPort))
            {
                assertThat(node.put("/v1/feeds/shop", "application/json", "{\"url\":\"" + feed.url() +
                    "\",\"format\":\"csv\",\"every\":\"15m\"}").status()).isEqualTo(201);
                awaitFetch(node, clock.instant());
                assertThat(node.get("/v1/products/mug-1").json().get("launchedAt").asText())
                    .isEqualTo(FIRST_SEEN.toString());
            }
            feed.serve("id,title,price\nmug-1,Mug,7.00 EUR\nmug-2,Cup,6.00 EUR\n");
            try (ApiServer node = start(clock, cluster, memberPort))
            {
                clock.advance(Duration.ofMinutes(15));
                awaitFetch(node, clock.instant());

                assertThat(node.get("/v1/products/mug-1").json().get("price").asDouble()).isEqualTo(7.0);
                assertThat(node.get("/v1/products/mug-1").json().get("launchedAt").asText())
                    .as("re-imported after a restart").isEqualTo(FIRST_SEEN.toString());
                assertThat(node.get("/v1/products/mug-2").json().get("launchedAt").asText()).as("new in this import")
                    .isEqualTo(clock.instant().toString());
            }
        }
    }

    private ApiServer start(final MutableClock clock, final String cluster, final int memberPort)
    {
        return ApiServer.builder().clock(clock).dataDir(dataDir)
            .cluster(cluster, memberPort, List.of("127.0.0.1:" + memberPort)).start();
    }

    private static void awaitFetch(final ApiServer node, final Instant at)
    {
        await().atMost(Duration.ofSeconds(20)).until(() -> at.toString().equals(
            node.get("/v1/feeds/shop").json().path("lastFetch").path("at").asText()));
    }
}
