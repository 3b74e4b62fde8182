package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * New arrivals matched by content (issue 20, item 2): a new product of a category nobody browsed and of a brand
 * nobody knows reaches, through the exploration slot, the shoppers whose browsing its content vector resembles
 * (its category path, attributes and price), and says so in {@code explain}; a new product unlike what a shopper
 * browses does not reach her by content.
 */
class ContentMatchedNewArrivalsApiTest
{
    /** A new arrival in a leaf category beside the runners', of a new brand, with their shoes' attributes. */
    private static final String JACKET = "fresh-trail-jacket";
    /** A new arrival below the kitchen category the crowd browses, unlike the runners' shoes. */
    private static final String TEAPOT = "fresh-teapot";
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        // a floor no test reaches: every new arrival stays owed impressions
        api = NewArrivalsApiTest.node(1_000_000);
        NewArrivalsApiTest.popularCatalog(api);
        final StringBuilder shoes = new StringBuilder("[");
        final StringBuilder views = new StringBuilder();
        final String[] brands = {"Swift", "Oak", "Quill", "Nimbus"};
        for (int i = 0; i < 12; i++)
        {
            shoes.append(i == 0 ? "" : ",").append(trail("trail-shoe-" + i, "sport/running/shoes",
                brands[i % brands.length], ",\"launchedAt\":\"2025-01-01T00:00:00Z\""));
            for (int v = 0; v < 5; v++)
            {
                views.append(view("crowd-" + v, "trail-shoe-" + i));
            }
        }
        assertThat(api.put("/v1/products", "application/json", shoes.append(']').toString()).status())
            .isEqualTo(200);
        assertThat(api.post("/v1/events", "application/x-ndjson", views.toString().getBytes(StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        // no launch time: new arrivals from now
        assertThat(api.put("/v1/products", "application/json", "[" +
            trail(JACKET, "sport/running/jackets", "Ridge", "") + ",{\"id\":\"" + TEAPOT + "\",\"category\":" +
            "\"home/kitchen/teapots\",\"brand\":\"Kettle\",\"price\":25,\"attributes\":{\"material\":\"ceramic\"}}]")
            .status()).isEqualTo(200);
        api.awaitProduct(TEAPOT);
        api.server().grid().flushModelNow();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldExploreForARunnerANewArrivalOfAnUnbrowsedCategoryAndBrandWhoseContentResemblesHerShoes()
    {
        for (int i = 0; i < 8; i++)
        {
            final String user = "runner-" + i;
            viewed(user, "trail-shoe-" + i, "trail-shoe-" + (i + 1), "trail-shoe-" + (i + 2));
            final JsonNode answer = api.get("/v1/recommendations?user=" + user + "&k=5&explain=true").json();

            assertThat(answer.get("strategy").asText()).isEqualTo("personalized");
            assertThat(products(answer)).as(user + "'s list").doesNotContain(TEAPOT);
            final JsonNode slot = explored(answer);
            assertThat(slot).as(user + "'s exploration slot").isNotNull();
            assertThat(slot.get("product").asText()).isEqualTo(JACKET);
            final JsonNode reason = newArrivalReason(slot);
            assertThat(reason.get("match").asText()).isEqualTo("content");
            assertThat(reason.get("text").asText()).contains("like it");
        }
    }

    @Test
    void shouldExploreForAKitchenShopperTheNewArrivalOfHerCategoryAndNotTheRunnersJacket()
    {
        for (int i = 0; i < 8; i++)
        {
            final String user = "cook-" + i;
            viewed(user, "old-" + i, "old-" + (i + 1), "old-" + (i + 2));
            final JsonNode answer = api.get("/v1/recommendations?user=" + user + "&k=5&explain=true").json();

            assertThat(products(answer)).as(user + "'s list").doesNotContain(JACKET);
            final JsonNode slot = explored(answer);
            assertThat(slot).as(user + "'s exploration slot").isNotNull();
            assertThat(slot.get("product").asText()).isEqualTo(TEAPOT);
            assertThat(newArrivalReason(slot).get("match").asText()).isEqualTo("category");
        }
    }

    private static String trail(final String id, final String category, final String brand, final String launch)
    {
        return "{\"id\":\"" + id + "\",\"category\":\"" + category + "\",\"brand\":\"" + brand + "\",\"price\":120," +
            "\"attributes\":{\"activity\":\"trail\",\"terrain\":\"mountain\",\"season\":\"winter\"," +
            "\"waterproof\":\"yes\"}" + launch + "}";
    }

    private static String view(final String user, final String product)
    {
        return "{\"type\":\"view\",\"user\":\"" + user + "\",\"product\":\"" + product + "\"}\n";
    }

    private static void viewed(final String user, final String... products)
    {
        for (final String product : products)
        {
            assertThat(api.postJson("/v1/events", view(user, product).trim()).status()).isEqualTo(200);
        }
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }

    /**
     * The item in the list's exploration slot: its {@code new_arrival} reason contributes nothing to the score (a new
     * arrival ranked on its merit says {@code new_arrival} for its freshness, which contributes), or {@code null}.
     */
    private static JsonNode explored(final JsonNode answer)
    {
        for (final JsonNode item : answer.get("items"))
        {
            final JsonNode reason = newArrivalReason(item);
            if (reason != null && reason.get("contribution").asDouble() == 0.0)
            {
                return item;
            }
        }
        return null;
    }

    private static JsonNode newArrivalReason(final JsonNode item)
    {
        for (final JsonNode reason : item.get("reasons"))
        {
            if ("new_arrival".equals(reason.get("code").asText()))
            {
                return reason;
            }
        }
        return null;
    }
}
