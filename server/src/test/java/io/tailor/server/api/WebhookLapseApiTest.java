package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.grid.webhook.Outbox;
import io.tailor.server.config.WebhookSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code segment.left} driven by time alone: a customer whose segment window lapses with no event at all leaves at the
 * owner's next re-check of its memberships, with server time moved by the test.
 */
class WebhookLapseApiTest
{
    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-12-01T09:00:00Z"));
    private static final WebhookSettings QUICK = new WebhookSettings(Duration.ofMillis(50), Duration.ofMillis(200),
        Duration.ofHours(24), Duration.ofMillis(300), Duration.ofSeconds(5));

    private static ApiServer api;
    private static WebhookReceiver receiver;

    @BeforeAll
    static void start()
    {
        receiver = new WebhookReceiver();
        api = ApiServer.builder().clock(CLOCK).webhooks(QUICK).start();
        api.put("/v1/products", "application/json",
            "[{\"id\":\"kettle\",\"title\":\"Kettle\",\"category\":\"home/kitchen\",\"price\":40}]");
        api.awaitProduct("kettle");
    }

    @AfterAll
    static void stop()
    {
        api.close();
        receiver.close();
    }

    @Test
    void shouldSendSegmentLeftWhenTheWindowLapsesWithoutAnyEvent()
    {
        assertThat(api.put("/v1/segments/recent-carts", "application/json", "{\"purpose\":\"marketing\",\"rule\":" +
            "{\"window\":\"1d\",\"type\":\"add_to_cart\",\"count\":{\"gte\":1}}}").status()).isEqualTo(201);
        assertThat(api.put("/v1/webhooks/lapse", "application/json", "{\"url\":\"" + receiver.url("/ok") +
            "\",\"secret\":\"whsec-0123456789abcdef\",\"on\":[\"segment.entered\",\"segment.left\"]," +
            "\"segments\":[\"recent-carts\"]}").status()).isEqualTo(201);
        api.put("/v1/profiles/lena/consent", "application/json", "{\"marketing\":true}");
        assertThat(api.postJson("/v1/events", "{\"type\":\"add_to_cart\",\"user\":\"lena\",\"product\":\"kettle\"}")
            .status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about("lena").size() == 1);
        assertThat(receiver.about("lena").get(0).json().get("type").asText()).isEqualTo("segment.entered");

        CLOCK.advance(Duration.ofHours(23));
        assertThat(outbox("u:lena").memberships()).as("still in the window").hasSize(1);

        CLOCK.advance(Duration.ofHours(1).plusMinutes(1));
        await().atMost(Duration.ofSeconds(30)).until(() -> receiver.about("lena").size() == 2);

        final JsonNode left = receiver.about("lena").get(1).json();
        assertThat(left.get("type").asText()).isEqualTo("segment.left");
        assertThat(left.get("segment").asText()).isEqualTo("recent-carts");
        assertThat(Instant.parse(left.get("time").asText())).as("decided after the lapse, with no event")
            .isAfter(Instant.parse("2026-12-02T09:00:00Z"));
        assertThat(outbox("u:lena").memberships()).isEmpty();
        assertThat(outbox("u:lena").pending()).isEmpty();
    }

    private static Outbox outbox(final String key)
    {
        return api.server().grid().webhooks().outbox(key);
    }
}
