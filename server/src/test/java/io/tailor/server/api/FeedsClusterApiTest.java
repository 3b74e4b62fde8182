package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import io.tailor.grid.MutableClock;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedsClusterApiTest
{
    private static final int FEEDS = 6;

    @Test
    void eachFeedIsFetchedByOneNodeAndTheOtherTakesOverWhenItLeaves()
    {
        final String cluster = "feeds-" + UUID.randomUUID();
        final int firstPort = GridFixtures.freePort();
        final int secondPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        final MutableClock shared = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
        try (FeedServer feed = FeedServer.start();
             ApiServer second = ApiServer.builder().clock(shared).cluster(cluster, secondPort, members).start())
        {
            feed.serve("id,title,price\nmug-1,Mug,8.50 EUR\n");
            try (ApiServer first = ApiServer.builder().clock(shared).cluster(cluster, firstPort, members).start())
            {
                await().atMost(Duration.ofSeconds(30)).until(() -> first.server().grid().stats().members() == 2 &&
                    second.server().grid().stats().members() == 2);
                for (int i = 0; i < FEEDS; i++)
                {
                    assertThat(first.put("/v1/feeds/shop-" + i, "application/json", "{\"url\":\"" + feed.url() +
                        "\",\"format\":\"csv\",\"every\":\"15m\"}").status()).isEqualTo(201);
                }
                awaitFetched(second, shared.instant());
                // both nodes look for due feeds again: nothing is due, nobody fetches twice
                first.server().feeds().runDue().join();
                second.server().feeds().runDue().join();
                assertThat(feed.requests()).isEqualTo(FEEDS);

                shared.advance(Duration.ofMinutes(15));
                awaitFetched(first, shared.instant());
                first.server().feeds().runDue().join();
                second.server().feeds().runDue().join();
                assertThat(feed.requests()).isEqualTo(2 * FEEDS);
            }
            // the first node left, with any claim it held: the second fetches every feed
            await().atMost(Duration.ofSeconds(30)).until(() -> second.server().grid().stats().members() == 1);
            shared.advance(Duration.ofMinutes(15));
            awaitFetched(second, shared.instant());
            assertThat(feed.requests()).isEqualTo(3 * FEEDS);
            assertThat(second.get("/v1/feeds/shop-0").json().path("lastFetch").path("result").asText())
                .isEqualTo("not-modified");
        }
    }

    private static void awaitFetched(final ApiServer node, final Instant at)
    {
        await().atMost(Duration.ofSeconds(30)).until(() ->
        {
            int fetched = 0;
            for (int i = 0; i < FEEDS; i++)
            {
                if (at.toString().equals(node.get("/v1/feeds/shop-" + i).json().path("lastFetch").path("at").asText()))
                {
                    fetched++;
                }
            }
            return fetched == FEEDS;
        });
    }
}
