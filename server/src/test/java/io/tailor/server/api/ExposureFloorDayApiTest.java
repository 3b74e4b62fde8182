package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The exposure floor met on a simulated day (issue 20, "done when"): shoppers browsing running shoes, where a few
 * new arrivals sit among many established, popular products, see every in-stock new arrival at least the floor's
 * times over the day, and exploration never breaks the frequency cap, never shows what is out of stock, never what
 * the shopper bought. The server's clock is moved through the day; the impression and item-signal flushes are run
 * at each step so the counts the slot reads are those of the simulated time.
 */
class ExposureFloorDayApiTest
{
    private static final int FLOOR = 20;
    private static final int ESTABLISHED = 60;
    private static final int SHOPPERS = 50;
    private static final int VISITS_PER_SHOPPER = 8;
    private static final Duration STEP = Duration.ofMinutes(15);
    private static final int STEPS = 96;
    private static final int CAP = 3;
    private static final Instant DAY = Instant.parse("2026-11-20T00:00:00Z");
    private static final List<String> NEW_IN_STOCK = List.of("new-0", "new-1", "new-2");
    private static final String NEW_OUT_OF_STOCK = "new-3";
    /** Bought by shopper 0 before the day: never shown to them again. */
    private static final String BOUGHT = "new-2";

    @Test
    void shouldGiveEveryInStockNewArrivalItsFloorWithinTheRulesOverADay()
    {
        final MutableClock clock = new MutableClock(DAY.minus(Duration.ofHours(1)));
        try (ApiServer api = ApiServer.builder().clock(clock).ranking(RankingSettings.DEFAULT.withExploration(
            new ExplorationSettings(FLOOR, Map.of()))).start())
        {
            catalogAndHistory(api);
            clock.advance(Duration.ofHours(1));

            final Random random = new Random(20);
            final Map<String, Integer> impressions = new TreeMap<>();
            final Map<String, Integer> explored = new TreeMap<>();
            final Map<String, Integer> perShopperAndProduct = new HashMap<>();
            final Map<String, Integer> lastShown = new HashMap<>();
            final Map<String, Integer> sinceReturn = new HashMap<>();
            int lists = 0;
            for (int step = 0; step < STEPS; step++)
            {
                for (int shopper = 0; shopper < SHOPPERS; shopper++)
                {
                    // each shopper visits VISITS_PER_SHOPPER times a day on average, at random steps
                    if (random.nextInt(STEPS) >= VISITS_PER_SHOPPER)
                    {
                        continue;
                    }
                    final String user = "runner-" + shopper;
                    final boolean productPage = random.nextBoolean();
                    final String page = "old-" + random.nextInt(ESTABLISHED);
                    final JsonNode answer = api.get("/v1/recommendations?user=" + user + "&k=8&explain=true" +
                        (productPage ? "&placement=product&product=" + page : "&placement=home")).json();
                    assertThat(answer.get("degraded").asBoolean()).as("the day's lists are not fallbacks").isFalse();
                    lists++;
                    for (final JsonNode item : answer.get("items"))
                    {
                        final String product = item.get("product").asText();
                        assertThat(product).as("out of stock").isNotEqualTo(NEW_OUT_OF_STOCK);
                        if (shopper == 0)
                        {
                            assertThat(product).as("bought by " + user).isNotEqualTo(BOUGHT);
                        }
                        final int seen = perShopperAndProduct.merge(user + " " + product, 1, Integer::sum);
                        final boolean inSlot = explored(item);
                        if (inSlot || product.startsWith("new-"))
                        {
                            assertThat(seen).as(product + " explored for " + user + " within a day")
                                .isLessThanOrEqualTo(CAP);
                        }
                        else if (distinct(perShopperAndProduct, user) <= ImpressionRecord.MAX_PRODUCTS)
                        {
                            // the record counts at most MAX_PRODUCTS products a shopper saw; past that, the one
                            // shown least often makes room and starts counting afresh if shown again. The cap counts
                            // the impressions since the shopper last went to the product's page after a list showed
                            // it (ImpressionRecord.returned).
                            assertThat(sinceReturn.merge(user + " " + product, 1, Integer::sum))
                                .as(product + " shown to " + user + " within a day since going back to it")
                                .isLessThanOrEqualTo(CAP);
                        }
                        lastShown.put(user + " " + product, step);
                        if (product.startsWith("new-"))
                        {
                            impressions.merge(product, 1, Integer::sum);
                            if (inSlot)
                            {
                                explored.merge(product, 1, Integer::sum);
                            }
                        }
                    }
                    if (productPage)
                    {
                        final Integer shownAt = lastShown.get(user + " " + page);
                        if (shownAt != null && shownAt < step)
                        {
                            sinceReturn.put(user + " " + page, 0);
                        }
                        api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"" + user + "\",\"product\":\"" +
                            page + "\"}");
                    }
                }
                api.server().grid().profiles().impressions().flushNow();
                api.server().grid().flushModelNow();
                clock.advance(STEP);
            }

            System.out.printf("simulated day: %d lists to %d shoppers, floor %d; impressions of new arrivals %s, " +
                "of which in the exploration slot %s (the rest ranked on their merit)%n", lists, SHOPPERS, FLOOR,
                impressions, explored);
            for (final String product : NEW_IN_STOCK)
            {
                assertThat(impressions.getOrDefault(product, 0)).as(product + " impressions over the day")
                    .isGreaterThanOrEqualTo(FLOOR);
            }
        }
    }

    /**
     * Running shoes: sixty established products, viewed by others so that they are popular, and four new arrivals
     * launched an hour before the day (one out of stock); fifty shoppers who looked at three running shoes each, and
     * shopper 0 who bought one of the new arrivals.
     */
    private static void catalogAndHistory(final ApiServer api)
    {
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < ESTABLISHED; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"old-").append(i).append("\",\"category\":")
                .append("\"apparel/shoes/running\",\"brand\":\"Brand").append(i % 6).append("\",\"price\":")
                .append(60 + i).append(",\"launchedAt\":\"2025-01-01T00:00:00Z\"}");
        }
        for (int i = 0; i < 4; i++)
        {
            products.append(",{\"id\":\"new-").append(i).append("\",\"category\":\"apparel/shoes/running\",")
                .append("\"brand\":\"Brand").append(i).append("\",\"price\":90,\"inStock\":")
                .append(!("new-" + i).equals(NEW_OUT_OF_STOCK)).append(",\"launchedAt\":\"")
                .append(DAY.minus(Duration.ofHours(1))).append("\"}");
        }
        assertThat(api.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        api.awaitProduct("new-3");

        final StringBuilder events = new StringBuilder();
        final Random random = new Random(7);
        for (int i = 0; i < ESTABLISHED; i++)
        {
            for (int v = 0; v < 1 + i % 4; v++)
            {
                events.append("{\"type\":\"view\",\"user\":\"crowd-").append(v).append("\",\"product\":\"old-")
                    .append(i).append("\"}\n");
            }
        }
        for (int shopper = 0; shopper < SHOPPERS; shopper++)
        {
            for (int v = 0; v < 3; v++)
            {
                events.append("{\"type\":\"view\",\"user\":\"runner-").append(shopper).append("\",\"product\":")
                    .append("\"old-").append(random.nextInt(ESTABLISHED)).append("\"}\n");
            }
        }
        events.append("{\"type\":\"purchase\",\"user\":\"runner-0\",\"items\":[{\"product\":\"").append(BOUGHT)
            .append("\",\"quantity\":1,\"price\":90}]}\n");
        final ApiServer.Answer accepted = api.post("/v1/events", "application/x-ndjson",
            events.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("rejected")).isEmpty();
        api.server().grid().flushModelNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.server().grid().models().current().popularity(
            api.server().grid().models().current().catalog().indexOf("old-" + (ESTABLISHED - 1))) > 0f);
    }

    /**
     * Whether an item is the list's exploration slot: its {@code new_arrival} reason contributes nothing to the
     * score (a new arrival ranked on its merit says {@code new_arrival} for its freshness, which contributes).
     */
    private static boolean explored(final JsonNode item)
    {
        for (final JsonNode reason : item.get("reasons"))
        {
            if ("new_arrival".equals(reason.get("code").asText()) && reason.get("contribution").asDouble() == 0.0)
            {
                return true;
            }
        }
        return false;
    }

    /** Distinct products a shopper was shown so far. */
    private static long distinct(final Map<String, Integer> perShopperAndProduct, final String user)
    {
        return perShopperAndProduct.keySet().stream().filter(key -> key.startsWith(user + " ")).count();
    }
}
