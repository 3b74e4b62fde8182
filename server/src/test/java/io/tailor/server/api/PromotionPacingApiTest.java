package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A promotion with a target paced over a simulated period (issue 20, "done when"): 800 impressions over four days
 * to shoppers interested in running. The server's clock moves an hour a step; in each step runners and hikers
 * browse home and product pages. At every checkpoint what {@code GET /v1/promotions/{id}} says was delivered is
 * within 10 % of its schedule and is what the lists showed, and the promoted slot never breaks a rule: never shown
 * to a shopper outside the audience nor to one who withdrew consent, never out of stock, never a sensitive product
 * outside its category, never what the shopper bought, never past the frequency cap.
 */
class PromotionPacingApiTest
{
    private static final long TARGET = 800;
    private static final Instant FROM = Instant.parse("2026-11-23T00:00:00Z");
    private static final Duration PERIOD = Duration.ofDays(4);
    private static final Duration STEP = Duration.ofHours(1);
    private static final int RUNNERS = 40;
    private static final int HIKERS = 10;
    private static final int ESTABLISHED = 24;
    private static final int CAP = 3;
    private static final List<String> PROMOTED = List.of("promo-0", "promo-1", "promo-2");
    private static final String PROMOTED_OUT_OF_STOCK = "promo-3";
    private static final String PROMOTED_SENSITIVE = "promo-vitamins";
    /** Bought by runner 0 before the period: never shown to them again. */
    private static final String BOUGHT = "promo-0";
    /** A runner who withdrew personalization consent. */
    private static final String OPTED_OUT = "runner-opted-out";

    @Test
    void shouldDeliverThePromotionOnScheduleWithinTheRules()
    {
        final MutableClock clock = new MutableClock(FROM.minus(Duration.ofHours(2)));
        try (ApiServer api = ApiServer.builder().clock(clock).start())
        {
            catalogAndHistory(api);
            final ApiServer.Answer put = api.put("/v1/promotions/winter-run", "application/json",
                "{\"name\":\"Winter running\",\"products\":[\"promo-0\",\"promo-1\",\"promo-2\",\"promo-3\"," +
                    "\"promo-vitamins\"],\"audience\":{\"categories\":[\"apparel/shoes/running\"]},\"target\":" +
                    TARGET + ",\"from\":\"" + FROM + "\",\"until\":\"" + FROM.plus(PERIOD) + "\"}");
            assertThat(put.status()).as(put.body()).isEqualTo(201);
            assertThat(put.json().get("state").asText()).isEqualTo("scheduled");
            assertThat(preview(api))
                .as("nothing is promoted before the period").doesNotContain("\"promoted\"");
            clock.advance(Duration.ofHours(2));

            final Random random = new Random(23);
            final Map<String, long[]> capWindows = new HashMap<>();
            final Map<String, Integer> shownByProduct = new TreeMap<>();
            final List<String> checkpoints = new ArrayList<>();
            long seen = 0;
            final int steps = (int)(PERIOD.toMillis() / STEP.toMillis());
            for (int step = 0; step <= steps; step++)
            {
                for (int shopper = 0; shopper < RUNNERS + HIKERS + 1; shopper++)
                {
                    if (random.nextInt(2) == 0)
                    {
                        continue;
                    }
                    final boolean runner = shopper < RUNNERS;
                    final String user = runner ? "runner-" + shopper : shopper < RUNNERS + HIKERS ?
                        "hiker-" + shopper : OPTED_OUT;
                    final boolean productPage = runner && random.nextInt(3) == 0;
                    final String page = "old-" + random.nextInt(ESTABLISHED);
                    final JsonNode answer = api.get("/v1/recommendations?user=" + user + "&k=8&explain=true" +
                        (productPage ? "&placement=product&product=" + page : "&placement=home")).json();
                    final long nowMs = clock.millis();
                    int promotedInList = 0;
                    for (final JsonNode item : answer.get("items"))
                    {
                        final String product = item.get("product").asText();
                        // the cap's window opens with a product's first impression and restarts once it has passed
                        final long[] window = capWindows.computeIfAbsent(user + " " + product, k -> new long[2]);
                        if (window[1] == 0 || nowMs - window[0] >= Duration.ofDays(1).toMillis())
                        {
                            window[0] = nowMs;
                            window[1] = 0;
                        }
                        window[1]++;
                        if (!user.equals(OPTED_OUT))
                        {
                            // a shopper who objected leaves no record to cap with (nor gets anything personal)
                            assertThat(window[1]).as(product + " shown to " + user + " within a day")
                                .isLessThanOrEqualTo(CAP);
                        }
                        final String promotion = promotion(item);
                        if (promotion == null)
                        {
                            if (product.startsWith("promo-"))
                            {
                                // ranked there on its merit while the promotion was not owed an impression
                                shownByProduct.merge("organic " + product, 1, Integer::sum);
                            }
                            continue;
                        }
                        promotedInList++;
                        seen++;
                        shownByProduct.merge(product, 1, Integer::sum);
                        assertThat(promotion).isEqualTo("winter-run");
                        assertThat(user).as("only the audience, with consent").startsWith("runner-")
                            .isNotEqualTo(OPTED_OUT);
                        assertThat(product).as("out of stock").isNotEqualTo(PROMOTED_OUT_OF_STOCK);
                        assertThat(product).as("sensitive, outside its category").isNotEqualTo(PROMOTED_SENSITIVE);
                        if (user.equals("runner-0"))
                        {
                            assertThat(product).as("bought by " + user).isNotEqualTo(BOUGHT);
                        }
                    }
                    assertThat(promotedInList).as("at most one promoted slot per list").isLessThanOrEqualTo(1);
                }
                api.server().grid().profiles().impressions().flushNow();

                final JsonNode status = api.get("/v1/promotions/winter-run").json();
                final long delivered = status.get("delivered").asLong();
                final long scheduled = status.get("scheduled").asLong();
                assertThat(delivered).as("delivered is what the lists showed").isEqualTo(seen);
                assertThat(delivered).as("never ahead of the schedule by more than one list")
                    .isLessThanOrEqualTo(scheduled + 1);
                if (step > 0 && step % 12 == 0 || step == steps)
                {
                    checkpoints.add(clock.instant() + " delivered " + delivered + " of scheduled " + scheduled);
                    assertThat((double)delivered).as("paced at " + clock.instant())
                        .isBetween(scheduled * 0.9, scheduled * 1.1);
                }
                // the last step is the period's last minute: what is still owed is served
                clock.advance(step < steps - 1 ? STEP : STEP.minus(Duration.ofMinutes(1)));
            }
            System.out.printf("promotion paced over %s: %s; by product %s%n", PERIOD, checkpoints, shownByProduct);

            final JsonNode done = api.get("/v1/promotions/winter-run").json();
            assertThat(done.get("delivered").asLong()).isEqualTo(TARGET);
            assertThat(done.get("state").asText()).isEqualTo("completed");
            assertThat(preview(api))
                .as("nothing is promoted after the period").doesNotContain("\"promoted\"");
        }
    }

    /** Runner 1's home list, explained, not counted as shown (the cap's windows stay those of the simulation). */
    private static String preview(final ApiServer api)
    {
        return api.get("/v1/recommendations?user=runner-1&k=8&explain=true&recordImpressions=false").json()
            .toString();
    }

    /** The promotion of the item's {@code promoted} reason, or {@code null}. */
    private static String promotion(final JsonNode item)
    {
        for (final JsonNode reason : item.get("reasons"))
        {
            if ("promoted".equals(reason.get("code").asText()))
            {
                return reason.get("promotion").asText();
            }
        }
        return null;
    }

    /**
     * Running shoes (established, viewed by a crowd), hiking boots, the promoted running shoes (one out of stock)
     * and a promoted sensitive product; runners who looked at running shoes, hikers who looked at hiking boots,
     * runner 0 who bought a promoted shoe, and a runner who then withdrew consent.
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
        for (int i = 0; i < 8; i++)
        {
            products.append(",{\"id\":\"hike-").append(i).append("\",\"category\":\"apparel/shoes/hiking\",")
                .append("\"brand\":\"Peak\",\"price\":120,\"launchedAt\":\"2025-01-01T00:00:00Z\"}");
        }
        for (int i = 0; i < 4; i++)
        {
            products.append(",{\"id\":\"promo-").append(i).append("\",\"category\":\"apparel/shoes/running\",")
                .append("\"brand\":\"Swift\",\"price\":95,\"inStock\":")
                .append(!("promo-" + i).equals(PROMOTED_OUT_OF_STOCK))
                .append(",\"launchedAt\":\"2025-06-01T00:00:00Z\"}");
        }
        products.append(",{\"id\":\"").append(PROMOTED_SENSITIVE).append("\",\"category\":\"health/vitamins\",")
            .append("\"price\":20,\"sensitive\":true,\"launchedAt\":\"2025-06-01T00:00:00Z\"}]");
        assertThat(api.put("/v1/products", "application/json", products.toString()).status()).isEqualTo(200);
        api.awaitProduct(PROMOTED_SENSITIVE);

        final StringBuilder events = new StringBuilder();
        final Random random = new Random(5);
        for (int i = 0; i < ESTABLISHED; i++)
        {
            for (int v = 0; v < 1 + i % 4; v++)
            {
                events.append(view("crowd-" + v, "old-" + i));
            }
        }
        for (int shopper = 0; shopper < RUNNERS; shopper++)
        {
            for (int v = 0; v < 3; v++)
            {
                events.append(view("runner-" + shopper, "old-" + random.nextInt(ESTABLISHED)));
            }
        }
        for (int shopper = RUNNERS; shopper < RUNNERS + HIKERS; shopper++)
        {
            for (int v = 0; v < 3; v++)
            {
                events.append(view("hiker-" + shopper, "hike-" + random.nextInt(8)));
            }
        }
        events.append(view(OPTED_OUT, "old-1"));
        events.append("{\"type\":\"purchase\",\"user\":\"runner-0\",\"items\":[{\"product\":\"").append(BOUGHT)
            .append("\",\"quantity\":1,\"price\":95}]}\n");
        final ApiServer.Answer accepted = api.post("/v1/events", "application/x-ndjson",
            events.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(accepted.status()).isEqualTo(200);
        assertThat(accepted.json().get("rejected")).isEmpty();
        assertThat(api.put("/v1/profiles/" + OPTED_OUT + "/consent", "application/json",
            "{\"personalization\":false}").status()).isEqualTo(200);
        api.server().grid().flushModelNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.server().grid().models().current().popularity(
            api.server().grid().models().current().catalog().indexOf("old-" + (ESTABLISHED - 1))) > 0f);
    }

    private static String view(final String user, final String product)
    {
        return "{\"type\":\"view\",\"user\":\"" + user + "\",\"product\":\"" + product + "\"}\n";
    }
}
