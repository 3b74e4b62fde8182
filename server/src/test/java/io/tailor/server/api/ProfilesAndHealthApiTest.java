package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ProfilesAndHealthApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        api.put("/v1/products", "application/json", """
            [{"id":"shoe-1","category":"apparel/shoes/running","brand":"Swift","price":100},
             {"id":"book-1","category":"media/books","brand":"Quill","price":10}]""");
        api.awaitProduct("book-1");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldShowWhatIsHeldOnAShopper()
    {
        api.postJson("/v1/events", """
            [{"id":"1","type":"view","user":"ann","product":"shoe-1","ts":"2026-11-20T10:00:00Z"},
             {"id":"2","type":"purchase","user":"ann","items":[{"product":"book-1","quantity":3,"price":10}],
              "ts":"2026-11-20T10:05:00Z"}]""");

        final JsonNode profile = api.get("/v1/profiles/ann").json();

        assertThat(profile.get("user").asText()).isEqualTo("ann");
        assertThat(profile.get("version").asInt()).isEqualTo(2);
        assertThat(profile.get("recent").get(0).get("product").asText()).isEqualTo("book-1");
        assertThat(profile.get("recent").get(1).get("product").asText()).isEqualTo("shoe-1");
        assertThat(profile.get("purchased").get(0).get("product").asText()).isEqualTo("book-1");
        assertThat(profile.get("counts").get("view").asInt()).isEqualTo(1);
        assertThat(profile.get("counts").get("purchase").asInt()).isEqualTo(1);
        assertThat(profile.get("spend").asDouble()).isEqualTo(30.0);
        assertThat(profile.get("categories")).hasSize(2);
        assertThat(profile.get("brands").get(0).get("brand").asText()).isIn("Swift", "Quill");
    }

    @Test
    void shouldShowTheIdAsSentOfAProductTheCatalogNeverHeld()
    {
        api.postJson("/v1/events", """
            [{"id":"u1","type":"view","user":"una","product":"not-uploaded-7","ts":"2026-11-20T10:00:00Z"},
             {"id":"u2","type":"view","user":"una","product":"shoe-1","ts":"2026-11-20T10:01:00Z"}]""");

        // the id is remembered by an asynchronous write beside the event's
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(api.get("/v1/profiles/una").json().get("recent").findValuesAsText("product"))
                .containsExactly("shoe-1", "not-uploaded-7"));
        final JsonNode export = api.get("/v1/profiles/una/export").json().get("profile");
        assertThat(export.get("activity").findValuesAsText("product")).containsExactly("shoe-1", "not-uploaded-7");
        assertThat(export.get("firstTouched").findValuesAsText("product")).containsExactly("shoe-1", "not-uploaded-7");
    }

    @Test
    void shouldGoOnShowingTheIdOfAProductDeletedFromTheCatalog()
    {
        api.put("/v1/products", "application/json", "[{\"id\":\"gone-1\",\"category\":\"media/books\",\"price\":5}]");
        api.awaitProduct("gone-1");
        api.postJson("/v1/events", "{\"id\":\"g1\",\"type\":\"view\",\"user\":\"gus\",\"product\":\"gone-1\"}");

        assertThat(api.delete("/v1/products/gone-1").status()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(10))
            .until(() -> api.server().grid().models().current().catalog().indexOf("gone-1") < 0);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
            assertThat(api.get("/v1/profiles/gus").json().get("recent").findValuesAsText("product"))
                .containsExactly("gone-1"));
    }

    @Test
    void shouldEraseAShopperSoThatNothingIsHeldAfterwards()
    {
        api.postJson("/v1/events", "{\"id\":\"z1\",\"type\":\"view\",\"user\":\"zoe\",\"product\":\"shoe-1\"}");
        assertThat(api.get("/v1/profiles/zoe").status()).isEqualTo(200);

        final ApiServer.Answer erased = api.delete("/v1/profiles/zoe");

        assertThat(erased.status()).isEqualTo(200);
        assertThat(erased.json().get("erased").get("profile").asBoolean()).isTrue();
        assertThat(api.get("/v1/profiles/zoe").status()).isEqualTo(404);
        assertThat(api.get("/v1/recommendations?user=zoe").json().get("strategy").asText()).isEqualTo("popular");
        assertThat(api.delete("/v1/profiles/zoe").status()).isEqualTo(404);
    }

    @Test
    void shouldExposePrometheusMetricsAndServerSideLatency()
    {
        final double acceptedBefore = value(api.get("/metrics").body(), "tailor_events_total{outcome=\"accepted\"}");
        final double rejectedBefore = value(api.get("/metrics").body(), "tailor_events_total{outcome=\"rejected\"}");
        api.get("/v1/recommendations?user=metrics&k=2");
        api.postJson("/v1/events", "[{\"type\":\"view\",\"user\":\"m\",\"product\":\"shoe-1\"},{\"type\":\"x\"}]");

        final String metrics = api.get("/metrics").body();
        assertThat(metrics)
            .contains("tailor_http_requests_seconds_bucket{")
            .contains("route=\"/v1/recommendations\"")
            .contains("tailor_grid_members 1.0")
            .contains("tailor_ready 1.0")
            .contains("tailor_model_age_seconds")
            .contains("jvm_memory_used_bytes");
        assertThat(value(metrics, "tailor_events_total{outcome=\"accepted\"}")).isEqualTo(acceptedBefore + 1);
        assertThat(value(metrics, "tailor_events_total{outcome=\"rejected\"}")).isEqualTo(rejectedBefore + 1);

        final JsonNode latency = api.get("/metrics/latency").json().get("routes").get("GET /v1/recommendations");
        assertThat(latency.get("count").asLong()).isPositive();
        assertThat(latency.get("p99Us").asDouble()).isPositive();
        assertThat(api.delete("/metrics/latency").status()).isEqualTo(204);
        assertThat(api.get("/metrics/latency").json().get("routes").get("GET /v1/recommendations").get("count")
            .asLong()).isZero();
    }

    @Test
    void shouldExposeEveryMetricTheAlertsAndDashboardUse() throws Exception
    {
        api.get("/v1/recommendations?user=dashboard&k=2");
        // a promotion's series exist while one is defined
        assertThat(api.put("/v1/promotions/dashboard", "application/json", "{\"products\":[\"book-1\"]," +
            "\"target\":10,\"until\":\"" + java.time.Instant.now().plus(java.time.Duration.ofDays(1)) + "\"}")
            .status()).isEqualTo(201);
        final String metrics = api.get("/metrics").body();
        api.delete("/v1/promotions/dashboard");
        final java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("tailor.project.root", ".."));
        final String deploy = java.nio.file.Files.readString(root.resolve("deploy/prometheus/alerts.yml")) +
            java.nio.file.Files.readString(root.resolve("deploy/grafana/tailor.json"));
        final java.util.regex.Matcher names = java.util.regex.Pattern.compile("\\btailor_[a-z_]+").matcher(deploy);
        final java.util.Set<String> missing = new java.util.TreeSet<>();
        while (names.find())
        {
            if (!metrics.contains("\n" + names.group() + "{") && !metrics.contains("\n" + names.group() + " "))
            {
                missing.add(names.group());
            }
        }
        assertThat(missing).as("metrics used by deploy/ but not exposed").isEmpty();
    }

    private static double value(final String metrics, final String series)
    {
        for (final String line : metrics.split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1));
            }
        }
        throw new AssertionError("no series " + series);
    }

    @Test
    void shouldAnswer404ForAShopperWithoutProfile()
    {
        final ApiServer.Answer answer = api.get("/v1/profiles/stranger");

        assertThat(answer.status()).isEqualTo(404);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldReportLiveAndReady()
    {
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        final ApiServer.Answer ready = api.get("/health/ready");
        assertThat(ready.status()).isEqualTo(200);
        assertThat(ready.json().get("status").asText()).isEqualTo("UP");
        assertThat(api.get("/v1/ping").json().get("status").asText()).isEqualTo("ok");
    }

    @Test
    void shouldAnswerProblemsForUnknownRoutesAndMethods()
    {
        final ApiServer.Answer missing = api.get("/v2/nothing");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");

        final ApiServer.Answer wrongMethod = api.delete("/v1/recommendations");
        assertThat(wrongMethod.status()).isEqualTo(405);
        assertThat(wrongMethod.contentType()).isEqualTo("application/problem+json");
    }
}
