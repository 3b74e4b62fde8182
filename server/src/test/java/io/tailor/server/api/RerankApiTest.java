package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code POST /v1/rerank}: a list the storefront supplies, ordered for the shopper, against a real node. */
class RerankApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 10; i++)
        {
            products.append(i == 0 ? "" : ",")
                .append("{\"id\":\"run-").append(i).append("\",\"category\":\"apparel/shoes/running\",")
                .append("\"brand\":\"Swift\",\"price\":90},")
                .append("{\"id\":\"pan-").append(i).append("\",\"category\":\"home/kitchen/cookware\",")
                .append("\"brand\":\"Hearth\",\"price\":40").append(i == 9 ? ",\"inStock\":false" : "")
                .append("}");
        }
        products.append("]");
        assertThat(api.put("/v1/products", "application/json", products.toString()).status()).isEqualTo(200);
        api.awaitProduct("pan-9");
        // The crowd looks at pan-4 most, then pan-2.
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 12; i++)
        {
            views.append("{\"type\":\"view\",\"user\":\"crowd-").append(i).append("\",\"product\":\"pan-")
                .append(i < 8 ? 4 : 2).append("\"}\n");
        }
        assertThat(api.post("/v1/events", "application/x-ndjson", views.toString().getBytes()).status())
            .isEqualTo(200);
        api.server().grid().flushModelNow();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldPutWhatTheShopperIsInterestedInFirstAndKeepUnknownProductsAtTheEndInOrder()
    {
        for (int i = 1; i <= 3; i++)
        {
            api.postJson("/v1/events", "{\"id\":\"rr-" + i + "\",\"type\":\"view\",\"user\":\"runner\"," +
                "\"product\":\"run-" + i + "\"}");
        }

        final JsonNode answer = api.postJson("/v1/rerank", "{\"user\":\"runner\",\"items\":[\"pan-1\"," +
            "\"zz-unknown\",\"run-5\",\"pan-3\",\"aa-unknown\",\"run-6\"],\"explain\":true}").json();

        assertThat(answer.get("strategy").asText()).isEqualTo("personalized");
        assertThat(products(answer)).containsExactlyInAnyOrder("pan-1", "zz-unknown", "run-5", "pan-3",
            "aa-unknown", "run-6");
        assertThat(products(answer).subList(0, 2)).containsExactlyInAnyOrder("run-5", "run-6");
        assertThat(products(answer).subList(4, 6)).containsExactly("zz-unknown", "aa-unknown");
        final JsonNode unknown = answer.get("items").get(4);
        assertThat(unknown.get("known").asBoolean()).isFalse();
        assertThat(unknown.get("score").isNull()).isTrue();
        assertThat(answer.get("items").get(0).get("reasons")).isNotEmpty();
        assertThat(answer.get("removed")).isEmpty();
    }

    @Test
    void shouldOrderByWhatTheCrowdLooksAtForAShopperWithoutHistory()
    {
        final JsonNode answer = api.postJson("/v1/rerank", "{\"anonymousId\":\"first-visit\",\"items\":" +
            "[\"pan-7\",\"pan-2\",\"pan-6\",\"pan-4\"]}").json();

        assertThat(answer.get("strategy").asText()).isEqualTo("popular");
        assertThat(products(answer)).startsWith("pan-4", "pan-2").hasSize(4);
    }

    @Test
    void shouldTakeOutWhatARuleRemovesAndNameTheRuleButKeepWhatTheShopperJustViewed()
    {
        api.postJson("/v1/events", "{\"id\":\"rb-1\",\"type\":\"purchase\",\"user\":\"buyer\",\"items\":" +
            "[{\"product\":\"pan-5\",\"quantity\":1,\"price\":45}]}");
        api.postJson("/v1/events", "{\"id\":\"rb-2\",\"type\":\"view\",\"user\":\"buyer\",\"product\":\"pan-6\"}");

        final JsonNode answer = api.postJson("/v1/rerank", "{\"user\":\"buyer\",\"items\":[\"pan-5\",\"pan-6\"," +
            "\"pan-9\",\"run-0\"],\"k\":10}").json();

        assertThat(products(answer)).containsExactlyInAnyOrder("pan-6", "run-0");
        final List<String> removed = new ArrayList<>();
        answer.get("removed").forEach(entry -> removed.add(entry.get("product").asText() + ":" +
            entry.get("rule").asText()));
        assertThat(removed).containsExactly("pan-5:purchased", "pan-9:out_of_stock");
    }

    @Test
    void shouldReturnAtMostKKnownProducts()
    {
        final JsonNode answer = api.postJson("/v1/rerank", "{\"user\":\"few\",\"items\":[\"pan-1\",\"pan-2\"," +
            "\"pan-3\",\"mystery\"],\"k\":2}").json();

        assertThat(products(answer)).hasSize(3).endsWith("mystery");
    }

    @Test
    void shouldNotCountTheListTowardsTheFrequencyCapUnlessAsked()
    {
        for (int i = 0; i < 5; i++)
        {
            api.postJson("/v1/rerank", "{\"user\":\"browser\",\"items\":[\"pan-1\",\"pan-2\"]}");
        }
        api.server().grid().profiles().impressions().flushNow();

        final JsonNode answer = api.postJson("/v1/rerank", "{\"user\":\"browser\",\"items\":[\"pan-1\",\"pan-2\"]}")
            .json();

        assertThat(products(answer)).containsExactlyInAnyOrder("pan-1", "pan-2");
    }

    @Test
    void shouldAnswerEachSuppliedProductOnceAsTheCatalogNamesItWithAScoreAndNoReasonsUnlessExplained()
    {
        // pan-3 sent with an escaped hyphen: the answer names the product, not the escape
        final ApiServer.Answer answer = api.postJson("/v1/rerank", "{\"anonymousId\":\"plain\",\"items\":" +
            "[\"pan-1\",\"run-2\",\"pan\\u002d3\",\"pan-4\",\"run-7\"]}");

        assertThat(answer.status()).isEqualTo(200);
        final JsonNode items = answer.json().get("items");
        assertThat(products(answer.json())).containsExactlyInAnyOrder("pan-1", "run-2", "pan-3", "pan-4", "run-7");
        double previous = Double.MAX_VALUE;
        for (final JsonNode item : items)
        {
            final List<String> fields = new ArrayList<>();
            item.fieldNames().forEachRemaining(fields::add);
            assertThat(fields).containsExactly("product", "score", "reasons");
            assertThat(item.get("reasons")).isEmpty();
            assertThat(item.get("score").asDouble()).isLessThanOrEqualTo(previous);
            previous = item.get("score").asDouble();
        }
    }

    @Test
    void shouldRefuseARepeatAnywhereInAFullList()
    {
        final StringBuilder body = new StringBuilder("{\"user\":\"u\",\"items\":[");
        for (int i = 0; i < 499; i++)
        {
            body.append(i == 0 ? "" : ",").append("\"p-").append(i).append('"');
        }
        body.append(",\"p-250\"]}");

        final ApiServer.Answer answer = api.postJson("/v1/rerank", body.toString());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("items[499]");
        assertThat(answer.json().get("detail").asText()).contains("repeats p-250");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "no shopper        | {\"items\":[\"pan-1\"]}                                  | user",
        "no items          | {\"user\":\"u\"}                                        | items",
        "empty items       | {\"user\":\"u\",\"items\":[]}                           | items",
        "items not a list  | {\"user\":\"u\",\"items\":\"pan-1\"}                     | items",
        "a repeated item   | {\"user\":\"u\",\"items\":[\"pan-1\",\"pan-1\"]}          | items[1]",
        "a bad id          | {\"user\":\"u\",\"items\":[\"pan-1\",\"a b\"]}            | items[1]",
        "k of 0            | {\"user\":\"u\",\"items\":[\"pan-1\"],\"k\":0}             | k",
        "k over 500        | {\"user\":\"u\",\"items\":[\"pan-1\"],\"k\":501}           | k",
        "a bad placement   | {\"user\":\"u\",\"items\":[\"pan-1\"],\"placement\":\"x\"} | placement",
        "an unknown field  | {\"user\":\"u\",\"items\":[\"pan-1\"],\"size\":3}          | size"})
    void shouldRefuseABadBodyNamingTheField(final String name, final String body, final String field)
    {
        final ApiServer.Answer answer = api.postJson("/v1/rerank", body);

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo(field);
    }

    @Test
    void shouldRefuseMoreThan500Items()
    {
        final StringBuilder body = new StringBuilder("{\"user\":\"u\",\"items\":[");
        for (int i = 0; i < 501; i++)
        {
            body.append(i == 0 ? "" : ",").append("\"p-").append(i).append('"');
        }
        body.append("]}");

        final ApiServer.Answer answer = api.postJson("/v1/rerank", body.toString());

        assertThat(answer.status()).isEqualTo(400);
        assertThat(answer.json().get("field").asText()).isEqualTo("items");
    }

    private static List<String> products(final JsonNode json)
    {
        final List<String> ids = new ArrayList<>();
        json.get("items").forEach(item -> ids.add(item.get("product").asText()));
        return ids;
    }
}
