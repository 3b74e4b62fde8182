package io.tailor.server.system;

import io.tailor.grid.GridFixtures;
import io.tailor.server.api.FeedServer;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * System test 5: an HTTP server that is a client of a two-member dedicated grid answers the same
 * recommendations as an embedded node of the same grid.
 */
class ClientModeIT
{
    @TempDir
    Path dir;

    @Test
    void shouldAnswerTheSameRecommendationsAsAnEmbeddedNode() throws IOException
    {
        final String cluster = "it-" + UUID.randomUUID();
        final Path logs = Path.of("target", "it-logs", cluster);
        final int[] gridPorts = {GridFixtures.freePort(), GridFixtures.freePort(), GridFixtures.freePort()};
        final List<String> join = List.of("127.0.0.1:" + gridPorts[0], "127.0.0.1:" + gridPorts[1],
            "127.0.0.1:" + gridPorts[2]);
        try (Node grid0 = Node.grid("grid0", logs, dir.resolve("g0"), GridFixtures.freePort(), gridPorts[0],
                join, cluster).start();
             Node grid1 = Node.grid("grid1", logs, dir.resolve("g1"), GridFixtures.freePort(), gridPorts[1],
                 join, cluster).start())
        {
            grid0.awaitReady(2);
            grid1.awaitReady(2);
            // Each node learns its collaborative factors on its own schedule, a minute or more apart, so two nodes
            // can order a list differently for that long: a property of factor learning, not of client mode. With
            // factors off, both nodes rank from the same grid state alone.
            final Path config = Files.writeString(dir.resolve("tailor.yaml"), "model:\n  factors:\n    rank: 0\n");
            final List<String> options = List.of("--config", config.toString());
            try (Node embedded = Node.serve("embedded", logs, dir.resolve("e"), GridFixtures.freePort(),
                    gridPorts[2], join, cluster, options).start().awaitReady(3);
                 Node client = Node.client("client", logs, GridFixtures.freePort(), join.subList(0, 2),
                     cluster, options).start().awaitReady(3))
            {
                Checks.uploadCatalog(client);
                final StringBuilder events = new StringBuilder();
                for (int s = 0; s < 20; s++)
                {
                    events.append("{\"type\":\"view\",\"user\":\"c").append(s).append("\",\"product\":\"p")
                        .append(s % 20).append("\"}\n");
                }
                // Product p<j> is viewed by j more shoppers, so no two products are equally popular. With one view
                // each, every product's popularity differed only by its decay to the moment each node built its
                // model, and two nodes building a second apart broke those ties differently (CI, JDK 25: c0's p12
                // first on one node, third on the other).
                for (int j = 0; j < 20; j++)
                {
                    for (int n = 0; n < j; n++)
                    {
                        events.append("{\"type\":\"view\",\"user\":\"crowd-").append(j).append('-').append(n)
                            .append("\",\"product\":\"p").append(j).append("\"}\n");
                    }
                }
                assertThat(embedded.send("POST", "/v1/events", "application/x-ndjson", events.toString()).status())
                    .isEqualTo(200);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                    products(embedded) == 20 && products(client) == 20);

                // Each node rebuilds its model from the grid on its own schedule: within a second or two of the
                // last change, both answer alike. The lists are not recorded as shown: every retry of this loop
                // would otherwise count towards the frequency cap, and the two nodes would compare lists capped
                // at different moments.
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                {
                    for (int s = 0; s < 20; s++)
                    {
                        final String query = "/v1/recommendations?user=c" + s + "&k=5&recordImpressions=false";
                        final JsonNode fromEmbedded = embedded.get(query).json();
                        final JsonNode fromClient = client.get(query).json();
                        assertThat(fromClient.get("degraded").asBoolean()).isFalse();
                        assertThat(fromClient.get("strategy")).isEqualTo(fromEmbedded.get("strategy"));
                        assertThat(items(fromClient)).as("c" + s).isEqualTo(items(fromEmbedded));
                    }
                });

                // A webhook defined through the client is stored in the grid and read back through either node (the
                // members that own the customers send its deliveries: WebhookClientModeIT).
                assertThat(client.send("PUT", "/v1/segments/s", "application/json",
                    "{\"rule\":{\"window\":\"1d\",\"type\":\"view\",\"count\":{\"gte\":1}}}").status())
                    .isEqualTo(201);
                final Node.Answer webhook = client.send("PUT", "/v1/webhooks/crm", "application/json",
                    "{\"url\":\"http://127.0.0.1:9/h\",\"secret\":\"whsec-0123456789abcdef\"," +
                    "\"on\":[\"segment.entered\"],\"segments\":[\"s\"]}");
                assertThat(webhook.status()).as(webhook.body()).isEqualTo(201);
                assertThat(embedded.get("/v1/webhooks/crm").status()).isEqualTo(200);
                // A catalog feed defined through the client is fetched once, by one of the two HTTP nodes (the
                // dedicated members fetch nothing), and its product is served by both.
                try (FeedServer feed = FeedServer.start())
                {
                    feed.serve("id,title,price\nfeed-1,Mug,8.50 EUR\n");
                    assertThat(client.send("PUT", "/v1/feeds/it", "application/json", "{\"url\":\"" + feed.url() +
                        "\",\"format\":\"csv\",\"every\":\"1h\"}").status()).isEqualTo(201);
                    await().atMost(Duration.ofSeconds(30)).until(() -> "applied".equals(
                        client.get("/v1/feeds/it").json().path("lastFetch").path("result").asText()));
                    assertThat(embedded.get("/v1/products/feed-1").status()).isEqualTo(200);
                    assertThat(client.get("/v1/products/feed-1").status()).isEqualTo(200);
                    assertThat(feed.requests()).isEqualTo(1);
                }
            }
        }
    }

    private static int products(final Node node)
    {
        final Node.Answer ready = node.get("/health/ready");
        return ready == null ? -1 : ready.json().get("products").asInt();
    }

    private static List<String> items(final JsonNode recommendation)
    {
        final List<String> items = new ArrayList<>();
        recommendation.get("items").forEach(item -> items.add(item.get("product").asText()));
        return items;
    }
}
