package io.tailor.server.system;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.GridFixtures;
import io.tailor.server.api.WebhookReceiver;
import io.tailor.server.security.WebhookSignature;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Webhooks where the HTTP nodes are Hazelcast clients of dedicated grid members: two {@code tailor grid} processes,
 * one {@code tailor serve --client} process and a real receiver on loopback. Webhooks, consent, events and erasure
 * go through the client; the members, which own the customers' partitions and outboxes, evaluate the triggers,
 * sign and send, retry, keep the dead letters (read back through the client) and count it all in their
 * {@code /metrics}. A member killed mid-delivery loses nothing: the other member holds the backups of its outboxes
 * and sends them; nor does a restart of the whole grid: the outboxes are in the members' data files.
 */
class WebhookClientModeIT
{
    private static final String SECRET = "whsec-client-0123456789";
    private static final String CARTED = "{\"purpose\":\"marketing\",\"rule\":{\"window\":\"1d\"," +
        "\"type\":\"add_to_cart\",\"count\":{\"gte\":1}}}";
    private static final int SHOPPERS = 8;

    @TempDir
    Path dir;

    @Test
    void shouldDeliverEachEntryOnceFromTheDedicatedMembersAndListDeadLettersThroughTheClient() throws Exception
    {
        final String cluster = "it-" + UUID.randomUUID();
        final Path logs = Path.of("target", "it-logs", cluster);
        final int[] gridPorts = {GridFixtures.freePort(), GridFixtures.freePort()};
        final List<String> join = List.of("127.0.0.1:" + gridPorts[0], "127.0.0.1:" + gridPorts[1]);
        // Retries a few tenths of a second apart for 3 s, so that a receiver that never acknowledges makes dead
        // letters within the test; the same file for members and client, as the README asks.
        final Path config = Files.writeString(dir.resolve("tailor.yaml"),
            "webhooks:\n  firstRetry: 100ms\n  maxRetryWait: 400ms\n  horizon: 3s\n");
        final List<String> options = List.of("--config", config.toString());
        try (WebhookReceiver receiver = new WebhookReceiver();
             Node grid0 = Node.grid("grid0", logs, dir.resolve("g0"), GridFixtures.freePort(), gridPorts[0], join,
                 cluster, options).start();
             Node grid1 = Node.grid("grid1", logs, dir.resolve("g1"), GridFixtures.freePort(), gridPorts[1], join,
                 cluster, options).start())
        {
            grid0.awaitReady(2);
            grid1.awaitReady(2);
            try (Node client = Node.client("client", logs, GridFixtures.freePort(), join, cluster, options).start()
                .awaitReady(2))
            {
                Checks.uploadCatalog(client);
                assertThat(client.send("PUT", "/v1/segments/carted", "application/json", CARTED).status())
                    .isEqualTo(201);
                define(client, "crm", receiver.url("/ok"), ",\"include\":[\"email\"]");
                define(client, "down", receiver.url("/down"), "");
                assertThat(client.get("/v1/webhooks").json().get("webhooks")).hasSize(2);

                // Erased once /ok has its entry, while /down's is still retried, and before the others' events:
                // had the erasure not cancelled that pending delivery, its dead letter would come before theirs.
                cart(client, "erased");
                await().atMost(Duration.ofSeconds(20)).until(() ->
                    receiver.about("erased").stream().anyMatch(r -> r.path().equals("/ok")));
                assertThat(client.delete("/v1/profiles/erased").status()).isEqualTo(200);

                final List<String> shoppers = IntStream.range(0, SHOPPERS).mapToObj(i -> "cm" + i).toList();
                final List<Long> millis = new ArrayList<>();
                for (final String shopper : shoppers)
                {
                    final long start = System.nanoTime();
                    cart(client, shopper);
                    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(5)).until(() ->
                        receiver.about(shopper).stream().anyMatch(r -> r.path().equals("/ok")));
                    millis.add((System.nanoTime() - start) / 1_000_000);
                }
                System.out.println("WebhookClientModeIT: event to segment.entered received, ms: " + millis);

                await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(deadLetters(client, "down")).hasSize(SHOPPERS));
                for (final JsonNode letter : deadLetters(client, "down"))
                {
                    assertThat(shoppers).contains(letter.get("customer").get("user").asText());
                    assertThat(letter.get("type").asText()).isEqualTo("segment.entered");
                    assertThat(letter.get("segment").asText()).isEqualTo("carted");
                    assertThat(letter.get("attempts").asInt()).isGreaterThan(1);
                    assertThat(letter.get("lastError").asText()).isEqualTo("HTTP 503");
                }
                assertThat(deadLetters(client, "crm")).isEmpty();

                for (final String shopper : shoppers)
                {
                    final List<WebhookReceiver.Received> got = receiver.about(shopper).stream()
                        .filter(r -> r.path().equals("/ok")).toList();
                    assertThat(got).as("one delivery to " + shopper).hasSize(1);
                    final JsonNode body = got.get(0).json();
                    assertThat(body.get("id").asText()).isEqualTo(got.get(0).eventId());
                    assertThat(body.get("type").asText()).isEqualTo("segment.entered");
                    assertThat(body.get("webhook").asText()).isEqualTo("crm");
                    assertThat(body.get("segment").asText()).isEqualTo("carted");
                    assertThat(body.get("email").get("items")).as("the email top-k, computed on the member")
                        .isNotEmpty();
                    assertThat(WebhookSignature.verify(SECRET, got.get(0).signature(), got.get(0).body())).isTrue();
                    assertThat(WebhookSignature.verify("another-secret-0123", got.get(0).signature(),
                        got.get(0).body())).isFalse();
                }

                final String metrics = grid0.get("/metrics").body() + grid1.get("/metrics").body();
                assertThat(counted(metrics, "delivered", "crm")).isEqualTo(SHOPPERS + 1);
                assertThat(counted(metrics, "failed", "down")).isEqualTo(SHOPPERS);
                assertThat(metrics).contains("tailor_webhook_lag_seconds{webhook=\"crm\"}");
                // The same counts through the client's API, summed over the members.
                final JsonNode crm = client.get("/v1/webhooks/crm").json().get("deliveries");
                assertThat(crm.get("delivered").asLong()).isEqualTo(SHOPPERS + 1);
                assertThat(crm.get("lagSeconds").asDouble()).isNotNegative();
                final JsonNode down = client.get("/v1/webhooks/down").json().get("deliveries");
                assertThat(down.get("failed").asLong()).isEqualTo(SHOPPERS);
                assertThat(down.get("retried").asLong()).isGreaterThanOrEqualTo(SHOPPERS);
            }
        }
    }

    @Test
    void shouldDeliverEveryEntryOnceWhenADedicatedMemberIsKilledMidDelivery() throws Exception
    {
        final String cluster = "it-" + UUID.randomUUID();
        final Path logs = Path.of("target", "it-logs", cluster);
        final int[] gridPorts = {GridFixtures.freePort(), GridFixtures.freePort()};
        final List<String> join = List.of("127.0.0.1:" + gridPorts[0], "127.0.0.1:" + gridPorts[1]);
        try (WebhookReceiver receiver = new WebhookReceiver();
             Node grid0 = Node.grid("grid0", logs, dir.resolve("g0"), GridFixtures.freePort(), gridPorts[0], join,
                 cluster).start();
             Node grid1 = Node.grid("grid1", logs, dir.resolve("g1"), GridFixtures.freePort(), gridPorts[1], join,
                 cluster).start())
        {
            grid0.awaitReady(2);
            grid1.awaitReady(2);
            try (Node client = Node.client("client", logs, GridFixtures.freePort(), join, cluster).start()
                .awaitReady(2))
            {
                Checks.uploadCatalog(client);
                assertThat(client.send("PUT", "/v1/segments/carted", "application/json", CARTED).status())
                    .isEqualTo(201);
                define(client, "crm", receiver.url("/half"), "");
                final List<String> shoppers = IntStream.range(0, 30).mapToObj(i -> "k" + i).toList();
                for (final String shopper : shoppers)
                {
                    cart(client, shopper);
                }
                // Each delivery needs two attempts at least, a second apart: most are pending or in flight now,
                // half of them, about, on the member killed. Its backups are on the other member, whose re-check
                // finds them.
                final long pending = shoppers.stream().filter(shopper -> receiver.about(shopper).stream()
                    .noneMatch(WebhookReceiver.Received::acknowledged)).count();
                grid1.kill();
                System.out.println("WebhookClientModeIT: customers without an acknowledged entry at the kill: " +
                    pending + " of " + shoppers.size());

                await().atMost(Duration.ofSeconds(120)).untilAsserted(() ->
                    assertThat(shoppers.stream().filter(shopper -> receiver.about(shopper).stream()
                        .noneMatch(WebhookReceiver.Received::acknowledged)).toList())
                        .as("customers without an acknowledged entry").isEmpty());
                for (final String shopper : shoppers)
                {
                    final List<WebhookReceiver.Received> got = receiver.about(shopper);
                    assertThat(got.stream().map(WebhookReceiver.Received::eventId).distinct()).as(shopper)
                        .hasSize(1);
                    for (final WebhookReceiver.Received request : got)
                    {
                        assertThat(WebhookSignature.verify(SECRET, request.signature(), request.body())).isTrue();
                    }
                }
            }
        }
    }

    /**
     * Once disabled as flaky (one customer of ten without an acknowledged entry after the restart): the cause was a
     * member dropping a pending delivery as "webhook deleted" when the definition arrived between two reads of its
     * registry (found 2026-12-06 through WebhookDeliveryIT's diagnosis, fixed in {@code WebhookRegistry.known}).
     */
    @Test
    void shouldDeliverPendingEntriesAfterTheDedicatedMembersRestart() throws Exception
    {
        final String cluster = "it-" + UUID.randomUUID();
        final Path logs = Path.of("target", "it-logs", cluster);
        final int[] gridPorts = {GridFixtures.freePort(), GridFixtures.freePort()};
        final List<String> join = List.of("127.0.0.1:" + gridPorts[0], "127.0.0.1:" + gridPorts[1]);
        // Retries wait at most 5 s here (10 min by default): what is asserted is that pending deliveries survive the
        // restart and go out, not how long the backoff is.
        final Path config = Files.writeString(dir.resolve("restart.yaml"), "webhooks:\n  maxRetryWait: 5s\n");
        final List<String> options = List.of("--config", config.toString());
        try (WebhookReceiver receiver = new WebhookReceiver();
             Node grid0 = Node.grid("grid0", logs, dir.resolve("r0"), GridFixtures.freePort(), gridPorts[0], join,
                 cluster, options).start();
             Node grid1 = Node.grid("grid1", logs, dir.resolve("r1"), GridFixtures.freePort(), gridPorts[1], join,
                 cluster, options).start())
        {
            grid0.awaitReady(2);
            grid1.awaitReady(2);
            final List<String> shoppers = IntStream.range(0, 10).mapToObj(i -> "r" + i).toList();
            try (Node client = Node.client("client", logs, GridFixtures.freePort(), join, cluster, options).start()
                .awaitReady(2))
            {
                Checks.uploadCatalog(client);
                assertThat(client.send("PUT", "/v1/segments/carted", "application/json", CARTED).status())
                    .isEqualTo(201);
                define(client, "crm", receiver.url("/gate"), "");
                for (final String shopper : shoppers)
                {
                    cart(client, shopper);
                }
                for (final String shopper : shoppers)
                {
                    await().atMost(Duration.ofSeconds(60)).until(() -> !receiver.about(shopper).isEmpty());
                }
            }

            // The whole grid stops at once, every entry refused so far and pending in the members' data files.
            final Thread stopping = new Thread(grid1::stop);
            stopping.start();
            grid0.stop();
            stopping.join();
            receiver.open();
            grid0.start();
            grid1.start();
            grid0.awaitReady(2);
            grid1.awaitReady(2);

            try
            {
                await().atMost(Duration.ofSeconds(120)).until(() -> shoppers.stream().allMatch(shopper ->
                    receiver.about(shopper).stream().anyMatch(WebhookReceiver.Received::acknowledged)));
            }
            catch (final ConditionTimeoutException ex)
            {
                // On CI the node logs are gone: the failure says what each member's dispatcher did.
                final List<String> missing = shoppers.stream().filter(shopper -> receiver.about(shopper).stream()
                    .noneMatch(WebhookReceiver.Received::acknowledged)).toList();
                throw new AssertionError("customers without an acknowledged entry: " + missing + "\n" +
                    grid0.diagnosis("tailor-webhook", "ebhook") + grid1.diagnosis("tailor-webhook", "ebhook"), ex);
            }
            for (final String shopper : shoppers)
            {
                assertThat(receiver.about(shopper).stream().map(WebhookReceiver.Received::eventId).distinct())
                    .as(shopper).hasSize(1);
            }
        }
    }

    private static void define(final Node client, final String id, final String url, final String more)
    {
        final Node.Answer answer = client.send("PUT", "/v1/webhooks/" + id, "application/json", "{\"url\":\"" + url +
            "\",\"secret\":\"" + SECRET + "\",\"on\":[\"segment.entered\"],\"segments\":[\"carted\"]" + more + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(201);
    }

    /** Marketing consent and a cart event, which enters the segment. */
    private static void cart(final Node client, final String shopper)
    {
        assertThat(client.send("PUT", "/v1/profiles/" + shopper + "/consent", "application/json",
            "{\"marketing\":true}").status()).isEqualTo(200);
        assertThat(client.send("POST", "/v1/events", "application/json", "{\"type\":\"add_to_cart\",\"user\":\"" +
            shopper + "\",\"product\":\"p3\"}").status()).isEqualTo(200);
    }

    private static List<JsonNode> deadLetters(final Node client, final String webhook)
    {
        final Node.Answer answer = client.get("/v1/webhooks/" + webhook + "/dead-letters");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
        final List<JsonNode> letters = new ArrayList<>();
        answer.json().get("deadLetters").forEach(letters::add);
        return letters;
    }

    /** The deliveries the members' scrapes count for one webhook and outcome, summed over the members. */
    private static long counted(final String scrapes, final String outcome, final String webhook)
    {
        final String series = "tailor_webhook_deliveries_total{outcome=\"" + outcome + "\",webhook=\"" + webhook +
            "\"} ";
        long total = 0;
        for (final String line : scrapes.split("\n"))
        {
            if (line.startsWith(series))
            {
                total += (long)Double.parseDouble(line.substring(series.length()).trim());
            }
        }
        return total;
    }
}
