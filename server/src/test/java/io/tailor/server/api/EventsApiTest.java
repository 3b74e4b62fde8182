package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.server.config.InputLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

class EventsApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start(new InputLimits(64 * 1024, 100, 100, 10, 100, Duration.ofMinutes(5),
            Duration.ofDays(730)));
        api.put("/v1/products", "application/json", """
            [{"id":"shoe-1","category":"apparel/shoes/running","brand":"Swift","price":100},
             {"id":"shoe-2","category":"apparel/shoes/running","brand":"Swift","price":110},
             {"id":"book-1","category":"media/books","brand":"Quill","price":10}]""");
        api.awaitProduct("book-1");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldAcceptOneEventAndCountItsResendAsDuplicate()
    {
        final String event = "{\"id\":\"e-1\",\"type\":\"view\",\"user\":\"u1\",\"product\":\"shoe-1\"}";

        final ApiServer.Answer first = api.postJson("/v1/events", event);
        final ApiServer.Answer second = api.postJson("/v1/events", event);

        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("accepted").asInt()).isEqualTo(1);
        assertThat(first.json().get("duplicates").asInt()).isZero();
        assertThat(second.json().get("accepted").asInt()).isZero();
        assertThat(second.json().get("duplicates").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/profiles/u1").json().get("version").asInt()).isEqualTo(1);
    }

    @Test
    void shouldAcceptTheGoodLinesOfAnNdjsonBatchAndNameEachBadOne()
    {
        final String body = String.join("\n",
            "{\"id\":\"n-1\",\"type\":\"view\",\"user\":\"u2\",\"product\":\"shoe-1\"}",
            "{\"id\":\"n-2\",\"type\":\"view\",\"user\":\"u2\"}",
            "{\"id\":\"n-3\",\"type\":\"add_to_cart\",\"user\":\"u2\",\"product\":\"shoe-2\"}",
            "{broken",
            "{\"id\":\"n-5\",\"type\":\"purchase\",\"user\":\"u3\",\"items\":[{\"product\":\"book-1\",\"quantity\":2," +
                "\"price\":10}]}");

        final ApiServer.Answer answer = api.post("/v1/events", "application/x-ndjson",
            body.getBytes(StandardCharsets.UTF_8));

        assertThat(answer.status()).isEqualTo(200);
        final JsonNode json = answer.json();
        assertThat(json.get("accepted").asInt()).isEqualTo(3);
        assertThat(json.get("rejected")).hasSize(2);
        assertThat(json.get("rejected").get(0).get("index").asInt()).isEqualTo(1);
        assertThat(json.get("rejected").get(0).get("line").asInt()).isEqualTo(2);
        assertThat(json.get("rejected").get(0).get("field").asText()).isEqualTo("product");
        assertThat(json.get("rejected").get(1).get("index").asInt()).isEqualTo(3);
        assertThat(api.get("/v1/profiles/u3").json().get("spend").asDouble()).isEqualTo(20.0);
    }

    @Test
    void shouldAcceptAJsonArray()
    {
        final ApiServer.Answer answer = api.postJson("/v1/events",
            "[{\"id\":\"a-1\",\"type\":\"click\",\"anonymousId\":\"c-9\",\"product\":\"shoe-1\"}," +
                "{\"id\":\"a-2\",\"type\":\"rating\",\"anonymousId\":\"c-9\",\"product\":\"book-1\",\"value\":4}]");

        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        assertThat(api.get("/v1/profiles/c-9?kind=anonymous").json().get("purchased").get(0).get("type").asText())
            .isEqualTo("rating");
    }

    @Test
    void shouldApplyAPastEventWithItsOwnTime()
    {
        final Instant past = Instant.parse("2025-06-01T10:00:00Z");
        api.postJson("/v1/events", "{\"id\":\"h-1\",\"type\":\"view\",\"user\":\"u4\",\"product\":\"shoe-1\"," +
            "\"ts\":\"" + past + "\"}");

        final JsonNode profile = api.get("/v1/profiles/u4").json();
        assertThat(profile.get("recent").get(0).get("at").asText()).isEqualTo(past.toString());
        assertThat(profile.get("updatedAt").asText()).isEqualTo(past.toString());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "unknown type       | {\"type\":\"teleport\",\"user\":\"u\",\"product\":\"shoe-1\"}              | type",
        "missing type       | {\"user\":\"u\",\"product\":\"shoe-1\"}                                    | type",
        "missing user       | {\"type\":\"view\",\"product\":\"shoe-1\"}                                 | user",
        "missing product    | {\"type\":\"view\",\"user\":\"u\"}                                         | product",
        "rating no value    | {\"type\":\"rating\",\"user\":\"u\",\"product\":\"shoe-1\"}                | value",
        "rating too high    | {\"type\":\"rating\",\"user\":\"u\",\"product\":\"shoe-1\",\"value\":9}    | value",
        "future ts          | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"ts\":\"2999-01-01T00:00:00Z\"} | ts",
        "ancient ts         | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"ts\":\"1999-01-01T00:00:00Z\"} | ts",
        "garbage ts         | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"ts\":\"yesterday\"}  | ts",
        "negative quantity  | {\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"product\":\"shoe-1\",\"quantity\":-1}]} | items[0].quantity",
        "item without product | {\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"quantity\":1}]}    | items[0].product",
        "empty items        | {\"type\":\"purchase\",\"user\":\"u\",\"items\":[]}                        | items",
        "user wrong type    | {\"type\":\"view\",\"user\":42,\"product\":\"shoe-1\"}                     | user",
        "user control char  | {\"type\":\"view\",\"user\":\"a\\u0000b\",\"product\":\"shoe-1\"}         | user",
        "unknown field      | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"extra\":1}      | extra",
        "null value         | {\"type\":\"view\",\"user\":null,\"product\":\"shoe-1\"}                   | user",
        "bad channel        | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"channel\":\"tv\"} | channel",
        "too many items     | {\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"},{\"product\":\"a\"}]} | items",
    })
    void shouldRefuseAnInvalidEventNamingTheFieldAndStoreNothing(final String name, final String json,
        final String field)
    {
        final ApiServer.Answer answer = api.postJson("/v1/events", json);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
        assertThat(api.get("/v1/profiles/u").status()).isEqualTo(404);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "malformed        | {\"type\":\"view\",",
        "duplicate key    | {\"type\":\"view\",\"type\":\"click\",\"user\":\"u\",\"product\":\"shoe-1\"}",
        "deep nesting     | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"properties\":{\"a\":{\"b\":{\"c\":{\"d\":{\"e\":{\"f\":{\"g\":{\"h\":{\"i\":{\"j\":{\"k\":{\"l\":{\"m\":{\"n\":{\"o\":{\"p\":{\"q\":1}}}}}}}}}}}}}}}}}}",
        "NaN literal      | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"value\":NaN}",
        "huge number      | {\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"value\":1e999999}",
        "not an object    | 42",
        "empty            | '   '",
    })
    void shouldAnswer4xxToUnreadableBodies(final String name, final String body)
    {
        final ApiServer.Answer answer = api.postJson("/v1/events", body);

        assertThat(answer.status()).isBetween(400, 499);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("detail").asText()).isNotBlank();
    }

    @Test
    void shouldRefuseInvalidUtf8()
    {
        final byte[] body = {'{', '"', 't', 'y', 'p', 'e', '"', ':', '"', (byte)0xC3, (byte)0x28, '"', '}'};

        final ApiServer.Answer answer = api.post("/v1/events", "application/json", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldAnswer413ToAnOversizedBodyAndToAnOversizedBatch()
    {
        final byte[] big = new byte[100 * 1024];
        java.util.Arrays.fill(big, (byte)' ');
        assertThat(api.post("/v1/events", "application/json", big).status()).isEqualTo(413);

        final StringBuilder batch = new StringBuilder();
        for (int i = 0; i < 101; i++)
        {
            batch.append("{\"type\":\"view\",\"user\":\"big\",\"product\":\"shoe-1\"}\n");
        }
        final ApiServer.Answer answer = api.post("/v1/events", "application/x-ndjson",
            batch.toString().getBytes(StandardCharsets.UTF_8));
        assertThat(answer.status()).isEqualTo(413);
        assertThat(api.get("/v1/profiles/big").status()).isEqualTo(404);
    }

    @Test
    void shouldLeaveTheProfileUnchangedByARejectedRequest()
    {
        api.postJson("/v1/events", "{\"id\":\"k-1\",\"type\":\"view\",\"user\":\"u5\",\"product\":\"shoe-1\"}");
        final String before = api.get("/v1/profiles/u5").body();

        api.postJson("/v1/events", "{\"id\":\"k-2\",\"type\":\"view\",\"user\":\"u5\",\"product\":\"shoe-1\"," +
            "\"ts\":\"bad\"}");
        api.postJson("/v1/events", "{\"id\":\"k-3\",\"type\":\"view\",\"user\":\"u5\"");

        assertThat(api.get("/v1/profiles/u5").body()).isEqualTo(before);
    }
}
