package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.support.BackgroundErrors;
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
 * {@code GET /v1/stats}, the console's overview as JSON: counts since start that move with the requests made,
 * each route's last-second latency, the model, and every member's share of the partitions.
 */
class StatsApiTest
{
    private static final int PARTITIONS = 271;

    private static ApiServer shared;

    @BeforeAll
    static void start()
    {
        shared = ApiServer.start();
    }

    @AfterAll
    static void stop()
    {
        shared.close();
    }

    @Test
    void shouldTellWhichModelTheItemFactorsWereLearntFrom()
    {
        try (ApiServer api = ApiServer.start())
        {
            api.server().grid().modelRefresher().learnFactorsNow();

            final JsonNode model = api.get("/v1/stats").json().get("model");

            // Learnt from a model built at or before the one served now, never a later one.
            final Instant factorsFrom = Instant.parse(model.get("factorsFrom").asText());
            assertThat(factorsFrom).isBeforeOrEqualTo(Instant.parse(model.get("builtAt").asText()));
            assertThat(factorsFrom.toEpochMilli())
                .isEqualTo(api.server().grid().modelRefresher().factorsFromMs());
        }
    }

    @Test
    void shouldCountAnswersByStatusClassEventsAndTheLastSecondOfEachRoute()
    {
        try (ApiServer api = ApiServer.start())
        {
            api.put("/v1/products", "application/json", "[{\"id\":\"a\",\"category\":\"c\",\"price\":1}," +
                "{\"id\":\"b\",\"category\":\"c\",\"price\":2}]");
            api.awaitProduct("b");
            api.postJson("/v1/events", "[{\"id\":\"1\",\"type\":\"view\",\"user\":\"u\",\"product\":\"a\"}," +
                "{\"id\":\"1\",\"type\":\"view\",\"user\":\"u\",\"product\":\"a\"}]");
            assertThat(api.get("/v1/recommendations?user=u").status()).isEqualTo(200);
            assertThat(api.get("/v1/recommendations?user=u").status()).isEqualTo(200);
            assertThat(api.get("/v1/recommendations?user=u&k=0").status()).isEqualTo(400);

            final JsonNode stats = api.get("/v1/stats").json();

            final JsonNode recs = stats.at("/routes/GET ~1v1~1recommendations");
            assertThat(recs.get("count").asLong()).isEqualTo(3);
            assertThat(recs.get("status2xx").asLong()).isEqualTo(2);
            assertThat(recs.get("status4xx").asLong()).isEqualTo(1);
            assertThat(recs.get("status5xx").asLong()).isZero();
            assertThat(stats.at("/events/accepted").asLong()).isEqualTo(1);
            assertThat(stats.at("/events/duplicates").asLong()).isEqualTo(1);
            assertThat(stats.get("degraded").asLong()).isZero();
            assertThat(stats.at("/model/products").asInt()).isEqualTo(2);
            assertThat(stats.get("ready").asBoolean()).isTrue();
            for (final String place : BackgroundErrors.PLACES)
            {
                assertThat(stats.at("/backgroundErrors").get(place).asLong()).as(place).isZero();
            }
            // The last-second quantiles: the three answers fall into one or two of the node's intervals; a read
            // within the same interval repeats it (same length), so each interval is counted once.
            final java.util.Map<Double, Long> intervals = new java.util.HashMap<>();
            await().atMost(Duration.ofSeconds(10)).until(() ->
            {
                final JsonNode recent = api.get("/v1/stats").json().at("/routes/GET ~1v1~1recommendations/recent");
                if (recent.get("count").asLong() > 0)
                {
                    assertThat(recent.get("seconds").asDouble()).isGreaterThanOrEqualTo(1.0);
                    assertThat(recent.get("p50Us").asDouble()).isPositive();
                    assertThat(recent.get("p999Us").asDouble()).isGreaterThanOrEqualTo(
                        recent.get("p50Us").asDouble());
                }
                intervals.put(recent.get("seconds").asDouble(), recent.get("count").asLong());
                return intervals.values().stream().mapToLong(Long::longValue).sum() == 3;
            });
            final JsonNode members = stats.at("/grid/members");
            assertThat(members).hasSize(1);
            assertThat(members.at("/0/local").asBoolean()).isTrue();
            assertThat(members.at("/0/partitionsOwned").asInt()).isEqualTo(PARTITIONS);
            assertThat(members.at("/0/backups").asInt()).as("one member holds no backups").isZero();
        }
    }

    @Test
    void shouldKeepEachRoutesOneSecondSamplesWhetherOrNotAnyoneReads()
    {
        final ApiServer api = shared;
        for (int i = 0; i < 3; i++)
        {
            assertThat(api.get("/v1/recommendations?user=u").status()).isEqualTo(200);
        }

        // Nobody reads /v1/stats: the node samples on its own, once a second.
        final JsonNode history = await().atMost(Duration.ofSeconds(10)).until(
            () -> api.get("/v1/stats/history?route=GET%20/v1/recommendations").json(),
            answer -> answer.get("samples").findValues("count").stream().mapToLong(JsonNode::asLong).sum() == 3);

        assertThat(history.get("route").asText()).isEqualTo("GET /v1/recommendations");
        assertThat(history.get("seconds").asInt()).isEqualTo(300);
        assertThat(history.get("node").asText()).isEqualTo(api.get("/v1/stats").json().get("node").asText());
        Instant previous = Instant.MIN;
        for (final JsonNode sample : history.get("samples"))
        {
            final Instant at = Instant.parse(sample.get("at").asText());
            assertThat(at).as("oldest first").isAfter(previous);
            previous = at;
            assertThat(sample.get("seconds").asDouble()).as("each interval at least a second")
                .isGreaterThanOrEqualTo(1.0);
            if (sample.get("count").asLong() > 0)
            {
                assertThat(sample.get("p50Us").asDouble()).isPositive();
                assertThat(sample.get("p999Us").asDouble()).isGreaterThanOrEqualTo(sample.get("p50Us").asDouble());
            }
        }
        final JsonNode lastSecond = api.get("/v1/stats/history?route=GET%20/v1/recommendations&seconds=1").json();
        assertThat(lastSecond.get("samples").size()).as("one a second, give or take the edge").isLessThanOrEqualTo(2);
        final JsonNode idle = api.get("/v1/stats/history?route=DELETE%20/v1/profiles/%7Buser%7D&seconds=300")
            .json();
        assertThat(idle.get("samples")).isNotEmpty()
            .allSatisfy(sample -> assertThat(sample.get("count").asLong()).isZero());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "                                                     | route",
        "route=                                               | route",
        "route=GET%20/v1/nothing                              | route",
        "route=recommendations&seconds=10                     | route",
        "route=GET%20/v1/recommendations&seconds=0            | seconds",
        "route=GET%20/v1/recommendations&seconds=301          | seconds",
        "route=GET%20/v1/recommendations&seconds=1.5          | seconds",
        "route=GET%20/v1/recommendations&seconds=             | seconds",
        "route=GET%20/v1/recommendations&seconds=99999999999  | seconds"})
    void shouldRefuseAHistoryQueryNamingTheBadParameter(final String query, final String field)
    {
        final ApiServer.Answer answer = shared.get("/v1/stats/history" + (query == null ? "" : "?" + query));

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void shouldShowEachMembersPrimariesAndBackupsWhichTogetherCoverEveryPartitionOnce()
    {
        final String cluster = "stats-" + UUID.randomUUID();
        final int firstPort = GridFixtures.freePort();
        final int secondPort = GridFixtures.freePort();
        final List<String> addresses = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        try (ApiServer first = ApiServer.builder().cluster(cluster, firstPort, addresses).start();
            ApiServer second = ApiServer.builder().cluster(cluster, secondPort, addresses).start())
        {
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
            {
                final JsonNode members = first.get("/v1/stats").json().at("/grid/members");
                assertThat(members).hasSize(2);
                int primaries = 0;
                int backups = 0;
                for (final JsonNode member : members)
                {
                    assertThat(member.get("partitionsOwned").asInt()).isPositive();
                    primaries += member.get("partitionsOwned").asInt();
                    backups += member.get("backups").asInt();
                }
                assertThat(primaries).isEqualTo(PARTITIONS);
                assertThat(backups).as("one synchronous backup of each partition").isEqualTo(PARTITIONS);
            });
            final JsonNode fromSecond = second.get("/v1/stats").json().at("/grid/members");
            assertThat(fromSecond.findValues("local")).extracting(JsonNode::asBoolean)
                .containsExactlyInAnyOrder(true, false);
        }
    }
}
