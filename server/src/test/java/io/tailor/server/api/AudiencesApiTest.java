package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.grid.RetentionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Right time: Tailor learns from the event stream how long shoppers take from first view to purchase, and
 * names the shoppers who are now within that time for a product they have not bought.
 */
class AudiencesApiTest
{
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start(CLOCK, RetentionSettings.NONE);
        api.put("/v1/products", "application/json", """
            [{"id":"sofa-1","category":"home/sofas","price":900},{"id":"sofa-2","category":"home/sofas","price":800},
             {"id":"lamp-1","category":"home/lamps","price":40}]""");
        api.awaitProduct("lamp-1");
        // Ten earlier shoppers bought sofa-1 one to three days after first viewing it.
        final StringBuilder history = new StringBuilder();
        for (int s = 0; s < 10; s++)
        {
            final Instant viewed = NOW.minus(Duration.ofDays(20 + s));
            history.append("{\"id\":\"h").append(s).append("v\",\"type\":\"view\",\"user\":\"buyer-").append(s)
                .append("\",\"product\":\"sofa-1\",\"ts\":\"").append(viewed).append("\"}\n")
                .append("{\"id\":\"h").append(s).append("p\",\"type\":\"purchase\",\"user\":\"buyer-").append(s)
                .append("\",\"product\":\"sofa-1\",\"ts\":\"").append(viewed.plus(Duration.ofDays(1 + s % 3)))
                .append("\"}\n");
        }
        api.post("/v1/events", "application/x-ndjson", history.toString().getBytes());
        shopper("due", Duration.ofDays(2), "add_to_cart", true);
        shopper("early", Duration.ofMinutes(5), "view", true);
        shopper("late", Duration.ofDays(15), "view", true);
        shopper("silent", Duration.ofDays(2), "view", false);
        shopper("bought", Duration.ofDays(2), "view", true);
        api.postJson("/v1/events", "{\"type\":\"purchase\",\"user\":\"bought\",\"product\":\"sofa-1\"}");
        api.server().grid().flushModelNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> "product".equals(api.get(
            "/v1/audiences/near-purchase?product=sofa-1").json().get("basis").asText()));
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldNameTheShoppersWithinTheUsualTimeToPurchaseWithAProbabilityAndTheReason()
    {
        final JsonNode audience = api.get("/v1/audiences/near-purchase?product=sofa-1&limit=10").json();

        assertThat(audience.get("basis").asText()).isEqualTo("product");
        assertThat(audience.get("timeToPurchase").get("purchases").asInt()).as("ten earlier buyers and bought")
            .isEqualTo(11);
        assertThat(audience.get("timeToPurchase").get("p90Minutes").asLong()).isBetween(2L * 1440, 5L * 1440);
        final List<String> users = new ArrayList<>();
        audience.get("shoppers").forEach(shopper -> users.add(shopper.get("user").asText()));
        assertThat(users).as("early: too soon; late: past the usual time; silent: no marketing consent; bought")
            .containsExactly("due");
        final JsonNode due = audience.get("shoppers").get(0);
        assertThat(due.get("probability").asDouble()).isBetween(0.01, 1.0);
        assertThat(due.get("interest").asText()).isEqualTo("carted");
        assertThat(due.get("reason").asText()).startsWith("carted it 2 days ago");
    }

    @Test
    void shouldFallBackToTheCategorysTimeForAProductWithoutPurchases()
    {
        final JsonNode audience = api.get("/v1/audiences/near-purchase?product=sofa-2").json();

        assertThat(audience.get("basis").asText()).isEqualTo("category");
        assertThat(audience.get("shoppers")).isEmpty();
    }

    @Test
    void shouldRefuseABadRequestNamingTheParameter()
    {
        assertThat(api.get("/v1/audiences/near-purchase").json().get("field").asText()).isEqualTo("product");
        assertThat(api.get("/v1/audiences/near-purchase?product=nope").json().get("field").asText())
            .isEqualTo("product");
        assertThat(api.get("/v1/audiences/near-purchase?product=sofa-1&limit=5000").json().get("field").asText())
            .isEqualTo("limit");
    }

    private static void shopper(final String user, final Duration ago, final String type, final boolean marketing)
    {
        api.postJson("/v1/events", "{\"type\":\"" + type + "\",\"user\":\"" + user + "\",\"product\":\"sofa-1\"," +
            "\"ts\":\"" + NOW.minus(ago) + "\"}");
        if (marketing)
        {
            api.put("/v1/profiles/" + user + "/consent", "application/json", "{\"marketing\":true}");
        }
    }
}
