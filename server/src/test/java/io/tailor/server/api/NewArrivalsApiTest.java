package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * New products get their chance (issue 20): a product uploaded without a launch time is a new arrival, served in a
 * list's exploration slot until it had its daily exposure floor, counted across served lists, and never past the
 * frequency cap.
 */
class NewArrivalsApiTest
{
    @Test
    void shouldExploreANewProductUntilItHadItsFloorThenLeaveItToItsMerit()
    {
        try (ApiServer api = node(8))
        {
            popularCatalog(api);
            uploadFresh(api);

            final JsonNode first = recommend(api, "newbie-0");
            final JsonNode items = first.get("items");
            assertThat(items).hasSize(5);
            assertThat(items.get(4).get("product").asText()).isEqualTo("fresh-1");
            assertThat(items.get(4).get("reasons").findValuesAsText("code")).contains("new_arrival");

            // each served list counts; once the grid's count reaches the floor, the slot stops showing it
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                !products(recommend(api, "newbie-" + System.nanoTime())).contains("fresh-1"));
            assertThat(api.server().grid().models().current()
                .shownLately(api.server().grid().models().current().catalog().indexOf("fresh-1")))
                .isGreaterThanOrEqualTo(8f);
        }
    }

    @Test
    void shouldNeverShowAShopperAnExploredProductMoreOftenThanTheCap()
    {
        try (ApiServer api = node(1_000))
        {
            popularCatalog(api);
            api.postJson("/v1/events", "{\"id\":\"cap-v\",\"type\":\"view\",\"user\":\"cap-1\",\"product\":\"old-3\"," +
                "\"ts\":\"2026-11-20T10:00:00Z\"}");
            uploadFresh(api);

            int shown = 0;
            for (int n = 0; n < 12; n++)
            {
                if (products(recommend(api, "cap-1")).contains("fresh-1"))
                {
                    shown++;
                }
                // a list's impressions count within 0.2 s; have them now
                api.server().grid().profiles().impressions().flushNow();
            }
            assertThat(shown).as("the default cap: 3 a day").isEqualTo(3);
        }
    }

    /** A node with this exposure floor and the default ranking otherwise (also for {@code ClickThroughApiTest}). */
    static ApiServer node(final int exposureFloor)
    {
        return ApiServer.builder().ranking(RankingSettings.DEFAULT.withExploration(
            new ExplorationSettings(exposureFloor, Map.of()))).start();
    }

    /** Twenty old products, each viewed as much: all of them rank above a product nobody has seen. */
    static void popularCatalog(final ApiServer api)
    {
        final StringBuilder products = new StringBuilder("[");
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"old-").append(i)
                .append("\",\"category\":\"home/kitchen\",\"price\":10,\"launchedAt\":\"2025-01-01T00:00:00Z\"}");
            for (int v = 0; v < 3; v++)
            {
                views.append("{\"id\":\"w").append(i).append('-').append(v).append("\",\"type\":\"view\",\"user\":")
                    .append("\"viewer-").append(v).append("\",\"product\":\"old-").append(i).append("\"}\n");
            }
        }
        assertThat(api.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        assertThat(api.post("/v1/events", "application/x-ndjson", views.toString().getBytes(StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
            api.server().grid().models().current().popularity(
                api.server().grid().models().current().catalog().indexOf("old-19")) > 0.9f);
    }

    private static void uploadFresh(final ApiServer api)
    {
        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"fresh-1\",\"category\":\"home/kitchen\",\"price\":10}").status()).isEqualTo(200);
    }

    private static JsonNode recommend(final ApiServer api, final String user)
    {
        return api.get("/v1/recommendations?user=" + user + "&k=5&placement=home&explain=true").json();
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }
}
