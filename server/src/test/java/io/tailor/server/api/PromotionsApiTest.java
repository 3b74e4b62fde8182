package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.MutableClock;
import io.tailor.scoring.rank.ExplorationSettings;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code /v1/promotions}: defining, reading, listing, redefining and deleting promotions; bad definitions refused
 * with a problem naming the field and nothing stored; the promoted slot turned off per placement; and delivered
 * impressions counted across the nodes of a cluster, kept when a node leaves.
 */
class PromotionsApiTest
{
    private static final Instant NOW = Instant.parse("2026-12-01T12:00:00Z");
    private static final String UNTIL = NOW.plus(Duration.ofDays(7)).toString();
    private static MutableClock clock;
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        clock = new MutableClock(NOW);
        api = ApiServer.builder().clock(clock).start();
        catalog(api);
        assertThat(api.put("/v1/segments/vip", "application/json",
            "{\"rule\":{\"profile\":\"spend\",\"gte\":100}}").status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"products\":[\"shoe-1\",\"ghost\"],\"target\":10,\"until\":\"%U\"}                  | /products/1",
        "{\"products\":[],\"target\":10,\"until\":\"%U\"}                                       | /products",
        "{\"target\":10,\"until\":\"%U\"}                                                       | /products",
        "{\"products\":[\"shoe 1\"],\"target\":10,\"until\":\"%U\"}                             | /products/0",
        "{\"products\":[\"shoe-1\"],\"target\":0,\"until\":\"%U\"}                              | /target",
        "{\"products\":[\"shoe-1\"],\"target\":-5,\"until\":\"%U\"}                             | /target",
        "{\"products\":[\"shoe-1\"],\"target\":2.5,\"until\":\"%U\"}                            | /target",
        "{\"products\":[\"shoe-1\"],\"target\":\"10\",\"until\":\"%U\"}                         | /target",
        "{\"products\":[\"shoe-1\"],\"until\":\"%U\"}                                           | /target",
        "{\"products\":[\"shoe-1\"],\"target\":10}                                              | /until",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"from\":\"%U\",\"until\":\"%U\"}             | /until",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"2026-11-30T00:00:00Z\"}           | /until",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"2028-01-01T00:00:00Z\"}           | /until",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"next week\"}                      | /until",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"from\":12,\"until\":\"%U\"}                 | /from",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"placements\":[\"footer\"]} | /placements/0",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"placements\":[]}           | /placements",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"colour\":\"red\"}          | /colour",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":[]}             | /audience",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"age\":3}}     | /audience/age",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"categories\":[\"garden\"]}}"
            + " | /audience/categories/0",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"categories\":[\"a//b\"]}}"
            + " | /audience/categories/0",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"brands\":[\"Nobody\"]}}"
            + " | /audience/brands/0",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"segment\":\"ghosts\"}}"
            + " | /audience/segment",
    })
    void shouldRefuseABadDefinitionNamingTheFieldAndStoreNothing(final String body, final String field)
    {
        final ApiServer.Answer answer = api.put("/v1/promotions/bad", "application/json", body.replace("%U", UNTIL));

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(api.get("/v1/promotions/bad").status()).isEqualTo(404);
        assertThat(api.get("/v1/promotions").json().get("promotions").toString()).doesNotContain("\"bad\"");
    }

    @Test
    void shouldRefuseABodyThatIsNotJson()
    {
        final ApiServer.Answer answer = api.put("/v1/promotions/bad", "application/json", "{\"products\":");

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(api.get("/v1/promotions/bad").status()).isEqualTo(404);
    }

    @Test
    void shouldDefineReadListRedefineAndDeleteAPromotion()
    {
        final String definition = "{\"name\":\"Runners' week\",\"products\":[\"shoe-1\",\"shoe-2\"],\"audience\":" +
            "{\"categories\":[\"apparel/shoes\"],\"brands\":[\"Swift\"],\"segment\":\"vip\"},\"target\":700," +
            "\"from\":\"" + NOW.minus(Duration.ofDays(1)) + "\",\"until\":\"" + UNTIL + "\"}";

        final ApiServer.Answer created = api.put("/v1/promotions/runners", "application/json", definition);
        final JsonNode read = api.get("/v1/promotions/runners").json();
        final JsonNode listed = api.get("/v1/promotions").json().get("promotions");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(read.get("state").asText()).isEqualTo("running");
        assertThat(read.get("target").asLong()).isEqualTo(700);
        assertThat(read.get("delivered").asLong()).isZero();
        assertThat(read.get("scheduled").asLong()).as("one day of eight").isEqualTo(87);
        assertThat(read.get("definition").get("placements").toString()).isEqualTo("[\"home\",\"product\"]");
        assertThat(read.get("definition").get("audience").get("segment").asText()).isEqualTo("vip");
        assertThat(listed).extracting(node -> node.get("id").asText()).contains("runners");
        assertThat(api.get("/metrics").body()).contains("tailor_promotion_impressions{kind=\"scheduled\"," +
            "promotion=\"runners\"} 87.0").contains("tailor_promotion_impressions{kind=\"target\"," +
            "promotion=\"runners\"} 700.0");

        final ApiServer.Answer redefined = api.put("/v1/promotions/runners", "application/json",
            definition.replace("700", "1400"));
        assertThat(redefined.status()).isEqualTo(200);
        assertThat(redefined.json().get("version").asLong()).isEqualTo(2);
        assertThat(redefined.json().get("scheduled").asLong()).isEqualTo(175);

        assertThat(api.delete("/v1/promotions/runners").status()).isEqualTo(200);
        assertThat(api.get("/v1/promotions/runners").status()).isEqualTo(404);
        assertThat(api.delete("/v1/promotions/runners").status()).isEqualTo(404);
        assertThat(api.get("/v1/promotions").json().get("promotions").toString()).doesNotContain("\"runners\"");
        assertThat(api.get("/metrics").body()).doesNotContain("promotion=\"runners\"");
    }

    @Test
    void shouldDefaultTheStartToNowAndStartTheScheduleThere()
    {
        final ApiServer.Answer created = api.put("/v1/promotions/from-now", "application/json",
            "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"" + UNTIL + "\"}");

        assertThat(created.status()).as(created.body()).isEqualTo(201);
        assertThat(created.json().get("from").asText()).isEqualTo(NOW.toString());
        assertThat(created.json().get("definition").get("from").asText()).isEqualTo(NOW.toString());
        assertThat(created.json().get("scheduled").asLong()).isZero();
        assertThat(api.delete("/v1/promotions/from-now").status()).isEqualTo(200);
    }

    @Test
    void shouldShowNoPromotedSlotWhereThePlacementHasNone()
    {
        final MutableClock own = new MutableClock(NOW);
        try (ApiServer off = ApiServer.builder().clock(own).ranking(RankingSettings.DEFAULT.withExploration(
            ExplorationSettings.DEFAULT.withPromotionSlots(Placement.HOME, 0))).start())
        {
            catalog(off);
            off.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"fan\",\"product\":\"shoe-2\"}");
            assertThat(off.put("/v1/promotions/everyone", "application/json", "{\"products\":[\"book-1\"]," +
                "\"target\":1000,\"from\":\"" + NOW.minus(Duration.ofDays(1)) + "\",\"until\":\"" + UNTIL + "\"," +
                "\"placements\":[\"home\",\"product\"]}").status()).isEqualTo(201);

            final JsonNode home = off.get("/v1/recommendations?user=fan&k=4&explain=true").json();
            final JsonNode product = off.get("/v1/recommendations?user=fan&k=4&explain=true&placement=product" +
                "&product=shoe-2").json();

            assertThat(home.toString()).doesNotContain("\"promoted\"");
            assertThat(product.toString()).as("the product page keeps its slot").contains("\"promoted\"")
                .contains("\"promotion\":\"everyone\"");
        }
    }

    @Test
    void shouldCountDeliveredImpressionsAcrossNodesAndKeepThemWhenANodeLeaves()
    {
        final String cluster = "promotions-" + UUID.randomUUID();
        final int firstPort = GridFixtures.freePort();
        final int secondPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        final MutableClock shared = new MutableClock(NOW);
        try (ApiServer first = ApiServer.builder().clock(shared).cluster(cluster, firstPort, members).start())
        {
            long seen = 0;
            try (ApiServer second = ApiServer.builder().clock(shared).cluster(cluster, secondPort, members).start())
            {
                await().atMost(Duration.ofSeconds(30)).until(() -> second.server().grid().stats().members() == 2);
                catalog(first);
                second.awaitProduct("book-1");
                // no audience, a target far ahead of what these lists can deliver: every list serves it
                assertThat(first.put("/v1/promotions/everyone", "application/json", "{\"products\":[\"book-1\"," +
                    "\"shoe-3\"],\"target\":100000,\"from\":\"" + NOW.minus(Duration.ofDays(1)) + "\",\"until\":\"" +
                    UNTIL + "\"}").status()).isEqualTo(201);
                await().atMost(Duration.ofSeconds(10)).until(() ->
                    second.get("/v1/promotions/everyone").status() == 200);
                for (int i = 0; i < 30; i++)
                {
                    for (final ApiServer node : List.of(first, second))
                    {
                        final String answer = node.get("/v1/recommendations?anonymousId=visitor-" + i +
                            "&k=4&explain=true").body();
                        seen += answer.contains("\"promotion\":\"everyone\"") ? 1 : 0;
                    }
                }
                assertThat(seen).as("lists on both nodes served it").isGreaterThan(30);
                final long total = seen;
                for (final ApiServer node : List.of(first, second))
                {
                    await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).until(() ->
                        node.get("/v1/promotions/everyone").json().get("delivered").asLong() == total);
                }
            }
            // the second node left (its last counts merged on the way out); what both delivered stays
            await().atMost(Duration.ofSeconds(30)).until(() -> first.server().grid().stats().members() == 1);
            final long total = seen;
            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(100)).untilAsserted(() ->
                assertThat(first.get("/v1/promotions/everyone").json().get("delivered").asLong()).isEqualTo(total));
        }
    }

    private static void catalog(final ApiServer server)
    {
        assertThat(server.put("/v1/products", "application/json", """
            [{"id":"shoe-1","category":"apparel/shoes/running","brand":"Swift","price":100},
             {"id":"shoe-2","category":"apparel/shoes/running","brand":"Swift","price":110},
             {"id":"shoe-3","category":"apparel/shoes/trail","brand":"Peak","price":120},
             {"id":"book-1","category":"media/books","price":10}]""").status()).isEqualTo(200);
        server.awaitProduct("book-1");
    }
}
