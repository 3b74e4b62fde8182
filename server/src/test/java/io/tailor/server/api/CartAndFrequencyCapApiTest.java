package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Lists that depend on what shoppers did and were shown: the cart placement and the bought-together list
 * (co-purchases), and the frequency cap (served impressions). Its own node, as these change popularity.
 */
class CartAndFrequencyCapApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 20; i++)
        {
            products.append(i == 0 ? "" : ",")
                .append("{\"id\":\"run-").append(i).append("\",\"category\":\"apparel/shoes/running\",\"price\":90},")
                .append("{\"id\":\"pan-").append(i).append("\",\"category\":\"home/kitchen/cookware\",\"price\":40}");
        }
        products.append("]");
        assertThat(api.put("/v1/products", "application/json", products.toString()).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldRecommendWhatIsBoughtWithTheCartFromAPostedCartAndLeaveOutTheCartAndExclusions()
    {
        buyTogether("cartfan", "run-11", "pan-12", 6);
        buyTogether("cartfan2", "run-11", "pan-13", 3);
        api.server().grid().flushModelNow();

        final ApiServer.Answer answer = api.postJson("/v1/recommendations",
            "{\"user\":\"cart-shopper\",\"placement\":\"cart\",\"cart\":[\"run-11\"],\"exclude\":[\"pan-13\"]," +
                "\"k\":5,\"explain\":true}");

        assertThat(answer.status()).isEqualTo(200);
        final JsonNode json = answer.json();
        assertThat(json.get("placement").asText()).isEqualTo("cart");
        assertThat(products(json)).startsWith("pan-12").doesNotContain("run-11", "pan-13");
        assertThat(json.get("items").get(0).get("reasons").get(0).get("code").asText()).isEqualTo("bought_together");
        assertThat(json.get("rules")).anySatisfy(rule ->
        {
            assertThat(rule.get("rule").asText()).isEqualTo("request");
            assertThat(rule.get("excluded").asInt()).isPositive();
        });
        assertThat(json.get("candidates").asInt()).as("products scored for the list").isGreaterThanOrEqualTo(
            json.get("items").size());
    }

    @Test
    void shouldListWhatIsBoughtTogetherWithAProductWithItsLift()
    {
        buyTogether("pair", "run-15", "pan-16", 5);
        buyTogether("other", "run-17", "pan-18", 5);
        api.server().grid().flushModelNow();

        final ApiServer.Answer answer = api.get("/v1/products/run-15/bought-together?k=3");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("product").asText()).isEqualTo("run-15");
        final JsonNode first = answer.json().get("items").get(0);
        assertThat(first.get("product").asText()).isEqualTo("pan-16");
        assertThat(first.get("lift").asDouble()).isGreaterThan(1.0);
        assertThat(first.get("score").asDouble()).isPositive();
        assertThat(products(answer.json())).doesNotContain("run-15", "pan-18");
        assertThat(api.get("/v1/products/pan-3/bought-together").json().get("items")).isEmpty();
    }

    @Test
    void shouldStopShowingAnItemOnceItWasServedAsOftenAsTheFrequencyCapAllows()
    {
        api.postJson("/v1/events", "{\"id\":\"fc-1\",\"type\":\"view\",\"user\":\"capped\",\"product\":\"run-2\"}");
        final List<String> first = products(api.get("/v1/recommendations?user=capped&k=3").json());
        assertThat(first).hasSize(3);

        // Served twice more (the default cap is 3 a day); the probes below do not count themselves.
        api.get("/v1/recommendations?user=capped&k=3");
        api.get("/v1/recommendations?user=capped&k=3");

        Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        {
            final JsonNode probe = api.get("/v1/recommendations?user=capped&k=3&explain=true&recordImpressions=false")
                .json();
            assertThat(products(probe)).doesNotContainAnyElementsOf(first);
            assertThat(probe.get("rules")).anySatisfy(rule ->
                assertThat(rule.get("rule").asText()).isEqualTo("frequency_cap"));
        });
    }

    @Test
    void shouldCapAProductAtItsThirdShowingNotBefore()
    {
        api.postJson("/v1/events", "{\"id\":\"fx-1\",\"type\":\"view\",\"user\":\"exact\",\"product\":\"run-4\"}");
        // After each list the cap must hold exactly: nothing capped while no product was shown three times, then the
        // product that was.
        final List<String> capped = serveUntilCapped("exact", 1, (shown, nowCapped) ->
        {
            api.server().grid().profiles().impressions().flushNow();
            if (nowCapped.isEmpty())
            {
                assertThat(rules(api.get("/v1/recommendations?user=exact&k=3&explain=true&recordImpressions=false")
                    .json())).as("nothing shown three times yet: %s", shown).doesNotContain("frequency_cap");
            }
        });
        final JsonNode probe = api.get("/v1/recommendations?user=exact&k=3&explain=true&recordImpressions=false")
            .json();
        assertThat(rules(probe)).contains("frequency_cap");
        assertThat(products(probe)).doesNotContainAnyElementsOf(capped);
    }

    @Test
    void shouldCountACappedProductAfreshOnceTheShopperWentBackToItAndKeepCappingTheIgnoredOnes()
    {
        api.postJson("/v1/events", "{\"id\":\"gb-1\",\"type\":\"view\",\"user\":\"back\",\"product\":\"run-5\"}");
        // Two products shown three times: one the shopper goes back to, one that stays capped.
        final List<String> capped = serveUntilCapped("back", 2, CartAndFrequencyCapApiTest::noCheck);
        final String wentBack = capped.get(0);

        // The shopper goes to the product's page after the lists (a later second): its count restarts.
        api.postJson("/v1/events", "{\"id\":\"gb-2\",\"type\":\"view\",\"user\":\"back\",\"product\":\"" +
            wentBack + "\",\"ts\":\"" + Instant.now().plusSeconds(2) + "\"}");
        api.server().grid().profiles().impressions().flushNow();

        final String page = "/v1/recommendations?user=back&k=10&placement=product&product=run-5";
        assertThat(products(api.get(page).json())).as("shown a fourth time").contains(wentBack);
        api.server().grid().profiles().impressions().flushNow();

        // Counted from the return on: one impression, not four.
        final JsonNode probe = api.get(page + "&explain=true&recordImpressions=false").json();
        assertThat(products(probe)).contains(wentBack)
            .doesNotContainAnyElementsOf(capped.subList(1, capped.size()));
        assertThat(rules(probe)).contains("frequency_cap");
    }

    @Test
    void shouldNotCountAServedListTwiceWhenTheStorefrontReportsItAsSeen()
    {
        api.postJson("/v1/events", "{\"id\":\"tw-1\",\"type\":\"view\",\"user\":\"twice\",\"product\":\"run-8\"}");
        final JsonNode first = api.get("/v1/recommendations?user=twice&k=3").json();
        final JsonNode second = api.get("/v1/recommendations?user=twice&k=3").json();
        api.server().grid().profiles().impressions().flushNow();

        // What tailor.js sends once each list is half visible for a second: an impression per item, with the id.
        reportSeen("tw-seen", first, second);

        final JsonNode probe = api.get("/v1/recommendations?user=twice&k=3&explain=true&recordImpressions=false")
            .json();
        assertThat(rules(probe)).as("each product shown twice, not four times").doesNotContain("frequency_cap");
    }

    @Test
    void shouldCountAnImpressionEventForAListTheNodeDidNotRecord()
    {
        api.postJson("/v1/events", "{\"id\":\"nr-1\",\"type\":\"view\",\"user\":\"unrecorded\",\"product\":\"run-9\"}");
        final JsonNode[] lists = new JsonNode[3];
        for (int i = 0; i < lists.length; i++)
        {
            lists[i] = api.get("/v1/recommendations?user=unrecorded&k=3&recordImpressions=false").json();
        }

        reportSeen("nr-seen", lists);

        final JsonNode probe = api.get("/v1/recommendations?user=unrecorded&k=3&explain=true&recordImpressions=false")
            .json();
        assertThat(rules(probe)).as("shown three times, counted from the events alone").contains("frequency_cap");
    }

    /** Posts an {@code impression} event for every item of each list, carrying the list's {@code requestId}. */
    private static void reportSeen(final String idPrefix, final JsonNode... lists)
    {
        final StringBuilder events = new StringBuilder();
        int n = 0;
        for (final JsonNode list : lists)
        {
            final String user = list.path("user").asText(null);
            for (final String product : products(list))
            {
                events.append("{\"id\":\"").append(idPrefix).append(n++).append("\",\"type\":\"impression\",")
                    .append("\"user\":\"").append(user).append("\",\"product\":\"").append(product)
                    .append("\",\"requestId\":\"").append(list.get("requestId").asText()).append("\"}\n");
            }
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", events.toString().getBytes()).status())
            .isEqualTo(200);
    }

    /**
     * Serves the shopper lists of three, at most nine, until {@code wanted} products were shown three times each.
     * A list may differ from the one before (a model refresh of the class's other events, exposure feeding the
     * new-arrival slot), so every showing is counted rather than products assumed in every list.
     *
     * @param user          the shopper
     * @param wanted        how many products must be capped
     * @param afterEachList called after each list with the showings so far and the products shown three times
     * @return the products shown three times, in the order they were first shown
     */
    private static List<String> serveUntilCapped(final String user, final int wanted,
        final BiConsumer<Map<String, Integer>, List<String>> afterEachList)
    {
        final Map<String, Integer> shown = new LinkedHashMap<>();
        List<String> capped = List.of();
        for (int served = 1; served <= 9 && capped.size() < wanted; served++)
        {
            for (final String product : products(api.get("/v1/recommendations?user=" + user + "&k=3").json()))
            {
                shown.merge(product, 1, Integer::sum);
            }
            capped = shown.entrySet().stream().filter(times -> times.getValue() >= 3).map(Map.Entry::getKey)
                .toList();
            afterEachList.accept(shown, capped);
        }
        assertThat(capped).as("%d products shown three times in nine lists: %s", wanted, shown)
            .hasSizeGreaterThanOrEqualTo(wanted);
        return capped;
    }

    /** Nothing to check after a list. */
    private static void noCheck(final Map<String, Integer> shown, final List<String> capped)
    {
    }

    private static List<String> rules(final JsonNode json)
    {
        final List<String> names = new ArrayList<>();
        json.get("rules").forEach(rule -> names.add(rule.get("rule").asText()));
        return names;
    }

    @Test
    void shouldCountListsServedToALinkedIdOnTheCustomer()
    {
        api.postJson("/v1/events", "{\"id\":\"lk-1\",\"type\":\"view\",\"user\":\"linked\",\"product\":\"run-6\"}");
        assertThat(api.postJson("/v1/identities", "{\"anonymousId\":\"linked-cookie\",\"user\":\"linked\"}")
            .status()).isEqualTo(200);
        // Shown three times (the default cap) are the products of all three lists: a list's exploration slot may
        // hold another new arrival each time, and a product shown fewer times is not capped.
        final List<String> everyTime = products(api.get("/v1/recommendations?anonymousId=linked-cookie&k=3").json());
        everyTime.retainAll(products(api.get("/v1/recommendations?anonymousId=linked-cookie&k=3").json()));
        everyTime.retainAll(products(api.get("/v1/recommendations?anonymousId=linked-cookie&k=3").json()));
        api.server().grid().profiles().impressions().flushNow();

        assertThat(everyTime).as("the same products were shown each time").isNotEmpty();
        assertThat(products(api.get("/v1/recommendations?user=linked&k=3&recordImpressions=false").json()))
            .as("the customer's cap counts what the linked cookie was shown").doesNotContainAnyElementsOf(everyTime);
        assertThat(api.server().grid().profiles().impressions().local("a:linked-cookie"))
            .as("nothing kept under the cookie").isSameAs(io.tailor.grid.profile.ProfileStore.NO_PROFILE);
    }

    @Test
    void shouldKeepNoImpressionsForAShopperWhoObjectedOrWasErased()
    {
        api.postJson("/v1/events", "{\"id\":\"ob-1\",\"type\":\"view\",\"user\":\"objector\",\"product\":\"run-8\"}");
        api.postJson("/v1/events", "{\"id\":\"er-1\",\"type\":\"view\",\"user\":\"erased\",\"product\":\"run-8\"}");
        api.get("/v1/recommendations?user=objector&k=3");
        api.get("/v1/recommendations?user=erased&k=3");
        api.server().grid().profiles().impressions().flushNow();
        assertThat(api.server().grid().profiles().impressions().local("u:objector")).isNotNull()
            .isNotSameAs(io.tailor.grid.profile.ProfileStore.NO_PROFILE);
        assertThat(api.server().grid().profiles().impressions().local("u:erased")).isNotNull()
            .isNotSameAs(io.tailor.grid.profile.ProfileStore.NO_PROFILE);

        assertThat(api.send("PUT", "/v1/profiles/objector/consent", null, "application/json",
            "{\"personalization\":false}").status()).isEqualTo(200);
        assertThat(api.delete("/v1/profiles/erased").status()).isIn(200, 204);
        api.get("/v1/recommendations?user=objector&k=3");
        api.server().grid().profiles().impressions().flushNow();

        assertThat(api.server().grid().profiles().impressions().local("u:objector"))
            .as("withdrawn consent clears them, and nothing new is counted")
            .isSameAs(io.tailor.grid.profile.ProfileStore.NO_PROFILE);
        assertThat(api.server().grid().profiles().impressions().local("u:erased")).as("erasure removes them")
            .isSameAs(io.tailor.grid.profile.ProfileStore.NO_PROFILE);
    }

    @Test
    void shouldNotCountAListAsShownWhenAskedNotTo()
    {
        api.postJson("/v1/events", "{\"id\":\"nc-1\",\"type\":\"view\",\"user\":\"previewer\",\"product\":\"run-2\"}");
        // Other tests' events reach the model at the next rebuild: have it now, so only impressions could change
        // the list below.
        api.server().grid().flushModelNow();
        final List<String> first = products(api.get("/v1/recommendations?user=previewer&k=3&recordImpressions=false")
            .json());

        for (int i = 0; i < 5; i++)
        {
            assertThat(api.get("/v1/recommendations?user=previewer&k=3&recordImpressions=false").status())
                .isEqualTo(200);
        }

        assertThat(products(api.get("/v1/recommendations?user=previewer&k=3&recordImpressions=false").json()))
            .isEqualTo(first);
    }

    /** {@code times} shoppers each buy the two products in one order. */
    private static void buyTogether(final String prefix, final String first, final String second, final int times)
    {
        final StringBuilder orders = new StringBuilder();
        for (int i = 0; i < times; i++)
        {
            orders.append("{\"type\":\"purchase\",\"user\":\"").append(prefix).append(i)
                .append("\",\"items\":[{\"product\":\"").append(first).append("\",\"quantity\":1,\"price\":10},")
                .append("{\"product\":\"").append(second).append("\",\"quantity\":1,\"price\":10}]}\n");
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", orders.toString().getBytes()).status())
            .isEqualTo(200);
    }

    private static List<String> products(final JsonNode json)
    {
        final List<String> ids = new ArrayList<>();
        json.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }
}
