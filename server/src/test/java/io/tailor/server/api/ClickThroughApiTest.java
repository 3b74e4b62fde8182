package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * New arrivals learn from clicks (issue 20, item 3), through the API: click-through is counted per product and
 * placement (the placement of the list a click's {@code requestId} names, else of the newest list that showed the
 * product to that shopper; a shopper known by an {@code anonymousId} only clicks like any other), reaches the counts
 * the exploration slot draws from within a second of the event's acknowledgement, and a clicked new arrival climbs in
 * its placement's ranking while an ignored one does not.
 */
class ClickThroughApiTest
{
    @Test
    void shouldCountAClickOnANewArrivalInTheCountsRankingReadsWithinASecond()
    {
        try (ApiServer api = NewArrivalsApiTest.node(1_000))
        {
            NewArrivalsApiTest.popularCatalog(api);
            upload(api, "fresh-1");
            final JsonNode list = recommend(api, "clicker", "home");
            assertThat(products(list)).contains("fresh-1");

            assertThat(api.postJson("/v1/events", click("c-1", "clicker", "fresh-1", list.get("requestId").asText()))
                .status()).isEqualTo(200);

            // the model thread adds what the signal ring drained to the live model every refresh interval (0.25 s)
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(20)).until(() ->
                placementStats(api, "fresh-1", "home").get("clickedLastDay").asDouble() >= 0.99);
            assertThat(placementStats(api, "fresh-1", "product").get("clickedLastDay").asDouble()).isZero();
        }
    }

    @Test
    void shouldCountAClickForThePlacementItsListOrElseTheLastListShowingItToThatShopperHad()
    {
        try (ApiServer api = NewArrivalsApiTest.node(1_000))
        {
            NewArrivalsApiTest.popularCatalog(api);
            upload(api, "fresh-1");
            final JsonNode page = api.get("/v1/recommendations?user=reader&k=5&placement=product&product=old-2")
                .json();
            assertThat(products(page)).contains("fresh-1");
            api.postJson("/v1/events", click("p-1", "reader", "fresh-1", page.get("requestId").asText()));

            // a home list shows it to a shopper Tailor knows (lists shown to strangers are not kept), whose
            // storefront sends her click without the request id
            assertThat(api.postJson("/v1/events", "{\"id\":\"b-v\",\"type\":\"view\",\"user\":\"browser\"," +
                "\"product\":\"old-5\"}").status()).isEqualTo(200);
            assertThat(products(recommend(api, "browser", "home"))).contains("fresh-1");
            api.server().grid().profiles().impressions().flushNow();
            api.postJson("/v1/events", click("h-1", "browser", "fresh-1", null));
            // and a click from no list that showed it: the product's pooled count only
            api.postJson("/v1/events", click("n-1", "stranger", "fresh-1", null));
            // a shopper known by a cookie only clicks on a product page's list: a click like any other
            assertThat(api.postJson("/v1/events", "{\"id\":\"anon-1\",\"type\":\"click\",\"anonymousId\":" +
                "\"cookie-1\",\"product\":\"fresh-1\",\"requestId\":\"" + page.get("requestId").asText() + "\"}")
                .status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            {
                final JsonNode stats = api.get("/v1/products/fresh-1/stats").json();
                assertThat(stats.get("clickedLastDay").asDouble()).isCloseTo(4.0, within(0.01));
                assertThat(stats.get("placements").get("product").get("clickedLastDay").asDouble())
                    .isCloseTo(2.0, within(0.01));
                assertThat(stats.get("placements").get("home").get("clickedLastDay").asDouble())
                    .isCloseTo(1.0, within(0.01));
                assertThat(stats.get("placements").get("cart").get("clickedLastDay").asDouble()).isZero();
            });
        }
    }

    @Test
    void shouldLiftAClickedNewArrivalInItsPlacementsRankingWhileAnIgnoredOneStays()
    {
        // a floor of 2: both new arrivals leave the exploration slot after a few lists; the ranking then decides
        try (ApiServer api = NewArrivalsApiTest.node(2))
        {
            NewArrivalsApiTest.popularCatalog(api);
            upload(api, "fresh-a");
            upload(api, "fresh-b");
            String showedA = null;
            for (int i = 0; i < 12; i++)
            {
                final JsonNode list = recommend(api, "early-" + i, "home");
                if (showedA == null && products(list).contains("fresh-a"))
                {
                    showedA = list.get("requestId").asText();
                }
            }
            assertThat(showedA).as("the exploration slot showed fresh-a").isNotNull();
            await().atMost(Duration.ofSeconds(10)).until(() ->
                placementStats(api, "fresh-a", "home").get("shownLastDay").asDouble() >= 1.99 &&
                placementStats(api, "fresh-b", "home").get("shownLastDay").asDouble() >= 1.99);
            final List<String> before = ranking(api, "judge-before");

            for (int i = 0; i < 8; i++)
            {
                api.postJson("/v1/events", click("a-" + i, "early-" + i, "fresh-a", showedA));
            }
            await().atMost(Duration.ofSeconds(10)).until(() ->
                placementStats(api, "fresh-a", "home").get("clickedLastDay").asDouble() >= 7.9 &&
                api.get("/v1/products/fresh-a/stats").json().get("popularity").asDouble() > 0.9);
            final List<String> after = ranking(api, "judge-after");

            assertThat(position(after, "fresh-a")).as("clicked: climbs from " + before)
                .isLessThan(position(before, "fresh-a"));
            assertThat(position(after, "fresh-b")).as("ignored: does not climb, " + after)
                .isGreaterThanOrEqualTo(position(before, "fresh-b")).isGreaterThan(position(after, "fresh-a"));
        }
    }

    /** A product without a launch time: a new arrival from now. */
    private static void upload(final ApiServer api, final String id)
    {
        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"" + id + "\",\"category\":\"home/kitchen\",\"price\":10}").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(5)).until(() ->
            api.server().grid().models().current().catalog().indexOf(id) >= 0);
    }

    private static String click(final String id, final String user, final String product, final String requestId)
    {
        return "{\"id\":\"" + id + "\",\"type\":\"click\",\"user\":\"" + user + "\",\"product\":\"" + product + "\"" +
            (requestId == null ? "" : ",\"requestId\":\"" + requestId + "\"") + "}";
    }

    private static JsonNode recommend(final ApiServer api, final String user, final String placement)
    {
        return api.get("/v1/recommendations?user=" + user + "&k=5&placement=" + placement + "&explain=true").json();
    }

    /** A shopper who viewed one of the category's products: her home list of every product but that one. */
    private static List<String> ranking(final ApiServer api, final String user)
    {
        assertThat(api.postJson("/v1/events", "{\"id\":\"" + user + "-v\",\"type\":\"view\",\"user\":\"" + user +
            "\",\"product\":\"old-0\"}").status()).isEqualTo(200);
        return products(api.get("/v1/recommendations?user=" + user + "&k=21&placement=home").json());
    }

    private static int position(final List<String> ranking, final String product)
    {
        final int at = ranking.indexOf(product);
        return at < 0 ? Integer.MAX_VALUE : at;
    }

    private static JsonNode placementStats(final ApiServer api, final String product, final String placement)
    {
        return api.get("/v1/products/" + product + "/stats").json().get("placements").get(placement);
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }
}
