package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.MutableClock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedsRestartApiTest
{
    @TempDir
    Path dataDir;

    @Test
    void aFeedAndTheIdsOfItsLastFetchSurviveAFullRestart()
    {
        final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
        final String cluster = "feeds-restart-" + java.util.UUID.randomUUID();
        final int memberPort = GridFixtures.freePort();
        try (FeedServer feed = FeedServer.start())
        {
            feed.serve("id,title,price\nmug-1,Mug,8.50 EUR\nmug-2,Cup,6.00 EUR\n");
            try (ApiServer node = start(clock, cluster, memberPort))
            {
                assertThat(node.put("/v1/feeds/shop", "application/json", "{\"url\":\"" + feed.url() +
                    "\",\"format\":\"csv\",\"every\":\"15m\"}").status()).isEqualTo(201);
                awaitFetch(node, clock.instant());
            }
            feed.serve("id,title,price\nmug-1,Mug,8.50 EUR\n");
            try (ApiServer node = start(clock, cluster, memberPort))
            {
                assertThat(node.get("/v1/feeds/shop").json().path("lastFetch").path("added").asInt()).isEqualTo(2);
                clock.advance(Duration.ofMinutes(15));
                awaitFetch(node, clock.instant());

                assertThat(node.get("/v1/feeds/shop").json().path("lastFetch").path("removed").asInt()).isEqualTo(1);
                assertThat(node.get("/v1/products/mug-2").status()).isEqualTo(404);
                assertThat(node.get("/v1/products/mug-1").status()).isEqualTo(200);
            }
        }
    }

    private ApiServer start(final MutableClock clock, final String cluster, final int memberPort)
    {
        return ApiServer.builder().clock(clock).dataDir(dataDir)
            .cluster(cluster, memberPort, java.util.List.of("127.0.0.1:" + memberPort)).start();
    }

    private static void awaitFetch(final ApiServer node, final Instant at)
    {
        await().atMost(Duration.ofSeconds(20)).until(() -> at.toString().equals(
            node.get("/v1/feeds/shop").json().path("lastFetch").path("at").asText()));
    }
}
