package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Similar sessions on a node whose configuration weighs them: the sessions of the events this node applied are
 * the neighbourhood of an anonymous shopper's session, and their products come with the reason
 * {@code similar_sessions}.
 */
class SimilarSessionsApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        RankingSettings ranking = RankingSettings.DEFAULT;
        for (final Placement placement : Placement.values())
        {
            ranking = ranking.withWeights(placement, ranking.weightsFor(placement).withSimilarSessions(1f));
        }
        api = ApiServer.builder().ranking(ranking).start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 10; i++)
        {
            products.append(i == 0 ? "" : ",")
                .append("{\"id\":\"lamp-").append(i).append("\",\"title\":\"Lamp ").append(i)
                .append("\",\"category\":\"home/lighting\",\"brand\":\"Glow\",\"price\":").append(30 + i).append("},")
                .append("{\"id\":\"vase-").append(i).append("\",\"title\":\"Vase ").append(i)
                .append("\",\"category\":\"home/decor\",\"brand\":\"Clay\",\"price\":").append(20 + i).append('}');
        }
        products.append(']');
        assertThat(api.put("/v1/products", "application/json", products.toString()).status()).isEqualTo(200);
        api.awaitProduct("vase-9");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldOfferAnAnonymousShopperWhatSimilarSessionsWentOnToAndSaySo()
    {
        // Anonymous shoppers who looked at lamp-1 went on to vase-7.
        final StringBuilder crowd = new StringBuilder();
        for (int s = 0; s < 5; s++)
        {
            for (final String product : new String[] {"lamp-1", "vase-7"})
            {
                crowd.append("{\"type\":\"view\",\"anonymousId\":\"browser-").append(s)
                    .append("\",\"product\":\"").append(product).append("\"}\n");
            }
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", crowd.toString().getBytes()).status())
            .isEqualTo(200);
        assertThat(api.postJson("/v1/events", "{\"type\":\"view\",\"anonymousId\":\"visitor\",\"product\":\"lamp-1\"}")
            .status()).isEqualTo(200);

        // Ten places: the lamps like lamp-1 fill the first ones by likeness alone.
        final JsonNode json = api.get("/v1/recommendations?anonymousId=visitor&k=10&explain=true").json();
        final List<String> ids = new ArrayList<>();
        json.get("items").forEach(item -> ids.add(item.get("product").asText()));

        assertThat(ids).contains("vase-7");
        assertThat(json.get("items").get(ids.indexOf("vase-7")).get("reasons").findValuesAsText("code"))
            .contains("similar_sessions");
    }
}
