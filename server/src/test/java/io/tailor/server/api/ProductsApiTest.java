package io.tailor.server.api;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class ProductsApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldUpsertAJsonArrayAndReadAProductBack()
    {
        final ApiServer.Answer upsert = api.put("/v1/products", "application/json", """
            [{"id":"shoe-1","title":"Trail Runner","category":"apparel/shoes/running","brand":"Swift","price":120,
              "attributes":{"season":["summer"],"function":"waterproof"},"launchedAt":"2026-11-01T00:00:00Z"},
             {"id":"book-1","category":"media/books","price":12.5}]""");

        assertThat(upsert.status()).isEqualTo(200);
        assertThat(upsert.json().get("upserted").asInt()).isEqualTo(2);
        assertThat(upsert.json().get("rejected")).isEmpty();

        final ApiServer.Answer read = api.get("/v1/products/shoe-1");
        assertThat(read.status()).isEqualTo(200);
        assertThat(read.contentType()).startsWith("application/json");
        assertThat(read.json().get("title").asText()).isEqualTo("Trail Runner");
        assertThat(read.json().get("attributes").get("function").get(0).asText()).isEqualTo("waterproof");
        assertThat(read.json().get("launchedAt").asText()).isEqualTo("2026-11-01T00:00:00Z");
        assertThat(read.json().get("inStock").asBoolean()).isTrue();
    }

    @Test
    void shouldLaunchAProductWhenTheCatalogFirstSawItUnlessTheUploadSaysWhen()
    {
        final Instant before = Instant.now();
        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"launch-1\",\"category\":\"a/new\",\"price\":3}").status()).isEqualTo(200);
        final Instant after = Instant.now();
        final Instant launched = Instant.parse(api.get("/v1/products/launch-1").json().get("launchedAt").asText());
        assertThat(launched).isBetween(before.minusMillis(1), after.plusMillis(1));
        assertThat(api.server().grid().models().current().catalog()
            .launchedAt(api.server().grid().models().current().catalog().indexOf("launch-1")))
            .as("what recommendations see").isEqualTo(launched.toEpochMilli());

        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"launch-1\",\"category\":\"a/new\",\"price\":4}").status()).isEqualTo(200);
        assertThat(api.get("/v1/products/launch-1").json().get("launchedAt").asText())
            .as("an update that does not say keeps it").isEqualTo(launched.toString());
        assertThat(api.get("/v1/products/launch-1").json().get("price").asDouble()).isEqualTo(4.0);

        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"launch-1\",\"category\":\"a/new\",\"price\":4,\"launchedAt\":\"2026-01-02T00:00:00Z\"}")
            .status()).isEqualTo(200);
        assertThat(api.get("/v1/products/launch-1").json().get("launchedAt").asText())
            .isEqualTo("2026-01-02T00:00:00Z");
    }

    @Test
    void shouldShowAProductInThisNodesRecommendationsOnceItsUploadOrRemovalIsAcknowledged()
    {
        assertThat(api.put("/v1/products", "application/json",
            "{\"id\":\"fresh-1\",\"category\":\"a/fresh\",\"price\":3}").status()).isEqualTo(200);
        assertThat(api.server().grid().models().current().catalog().indexOf("fresh-1")).isNotNegative();

        assertThat(api.delete("/v1/products/fresh-1").status()).isEqualTo(200);
        assertThat(api.server().grid().models().current().catalog().indexOf("fresh-1")).isNegative();
    }

    @Test
    void shouldUpsertNdjson()
    {
        final ApiServer.Answer upsert = api.put("/v1/products", "application/x-ndjson",
            "{\"id\":\"nd-1\",\"category\":\"a/b\",\"price\":1}\n\n" +
                "{\"id\":\"nd-2\",\"category\":\"a/c\",\"price\":2}\n");

        assertThat(upsert.status()).isEqualTo(200);
        assertThat(upsert.json().get("upserted").asInt()).isEqualTo(2);
        assertThat(api.get("/v1/products/nd-2").status()).isEqualTo(200);
    }

    @Test
    void shouldStoreTheValidProductsOfABatchAndNameTheInvalidOnes()
    {
        final ApiServer.Answer upsert = api.put("/v1/products", "application/json",
            "[{\"id\":\"ok-1\",\"category\":\"a\",\"price\":1},{\"id\":\"bad-1\",\"category\":\"a\",\"price\":-5}]");

        assertThat(upsert.status()).isEqualTo(200);
        assertThat(upsert.json().get("upserted").asInt()).isEqualTo(1);
        assertThat(upsert.json().get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(upsert.json().get("rejected").get(0).get("field").asText()).isEqualTo("price");
        assertThat(api.get("/v1/products/bad-1").status()).isEqualTo(404);
    }

    @Test
    void shouldAnswer404ProblemForAnUnknownProduct()
    {
        final ApiServer.Answer read = api.get("/v1/products/never-uploaded");

        assertThat(read.status()).isEqualTo(404);
        assertThat(read.contentType()).isEqualTo("application/problem+json");
        assertThat(read.json().get("type").asText()).isEqualTo("https://tailor.io/problems/not-found");
        assertThat(read.json().get("status").asInt()).isEqualTo(404);
        assertThat(read.json().get("field").asText()).isEqualTo("id");
    }

    @Test
    void shouldDeleteAProduct()
    {
        api.put("/v1/products", "application/json", "[{\"id\":\"gone-1\",\"category\":\"a\",\"price\":1}]");

        assertThat(api.delete("/v1/products/gone-1").status()).isEqualTo(200);
        assertThat(api.get("/v1/products/gone-1").status()).isEqualTo(404);
        assertThat(api.delete("/v1/products/gone-1").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "negative price      | {\"id\":\"p\",\"category\":\"a\",\"price\":-1}                 | price",
        "missing price       | {\"id\":\"p\",\"category\":\"a\"}                              | price",
        "missing category    | {\"id\":\"p\",\"price\":1}                                     | category",
        "empty segment       | {\"id\":\"p\",\"category\":\"a//b\",\"price\":1}               | category",
        "dot-dot segment     | {\"id\":\"p\",\"category\":\"a/../b\",\"price\":1}             | category",
        "bad id              | {\"id\":\"../etc\",\"category\":\"a\",\"price\":1}             | id",
        "unknown field       | {\"id\":\"p\",\"category\":\"a\",\"price\":1,\"colour\":\"x\"} | colour",
        "null field          | {\"id\":\"p\",\"category\":\"a\",\"price\":null}               | price",
        "wrong type          | {\"id\":\"p\",\"category\":\"a\",\"price\":\"cheap\"}          | price",
        "vector length       | {\"id\":\"p\",\"category\":\"a\",\"price\":1,\"vector\":[1,2]} | vector",
        "attribute type      | {\"id\":\"p\",\"category\":\"a\",\"price\":1,\"attributes\":{\"x\":5}} | attributes.x",
    })
    void shouldRefuseAnInvalidProductNamingTheField(final String name, final String json, final String field)
    {
        final ApiServer.Answer upsert = api.put("/v1/products", "application/json", json);

        assertThat(upsert.status()).isEqualTo(400);
        assertThat(upsert.contentType()).isEqualTo("application/problem+json");
        assertThat(upsert.json().get("field").asText()).isEqualTo(field);
        assertThat(api.get("/v1/products/p").status()).isEqualTo(404);
    }

    @Test
    void shouldRefuseAnUnreadableIdInThePath()
    {
        final ApiServer.Answer read = api.get("/v1/products/a%20b");

        assertThat(read.status()).isEqualTo(400);
        assertThat(read.json().get("field").asText()).isEqualTo("id");
    }

    @Test
    void shouldRefuseAnotherMediaType()
    {
        final ApiServer.Answer upsert = api.put("/v1/products", "text/plain", "{}");

        assertThat(upsert.status()).isEqualTo(415);
        assertThat(upsert.json().get("field").asText()).isEqualTo("Content-Type");
    }

    @Test
    void shouldTellHowAProductFaresFromTheEventsAboutIt()
    {
        api.put("/v1/products", "application/json", "[{\"id\":\"fare-a\",\"category\":\"fare\",\"price\":1}," +
            "{\"id\":\"fare-b\",\"category\":\"fare\",\"price\":1}]");
        api.awaitProduct("fare-b");
        api.postJson("/v1/events", "[{\"type\":\"view\",\"user\":\"f1\",\"product\":\"fare-a\"}," +
            "{\"type\":\"view\",\"user\":\"f1\",\"product\":\"fare-b\"}," +
            "{\"type\":\"view\",\"user\":\"f2\",\"product\":\"fare-b\"}," +
            "{\"type\":\"view\",\"user\":\"f3\",\"product\":\"fare-b\"}," +
            "{\"type\":\"click\",\"user\":\"f3\",\"product\":\"fare-b\"}," +
            "{\"type\":\"purchase\",\"user\":\"f3\",\"product\":\"fare-b\"}]");

        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).untilAsserted(() ->
        {
            final com.fasterxml.jackson.databind.JsonNode a = api.get("/v1/products/fare-a/stats").json();
            final com.fasterxml.jackson.databind.JsonNode b = api.get("/v1/products/fare-b/stats").json();
            assertThat(a.get("signals").asLong())
                .as("a view, the pair viewed with fare-b, and fare-b viewed next after it").isEqualTo(3);
            assertThat(b.get("signals").asLong()).isGreaterThan(a.get("signals").asLong());
            assertThat(b.get("popularity").asDouble()).isGreaterThan(a.get("popularity").asDouble());
            assertThat(b.get("popularityRank").asInt()).isLessThan(a.get("popularityRank").asInt());
            assertThat(b.get("clickedLastDay").asDouble()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
            assertThat(a.get("clickedLastDay").asDouble()).isZero();
        });
        assertThat(api.get("/v1/products/no-such/stats").status()).isEqualTo(404);
    }
}
