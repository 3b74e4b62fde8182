package io.tailor.server.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.GridSettings;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.server.api.FeedServer;
import io.tailor.server.config.InputLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;

import static org.assertj.core.api.Assertions.assertThat;

class FeedFetcherTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String HEADER = "id,title,price\n";

    private TailorGrid grid;
    private FeedServer feed;

    @BeforeEach
    void start()
    {
        grid = TailorGrid.startMember(GridSettings.loopback(GridFixtures.freePort(), null)
            .withClusterName("fetcher-" + UUID.randomUUID()), Clock.systemUTC());
        feed = FeedServer.start();
    }

    @AfterEach
    void stop()
    {
        feed.close();
        grid.close();
    }

    @Test
    void aBodyThatStallsIsCutOffAsBrokenOffAndRemovesNothing() throws Exception
    {
        final FeedFetcher fetcher = new FeedFetcher(grid, InputLimits.DEFAULT, Clock.systemUTC(),
            Duration.ofMillis(500));
        final String definition = "{\"url\":\"" + feed.url() + "\",\"format\":\"csv\",\"every\":\"1h\"}";
        feed.serve(HEADER + "mug-1,Mug,8.50 EUR\nmug-2,Cup,6.00 EUR\n");
        grid.feeds().put("shop", definition, 0).toCompletableFuture().join();
        final FeedRecord first = fetcher.fetch("shop", grid.feeds().read("shop"));
        assertThat(JSON.readTree(first.lastFetch()).path("result").asText()).isEqualTo("applied");

        // the second body sends its header and first line, then nothing: cut off, mug-2 is not taken as gone
        final String second = HEADER + "mug-1,Mug,8.50 EUR\n";
        final CountDownLatch gate = feed.stallAfter(second.length());
        feed.serve(second);
        final JsonNode last = JSON.readTree(fetcher.fetch("shop", grid.feeds().read("shop")).lastFetch());
        gate.countDown();

        // "failed" when the reader had not handed on the line before the cut (it reads ahead), else "partial"
        assertThat(last.path("result").asText()).isIn("partial", "failed");
        assertThat(last.path("error").asText()).contains("cut off");
        assertThat(last.path("removed").asInt()).isZero();
        assertThat(grid.catalog().get("mug-2").toCompletableFuture().join().removed()).isFalse();
        assertThat(grid.feeds().read("shop").productIds()).containsExactlyInAnyOrder("mug-1", "mug-2");
    }
}
