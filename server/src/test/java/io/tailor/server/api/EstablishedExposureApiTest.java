package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

/**
 * Every product a served list showed is counted as shown (issue 14, item 3: the product page shows how often it was
 * shown and clicked), through the API: a new arrival at once (its exposure floor and draws need it), an established
 * product on the slower cadence of {@code GridSettings.establishedShownInterval} (30 s by default, measured by the
 * server's clock, which the test moves), per placement, and without the counts changing anyone's ranking.
 */
class EstablishedExposureApiTest
{
    private static final Instant START = Instant.parse("2026-11-20T12:00:00Z");
    private static final int ESTABLISHED = 12;

    @Test
    void shouldCountAnEstablishedProductShownInListsPerPlacementOnTheSlowerCadence()
    {
        final MutableClock clock = new MutableClock(START);
        try (ApiServer api = ApiServer.builder().clock(clock).ranking(RankingSettings.DEFAULT.withExploration(
            new ExplorationSettings(1_000, Map.of()))).start())
        {
            catalog(api);
            final Map<String, Integer> home = new HashMap<>();
            final Map<String, Integer> productPage = new HashMap<>();
            String homeRequest = null;
            for (int list = 0; list < 6; list++)
            {
                final JsonNode answer = api.get("/v1/recommendations?user=u" + list + "&k=5&placement=home").json();
                homeRequest = answer.get("requestId").asText();
                products(answer).forEach(p -> home.merge(p, 1, Integer::sum));
                products(api.get("/v1/recommendations?user=u" + list + "&k=5&placement=product&product=old-" +
                    list).json()).forEach(p -> productPage.merge(p, 1, Integer::sum));
            }
            assertThat(home).as("the new arrival took the exploration slot").containsKey("fresh");
            final String shown = established(home);
            final List<String> before = products(api.get(
                "/v1/recommendations?user=u0&k=8&placement=home&recordImpressions=false").json());
            api.server().grid().flushModelNow();

            assertThat(stats(api, "fresh").get("shownLastDay").asDouble()).as("a new arrival, at once")
                .isCloseTo(home.get("fresh") + productPage.getOrDefault("fresh", 0), within(0.01));
            assertThat(stats(api, shown).get("shownLastDay").asDouble()).as("an established product, not yet")
                .isZero();

            clock.advance(Duration.ofSeconds(31));
            api.server().grid().flushModelNow();

            final JsonNode stats = stats(api, shown);
            final int onHome = home.get(shown);
            final int onProduct = productPage.getOrDefault(shown, 0);
            assertThat(stats.get("shownLastDay").asDouble()).isCloseTo(onHome + onProduct, within(0.01));
            assertThat(stats.at("/placements/home/shownLastDay").asDouble()).isCloseTo(onHome, within(0.01));
            assertThat(stats.at("/placements/product/shownLastDay").asDouble()).isCloseTo(onProduct, within(0.01));
            assertThat(products(api.get("/v1/recommendations?user=u0&k=8&placement=home&recordImpressions=false")
                .json())).as("established products' impressions rank nothing").isEqualTo(before);

            assertThat(api.postJson("/v1/events", "{\"id\":\"c-1\",\"type\":\"click\",\"user\":\"u5\",\"product\":\"" +
                shown + "\",\"requestId\":\"" + homeRequest + "\"}").status()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(10)).until(() ->
            {
                api.server().grid().flushModelNow();
                return stats(api, shown).at("/placements/home/clickedLastDay").asDouble() >= 0.99;
            });
            assertThat(stats(api, shown).get("clickedLastDay").asDouble()).isCloseTo(1.0, within(0.01));
        }
    }

    /** Established products, each viewed a few times, and a new arrival launched now. */
    private static void catalog(final ApiServer api)
    {
        final StringBuilder products = new StringBuilder("[");
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < ESTABLISHED; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"old-").append(i)
                .append("\",\"category\":\"home/kitchen\",\"price\":10,\"launchedAt\":\"2025-01-01T00:00:00Z\"}");
            for (int v = 0; v <= i % 3; v++)
            {
                views.append("{\"id\":\"w").append(i).append('-').append(v).append("\",\"type\":\"view\",\"user\":")
                    .append("\"viewer-").append(v).append("\",\"product\":\"old-").append(i).append("\"}\n");
            }
        }
        products.append(",{\"id\":\"fresh\",\"category\":\"home/kitchen\",\"price\":10}");
        assertThat(api.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        assertThat(api.post("/v1/events", "application/x-ndjson", views.toString().getBytes(StandardCharsets.UTF_8))
            .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() ->
        {
            api.server().grid().flushModelNow();
            final var model = api.server().grid().models().current();
            final int fresh = model.catalog().indexOf("fresh");
            return fresh >= 0 && model.popularity(model.catalog().indexOf("old-11")) > 0.5f;
        });
    }

    /** The established product the home lists showed most. */
    private static String established(final Map<String, Integer> shown)
    {
        String most = null;
        for (final Map.Entry<String, Integer> entry : shown.entrySet())
        {
            if (entry.getKey().startsWith("old-") && (most == null || entry.getValue() > shown.get(most)))
            {
                most = entry.getKey();
            }
        }
        assertThat(most).as("an established product on the home lists").isNotNull();
        return most;
    }

    private static JsonNode stats(final ApiServer api, final String product)
    {
        return api.get("/v1/products/" + product + "/stats").json();
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }
}
