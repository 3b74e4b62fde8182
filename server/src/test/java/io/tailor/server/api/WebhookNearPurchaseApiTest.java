package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.server.config.WebhookSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code audience.near_purchase}: a customer who showed interest in a product enters its near-purchase audience (the
 * one {@code GET /v1/audiences/near-purchase} lists) when the product's usual time to purchase opens, which time
 * alone brings: the owner's re-check finds it, with server time moved by the test.
 */
class WebhookNearPurchaseApiTest
{
    private static final Instant NOW = Instant.parse("2026-11-20T10:00:00Z");
    private static final MutableClock CLOCK = new MutableClock(NOW);
    private static final WebhookSettings QUICK = new WebhookSettings(Duration.ofMillis(50), Duration.ofMillis(200),
        Duration.ofHours(24), Duration.ofMillis(300), Duration.ofSeconds(5));

    private static ApiServer api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start()
    {
        receiver = new WebhookReceiver();
        api = ApiServer.builder().clock(CLOCK).webhooks(QUICK).start();
        api.put("/v1/products", "application/json", """
            [{"id":"sofa-1","category":"home/sofas","price":900},
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
        api.server().grid().flushModelNow();
        await().atMost(Duration.ofSeconds(10)).until(() -> "product".equals(api.get(
            "/v1/audiences/near-purchase?product=sofa-1").json().get("basis").asText()));
    }

    @AfterAll
    static void stop()
    {
        api.close();
        receiver.close();
    }

    @Test
    void shouldSendNearPurchaseWhenTheUsualTimeToPurchaseOpensWithoutAnyEvent()
    {
        for (final String webhook : List.of("np-sofa", "np-any"))
        {
            final ApiServer.Answer defined = api.put("/v1/webhooks/" + webhook, "application/json", "{\"url\":\"" +
                receiver.url("/ok") + "\",\"secret\":\"whsec-0123456789abcdef\",\"on\":[\"audience.near_purchase\"]" +
                (webhook.equals("np-sofa") ? ",\"products\":[\"sofa-1\"]" : "") + "}");
            assertThat(defined.status()).as(defined.body()).isEqualTo(201);
        }
        api.put("/v1/profiles/nina/consent", "application/json", "{\"marketing\":true}");
        assertThat(api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"nina\",\"product\":\"sofa-1\"}")
            .status()).isEqualTo(200);
        assertThat(api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"otto\",\"product\":\"sofa-1\"}")
            .status()).as("no marketing consent").isEqualTo(200);
        await().atMost(Duration.ofSeconds(10)).until(() -> api.server().grid().webhooks().outbox("u:nina") != null &&
            !api.server().grid().webhooks().outbox("u:nina").memberships().isEmpty());
        assertThat(receiver.about("nina")).as("just viewed: too soon").isEmpty();

        CLOCK.advance(Duration.ofDays(2));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about("nina").size() == 2);

        for (final WebhookReceiver.Received request : receiver.about("nina"))
        {
            final JsonNode body = request.json();
            assertThat(body.get("type").asText()).isEqualTo("audience.near_purchase");
            assertThat(body.get("product").asText()).isEqualTo("sofa-1");
        }
        assertThat(receiver.about("nina")).extracting(r -> r.json().get("webhook").asText())
            .containsExactlyInAnyOrder("np-sofa", "np-any");
        assertThat(receiver.about("otto")).isEmpty();
    }
}
