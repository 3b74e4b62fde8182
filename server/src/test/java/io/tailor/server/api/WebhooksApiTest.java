package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.webhook.Outbox;
import io.tailor.server.config.WebhookSettings;
import io.tailor.server.security.WebhookSignature;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks over HTTP against a real node and a real receiver on loopback: definitions and their validation, signed
 * deliveries of {@code segment.entered} and {@code segment.left} sent at least once and acknowledged once per
 * transition through a receiver that fails half the time, in order per customer, dropped without marketing
 * consent, cancelled by erasure, dead letters past the horizon, and the metrics.
 */
class WebhooksApiTest
{
    private static final String SECRET = "whsec-0123456789abcdef";
    /** Carted in the last day and bought nothing since: entered by a cart, left by a purchase. */
    private static final String CARTED = """
        {"purpose":"marketing","rule":{"and":[{"window":"1d","type":"add_to_cart","count":{"gte":1}},
         {"not":{"window":"1d","type":"purchase","count":{"gte":1}}}]}}""";
    /** Anyone who viewed tv-1 in the last day, for personalization (membership without marketing consent). */
    private static final String VIEWERS = """
        {"purpose":"personalization","rule":{"window":"1d","type":"view","product":"tv-1","count":{"gte":1}}}""";
    private static final WebhookSettings QUICK = new WebhookSettings(Duration.ofMillis(50), Duration.ofMillis(200),
        Duration.ofSeconds(4), Duration.ofMillis(500), Duration.ofSeconds(5));
    private static final Duration WAIT = Duration.ofSeconds(30);

    private static ApiServer api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start()
    {
        receiver = new WebhookReceiver();
        api = ApiServer.builder().webhooks(QUICK).start();
        api.put("/v1/products", "application/json", """
            [{"id":"tv-1","title":"TV 1","category":"electronics/tv","brand":"Lumen","price":1000},
             {"id":"tv-2","title":"TV 2","category":"electronics/tv","brand":"Lumen","price":1200}]""");
        api.awaitProduct("tv-2");
        assertThat(api.put("/v1/segments/carted", "application/json", CARTED).status()).isEqualTo(201);
        assertThat(api.put("/v1/segments/viewers", "application/json", VIEWERS).status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
        receiver.close();
    }

    @Test
    void shouldAcknowledgeEachEntryOnceWithOneSignedEventIdDespiteAReceiverFailingHalfTheTime()
    {
        define("half-entered", "/half", "[\"segment.entered\"]", "carted", "");
        final List<String> shoppers = List.of("h-1", "h-2", "h-3", "h-4", "h-5", "h-6");
        for (final String shopper : shoppers)
        {
            consent(shopper, true);
            event("add_to_cart", shopper, "tv-1");
            event("add_to_cart", shopper, "tv-2");
        }

        for (final String shopper : shoppers)
        {
            await().atMost(WAIT).until(() -> of(shopper, "half-entered").stream()
                .anyMatch(WebhookReceiver.Received::acknowledged));
        }
        for (final String shopper : shoppers)
        {
            final List<WebhookReceiver.Received> got = of(shopper, "half-entered");
            assertThat(got.stream().map(WebhookReceiver.Received::eventId).distinct())
                .as("one transition, one event id, whatever the retries").hasSize(1);
            assertThat(got.stream().filter(WebhookReceiver.Received::acknowledged)).hasSize(1);
            for (final WebhookReceiver.Received request : got)
            {
                final JsonNode body = request.json();
                assertThat(body.get("id").asText()).isEqualTo(request.eventId());
                assertThat(body.get("type").asText()).isEqualTo("segment.entered");
                assertThat(body.get("segment").asText()).isEqualTo("carted");
                assertThat(body.get("webhook").asText()).isEqualTo("half-entered");
                assertThat(body.has("time")).isTrue();
                assertThat(WebhookSignature.verify(SECRET, request.signature(), request.body())).isTrue();
                assertThat(WebhookSignature.verify("another-secret-0123", request.signature(), request.body()))
                    .isFalse();
            }
        }
        assertThat(receiver.all().stream().filter(r -> r.path().equals("/half")).anyMatch(r -> !r.acknowledged()))
            .as("some attempts failed and were retried").isTrue();
        final String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("tailor_webhook_deliveries_total{outcome=\"delivered\",webhook=\"half-entered\"}")
            .contains("tailor_webhook_deliveries_total{outcome=\"retried\",webhook=\"half-entered\"}")
            .contains("tailor_webhook_lag_seconds{webhook=\"half-entered\"}");
        // Counted once settled, just after the receiver answered; customers of the other tests that are in the
        // segment may enter this webhook too at a re-check.
        await().atMost(WAIT).untilAsserted(() ->
        {
            final JsonNode deliveries = api.get("/v1/webhooks/half-entered").json().get("deliveries");
            assertThat(deliveries.get("delivered").asLong()).as("the API's count, as the metrics'")
                .isGreaterThanOrEqualTo(shoppers.size());
            assertThat(deliveries.get("retried").asLong()).isPositive();
            assertThat(deliveries.get("failed").asLong()).isZero();
            assertThat(deliveries.get("lagSeconds").asDouble()).isNotNegative();
        });
    }

    @Test
    void shouldSendACustomersLeavingOnlyAfterTheirEntryWasAcknowledged()
    {
        define("half-both", "/half", "[\"segment.entered\",\"segment.left\"]", "carted", ",\"include\":[\"email\"]");
        final List<String> shoppers = List.of("o-1", "o-2", "o-3");
        for (final String shopper : shoppers)
        {
            consent(shopper, true);
            event("add_to_cart", shopper, "tv-1");
            event("purchase", shopper, "tv-1");
        }

        for (final String shopper : shoppers)
        {
            await().atMost(WAIT).until(() -> of(shopper, "half-both").stream().anyMatch(r -> r.acknowledged() &&
                r.json().get("type").asText().equals("segment.left")));
            final List<WebhookReceiver.Received> got = of(shopper, "half-both");
            final int firstLeft = indexOf(got, "segment.left");
            final int entryAcknowledged = got.stream().filter(WebhookReceiver.Received::acknowledged)
                .map(got::indexOf).findFirst().orElseThrow();
            assertThat(got.get(entryAcknowledged).json().get("type").asText()).isEqualTo("segment.entered");
            assertThat(firstLeft).as("the leaving waits for the entry's acknowledgement")
                .isGreaterThan(entryAcknowledged);
            assertThat(got.get(0).json().get("email").get("items").isArray()).as("include email").isTrue();
        }
    }

    @Test
    void shouldDropADeliveryToACustomerWithoutMarketingConsentAtSendTime()
    {
        define("no-consent", "/ok", "[\"segment.entered\"]", "viewers", "");
        consent("c-withdrawn", true);
        consent("c-withdrawn", false);
        event("view", "c-withdrawn", "tv-1");
        event("view", "c-never", "tv-1");
        consent("c-given", true);
        event("view", "c-given", "tv-1");

        await().atMost(WAIT).until(() -> receiver.about("c-given").size() == 1);
        await().atMost(WAIT).until(() -> pending("u:c-withdrawn") == 0 && pending("u:c-never") == 0);
        assertThat(receiver.about("c-withdrawn")).isEmpty();
        assertThat(receiver.about("c-never")).isEmpty();
        assertThat(api.get("/metrics").body())
            .contains("tailor_webhook_deliveries_total{outcome=\"dropped\",webhook=\"no-consent\"} 2.0");
    }

    @Test
    void shouldCancelPendingDeliveriesWhenTheCustomerIsErasedAndKeepDeadLettersOfOthers()
    {
        define("down", "/down", "[\"segment.entered\"]", "carted", "");
        consent("e-erased", true);
        event("add_to_cart", "e-erased", "tv-1");
        consent("e-dead", true);
        event("add_to_cart", "e-dead", "tv-1");
        await().atMost(WAIT).until(() -> receiver.about("e-erased").size() >= 2);

        assertThat(api.delete("/v1/profiles/e-erased").status()).isEqualTo(200);
        assertThat(pending("u:e-erased")).as("cancelled by the erasure").isZero();

        await().atMost(WAIT).until(() -> api.get("/v1/webhooks/down/dead-letters").json().get("deadLetters")
            .findValuesAsText("user").contains("e-dead"));
        final JsonNode letters = api.get("/v1/webhooks/down/dead-letters").json().get("deadLetters");
        assertThat(letters.findValuesAsText("user")).doesNotContain("e-erased");
        assertThat(letters.get(0).get("lastError").asText()).isEqualTo("HTTP 503");
        assertThat(letters.get(0).get("attempts").asInt()).isGreaterThan(1);
        assertThat(pending("u:e-dead")).isZero();
        assertThat(api.get("/metrics").body())
            .contains("tailor_webhook_deliveries_total{outcome=\"failed\",webhook=\"down\"}");
    }

    @Test
    void shouldSendTheEntryOfTheCustomerAnAnonymousIdIsLinkedTo()
    {
        define("linked", "/ok", "[\"segment.entered\"]", "carted", "");
        consent("l-customer", true);
        assertThat(api.postJson("/v1/identities", "{\"anonymousId\":\"l-phone\",\"user\":\"l-customer\"}")
            .status()).isEqualTo(200);
        assertThat(api.postJson("/v1/events", "{\"type\":\"add_to_cart\",\"anonymousId\":\"l-phone\"," +
            "\"product\":\"tv-2\"}").status()).isEqualTo(200);

        await().atMost(WAIT).until(() -> of("l-customer", "linked").size() == 1);
        final JsonNode customer = of("l-customer", "linked").get(0).json().get("customer");
        assertThat(customer.get("user").asText()).isEqualTo("l-customer");
        assertThat(customer.get("linkedIds")).as("the ids linked to the customer, as an export lists them")
            .singleElement().satisfies(id -> assertThat(id.path("anonymousId").asText()).isEqualTo("l-phone"));
    }

    @Test
    void shouldStoreTheEntryOfEveryCustomerOfOneBatchBeforeAcknowledgingIt()
    {
        define("batch-entered", "/ok", "[\"segment.entered\"]", "carted", "");
        final List<String> customers = List.of("b-1", "b-2", "b-3", "b-linked");
        customers.forEach(customer -> consent(customer, true));
        assertThat(api.postJson("/v1/identities", "{\"anonymousId\":\"b-phone\",\"user\":\"b-linked\"}")
            .status()).isEqualTo(200);

        final ApiServer.Answer answer = api.post("/v1/events", "application/x-ndjson", """
            {"type":"add_to_cart","user":"b-1","product":"tv-1"}
            {"type":"add_to_cart","user":"b-2","product":"tv-1"}
            {"type":"add_to_cart","user":"b-3","product":"tv-2"}
            {"type":"add_to_cart","anonymousId":"b-phone","product":"tv-2"}
            """.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(4);
        for (final String customer : customers)
        {
            final Outbox outbox = api.server().grid().webhooks().outbox(ProfileKeys.user(customer));
            assertThat(outbox).as("%s's transition is in the grid once the batch is acknowledged", customer)
                .isNotNull();
            assertThat(outbox.memberships()).as(customer).isNotEmpty();
        }
        for (final String customer : customers)
        {
            await().atMost(WAIT).until(() -> !of(customer, "batch-entered").isEmpty());
        }
    }

    @Test
    void shouldShowDefinitionsWithoutTheirSecretAndDeleteThem()
    {
        final ApiServer.Answer created = api.put("/v1/webhooks/shown", "application/json", "{\"url\":\"" +
            receiver.url("/ok") + "\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.left\"],\"segments\":" +
            "[\"carted\"]}");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(api.put("/v1/webhooks/shown", "application/json", "{\"url\":\"" + receiver.url("/ok") +
            "\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.left\"],\"segments\":[\"carted\"]}").status())
            .isEqualTo(200);

        final ApiServer.Answer shown = api.get("/v1/webhooks/shown");
        assertThat(shown.status()).isEqualTo(200);
        assertThat(shown.body()).doesNotContain(SECRET).doesNotContain("secret");
        assertThat(shown.json().get("version").asInt()).isEqualTo(2);
        assertThat(shown.json().get("on").get(0).asText()).isEqualTo("segment.left");
        assertThat(api.get("/v1/webhooks").json().get("webhooks").findValuesAsText("id")).contains("shown");
        assertThat(api.get("/v1/webhooks").body()).doesNotContain(SECRET);

        assertThat(api.delete("/v1/webhooks/shown").status()).isEqualTo(200);
        assertThat(api.get("/v1/webhooks/shown").status()).isEqualTo(404);
        assertThat(api.delete("/v1/webhooks/shown").status()).isEqualTo(404);
        assertThat(api.get("/v1/webhooks/never/dead-letters").status()).isEqualTo(404);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"],\"segments\":[\"carted\"]}|/url",
        "{\"url\":\"ftp://x.example/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"]," +
            "\"segments\":[\"carted\"]}|/url",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"short\",\"on\":[\"segment.entered\"]," +
            "\"segments\":[\"carted\"]}|/secret",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[]}|/on",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\",\"order.paid\"]," +
            "\"segments\":[\"carted\"]}|/on/1",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"]}|/segments",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"]," +
            "\"segments\":[\"carted\",\"nope\"]}|/segments/1",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"]," +
            "\"segments\":[\"carted\"],\"include\":[\"sms\"]}|/include/0",
        "{\"url\":\"http://127.0.0.1/h\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"]," +
            "\"segments\":[\"carted\"],\"retries\":3}|/retries",
    })
    void shouldRefuseAnInvalidDefinitionNamingTheFieldAndStoreNothing(final String body, final String pointer)
    {
        final ApiServer.Answer answer = api.put("/v1/webhooks/broken", "application/json", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(pointer);
        assertThat(api.get("/v1/webhooks/broken").status()).as("nothing stored").isEqualTo(404);
    }

    private static void define(final String id, final String path, final String on, final String segment,
        final String more)
    {
        final ApiServer.Answer answer = api.put("/v1/webhooks/" + id, "application/json", "{\"url\":\"" +
            receiver.url(path) + "\",\"secret\":\"" + SECRET + "\",\"on\":" + on + ",\"segments\":[\"" + segment +
            "\"]" + more + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    private static void consent(final String user, final boolean marketing)
    {
        assertThat(api.put("/v1/profiles/" + user + "/consent", "application/json", "{\"marketing\":" + marketing +
            "}").status()).isEqualTo(200);
    }

    private static void event(final String type, final String user, final String product)
    {
        final ApiServer.Answer answer = api.postJson("/v1/events", "{\"type\":\"" + type + "\",\"user\":\"" + user +
            "\"," + (type.equals("purchase") ? "\"items\":[{\"product\":\"" + product + "\"}]" :
            "\"product\":\"" + product + "\"") + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(1);
    }

    private static int pending(final String key)
    {
        final Outbox outbox = api.server().grid().webhooks().outbox(key);
        return outbox == null ? 0 : outbox.pending().size();
    }

    /** What the receiver got about a customer from one webhook. */
    private static List<WebhookReceiver.Received> of(final String user, final String webhook)
    {
        return receiver.about(user).stream().filter(r -> r.json().get("webhook").asText().equals(webhook)).toList();
    }

    private static int indexOf(final List<WebhookReceiver.Received> got, final String type)
    {
        for (int i = 0; i < got.size(); i++)
        {
            if (got.get(i).json().get("type").asText().equals(type))
            {
                return i;
            }
        }
        return -1;
    }
}
