package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SchemaValidatorsConfig;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Holds the server to its contract, {@code openapi.yaml}: requests the schema accepts are accepted and
 * those it refuses are refused, answers match their schemas, and every status is a documented one.
 */
class OpenApiContractTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    private static JsonNode spec;
    private static ApiServer api;

    @BeforeAll
    static void start() throws IOException
    {
        try (InputStream in = OpenApiContractTest.class.getResourceAsStream("/openapi.yaml"))
        {
            spec = new ObjectMapper(new YAMLFactory()).readTree(in);
        }
        api = ApiServer.start();
        api.put("/v1/products", "application/json", """
            [{"id":"shoe-1","title":"Trail Runner","category":"apparel/shoes/running","brand":"Swift","price":100,
              "attributes":{"style":["sport"]},"launchedAt":"2026-11-20T00:00:00Z"},
             {"id":"shoe-2","category":"apparel/shoes/running","brand":"Swift","price":110},
             {"id":"book-1","category":"media/books","price":10}]""");
        api.awaitProduct("book-1");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"c1\",\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\"}",
        "{\"type\":\"click\",\"anonymousId\":\"a\",\"product\":\"shoe-1\",\"channel\":\"app\"}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"product\":\"book-1\",\"quantity\":2,\"price\":9.5}]}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"product\":\"book-1\",\"value\":10}",
        "{\"type\":\"rating\",\"user\":\"u\",\"product\":\"book-1\",\"value\":4.5}",
        "{\"type\":\"service\",\"user\":\"u\",\"channel\":\"callcenter\",\"properties\":{\"topic\":\"delivery\"}}",
        "{\"type\":\"search\",\"user\":\"u\",\"ts\":1790000000000}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"ts\":\"2026-11-01T10:00:00+01:00\"}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"store\":\"berlin-1\",\"requestId\":\"r-1\"}",
        "{\"type\":\"view\",\"product\":\"shoe-1\"}",
        "{\"type\":\"view\",\"user\":\"u\"}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"items\":[{\"product\":\"a\"}]}",
        "{\"type\":\"purchase\",\"user\":\"u\"}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"product\":\"a\",\"items\":[{\"product\":\"b\"}]}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"items\":[]}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"product\":\"a\",\"quantity\":0}]}",
        "{\"type\":\"purchase\",\"user\":\"u\",\"items\":[{\"product\":\"a\",\"colour\":\"red\"}]}",
        "{\"type\":\"rating\",\"user\":\"u\",\"product\":\"a\"}",
        "{\"type\":\"rating\",\"user\":\"u\",\"product\":\"a\",\"value\":6}",
        "{\"type\":\"jump\",\"user\":\"u\"}",
        "{\"type\":\"view\",\"user\":\"a b\",\"product\":\"shoe-1\"}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"channel\":\"fax\"}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"surprise\":true}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"ts\":\"soon\"}",
        "{\"type\":\"view\",\"user\":\"u\",\"product\":\"shoe-1\",\"value\":\"high\"}",
        "{\"type\":\"search\",\"user\":\"u\",\"items\":[{\"product\":\"a\"}]}",
    })
    void shouldAcceptAnEventExactlyWhenTheContractDoes(final String event) throws IOException
    {
        final boolean valid = validate("Event", JSON.readTree(event)).isEmpty();

        final ApiServer.Answer answer = api.postJson("/v1/events", event);

        assertThat(answer.status()).as(answer.body()).isEqualTo(valid ? 200 : 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"id\":\"k1\",\"category\":\"a/b\",\"price\":1}",
        "{\"id\":\"k2\",\"title\":\"T\",\"category\":\"a\",\"brand\":\"B\",\"price\":0,\"inStock\":false,\"sensitive\":true}",
        "{\"id\":\"k3\",\"category\":\"a\",\"price\":2,\"attributes\":{\"season\":\"summer\",\"fit\":[\"slim\",\"tall\"]}}",
        "{\"id\":\"k4\",\"category\":\"a\",\"price\":2,\"launchedAt\":\"2026-01-01T00:00:00Z\"}",
        "{\"id\":\"k5\",\"category\":\"a\",\"price\":-2}",
        "{\"id\":\"k6\",\"category\":\"a\"}",
        "{\"id\":\"k7\",\"price\":3}",
        "{\"category\":\"a\",\"price\":3}",
        "{\"id\":\"k8\",\"category\":\"a/\",\"price\":3}",
        "{\"id\":\"k9\",\"category\":\"../a\",\"price\":3}",
        "{\"id\":\"k10\",\"category\":\"a\",\"price\":3,\"attributes\":{\"bad name\":\"x\"}}",
        "{\"id\":\"k11\",\"category\":\"a\",\"price\":3,\"attributes\":{\"x\":[1]}}",
        "{\"id\":\"k12\",\"category\":\"a\",\"price\":3,\"weight\":5}",
        "{\"id\":\"k13\",\"category\":\"a\",\"price\":3,\"inStock\":\"yes\"}",
        "{\"id\":\"k14\",\"category\":\"a/b/c/d/e/f/g/h/i\",\"price\":3}",
    })
    void shouldAcceptAProductExactlyWhenTheContractDoes(final String product) throws IOException
    {
        final boolean valid = validate("Product", JSON.readTree(product)).isEmpty();

        final ApiServer.Answer answer = api.put("/v1/products", "application/json", product);

        assertThat(answer.status()).as(answer.body()).isEqualTo(valid ? 200 : 400);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"name\":\"Big spenders\",\"purpose\":\"marketing\",\"rule\":{\"and\":[{\"window\":\"2d\"," +
            "\"type\":\"purchase\",\"sum\":{\"gte\":100000}},{\"not\":{\"window\":\"2d\",\"type\":\"service\"," +
            "\"count\":{\"gte\":1}}}]}}",
        "{\"rule\":{\"profile\":\"spend\",\"gte\":5}}",
        "{\"purpose\":\"personalization\",\"rule\":{\"or\":[{\"window\":\"30m\",\"type\":\"add_to_cart\"," +
            "\"product\":\"shoe-1\",\"count\":{\"gte\":1}},{\"window\":\"7d\",\"category\":\"apparel\"," +
            "\"count\":{\"gt\":2}}]},\"recommendations\":{\"pinned\":[\"shoe-2\"],\"blocked\":[]}}",
        "{\"rule\":{\"profile\":\"lastServiceContact\",\"olderThan\":\"30d\"}}",
        "{\"rule\":{\"and\":[]}}",
        "{\"rule\":{\"window\":\"2 days\",\"count\":{\"gte\":1}}}",
        "{\"rule\":{\"window\":\"2d\",\"count\":{\"gte\":1},\"sum\":{\"gte\":1}}}",
        "{\"rule\":{\"window\":\"2d\",\"count\":{\"most\":1}}}",
        "{\"rule\":{\"window\":\"2d\",\"type\":\"impression\",\"count\":{\"gte\":1}}}",
        "{\"rule\":{\"nand\":[]}}",
        "{\"purpose\":\"spam\",\"rule\":{\"profile\":\"spend\",\"gte\":5}}",
        "{\"name\":\"no rule\"}",
        "{\"rule\":{\"profile\":\"spend\",\"gte\":5},\"owner\":\"me\"}",
    })
    void shouldAcceptASegmentExactlyWhenTheContractDoes(final String segment) throws IOException
    {
        final boolean valid = validate("SegmentDefinition", JSON.readTree(segment)).isEmpty();

        final ApiServer.Answer answer = api.put("/v1/segments/contract", "application/json", segment);

        assertThat(answer.status()).as(answer.body()).isIn(valid ? List.of(200, 201) : List.of(400));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"anonymousId\":\"c-1\",\"user\":\"contract-u\"}",
        "{\"user\":\"contract-u\",\"loyaltyId\":\"card-c\"}",
        "{\"user\":\"contract-u\"}",
        "{\"anonymousId\":\"c-1\"}",
        "{\"anonymousId\":\"c-1\",\"loyaltyId\":\"l\",\"user\":\"u\"}",
        "{\"anonymousId\":\"c 1\",\"user\":\"u\"}",
        "{\"anonymousId\":\"c-1\",\"user\":\"u\",\"ts\":1}",
    })
    void shouldAcceptAnIdentityLinkExactlyWhenTheContractDoes(final String link) throws IOException
    {
        final boolean valid = validate("IdentityLinkRequest", JSON.readTree(link)).isEmpty();

        final ApiServer.Answer answer = api.postJson("/v1/identities", link);

        assertThat(answer.status()).as(answer.body()).isEqualTo(valid ? 200 : 400);
    }

    @Test
    void shouldAnswerCustomerDataInTheDocumentedShapes() throws IOException
    {
        api.postJson("/v1/events", "[{\"type\":\"view\",\"anonymousId\":\"cd-cookie\",\"product\":\"shoe-1\"}," +
            "{\"type\":\"impression\",\"user\":\"cd\",\"product\":\"shoe-2\"}," +
            "{\"type\":\"purchase\",\"user\":\"cd\",\"items\":[{\"product\":\"book-1\",\"price\":10}]}]");
        assertConforms("IdentityLinkResult", api.postJson("/v1/identities",
            "{\"anonymousId\":\"cd-cookie\",\"user\":\"cd\"}"));
        assertConforms("ConsentResult", api.put("/v1/profiles/cd/consent", "application/json",
            "{\"marketing\":true}"));
        assertConforms("PreferencesResult", api.put("/v1/profiles/cd/preferences", "application/json",
            "{\"categories\":[\"apparel\"],\"brands\":[\"Swift\"],\"sizes\":[\"M\"]," +
            "\"dislikedProducts\":[\"shoe-2\"]}"));
        api.put("/v1/products", "application/json", "[{\"id\":\"shirt-1\",\"category\":\"apparel/shirts\"," +
            "\"brand\":\"Swift\",\"price\":30,\"attributes\":{\"size\":[\"M\",\"L\"]}}]");
        api.awaitProduct("shirt-1");
        final ApiServer.Answer sized = api.get("/v1/recommendations?user=cd&k=3&explain=true");
        assertThat(sized.body()).as("a product in her stated size says so").contains("\"code\":\"size\"");
        assertConforms("Recommendations", sized);
        assertConforms("Segment", api.put("/v1/segments/cd-buyers", "application/json",
            "{\"purpose\":\"marketing\",\"rule\":{\"window\":\"1d\",\"type\":\"purchase\"," +
            "\"count\":{\"gte\":1}}}"));
        assertConforms("Segment", api.get("/v1/segments/cd-buyers"));
        assertConforms("SegmentMembers", api.get("/v1/segments/cd-buyers/members?limit=1"));
        for (final String line : api.get("/v1/segments/cd-buyers/export").body().split("\n"))
        {
            assertThat(validate("SegmentMember", JSON.readTree(line))).as(line).isEmpty();
        }
        assertConforms("Profile", api.get("/v1/profiles/cd"));
        assertConforms("ProfileExport", api.get("/v1/profiles/cd/export"));
        assertConforms("NearPurchaseAudience", api.get("/v1/audiences/near-purchase?product=shoe-1"));
        assertConforms("Erasure", api.delete("/v1/profiles/cd"));
        assertConforms("Problem", api.get("/v1/profiles/cd/export"));
        assertConforms("Problem", api.put("/v1/segments/cd-x", "application/json", "{\"rule\":{}}"));
    }

    @Test
    void shouldAnswerExperimentsInTheDocumentedShapes() throws IOException
    {
        final String definition = "{\"placement\":\"email\",\"arms\":[{\"name\":\"control\",\"share\":0.5," +
            "\"strategy\":\"popular\"},{\"name\":\"tailor\",\"share\":0.5,\"weights\":{\"session\":2}}]}";
        assertThat(validate("ExperimentDefinition", JSON.readTree(definition))).isEmpty();
        assertConforms("Experiment", api.put("/v1/experiments/contract", "application/json", definition));
        assertConforms("Experiment", api.get("/v1/experiments/contract"));
        assertConforms("Recommendations", api.get("/v1/recommendations?user=shape&placement=email&k=3"));
        assertThat(api.get("/v1/recommendations?user=shape&placement=email&k=3").json().get("experiment")
            .get("id").asText()).isEqualTo("contract");
        assertConforms("ExperimentResults", api.get("/v1/experiments/contract/results"));
        assertConforms("Experiment", api.send("POST", "/v1/experiments/contract/stop", null, null, null));
        assertConforms("Problem", api.put("/v1/experiments/contract-x", "application/json", "{}"));
        assertThat(api.delete("/v1/experiments/contract").status()).isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\"}",
        "{\"name\":\"n\",\"products\":[\"shoe-1\",\"book-1\"],\"audience\":{\"categories\":[\"apparel\"]," +
            "\"brands\":[\"Swift\"]},\"target\":1000000000,\"from\":\"2098-06-01T00:00:00Z\"," +
            "\"until\":\"2099-01-01T00:00:01Z\",\"placements\":[\"cart\",\"email\"]}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{}}",
        "{\"products\":[\"shoe-1\"],\"target\":0,\"until\":\"%U\"}",
        "{\"products\":[\"shoe-1\"],\"target\":1.5,\"until\":\"%U\"}",
        "{\"products\":[\"shoe-1\"],\"target\":1000000001,\"until\":\"%U\"}",
        "{\"products\":[\"shoe-1\"],\"until\":\"%U\"}",
        "{\"products\":[\"shoe-1\"],\"target\":10}",
        "{\"products\":[],\"target\":10,\"until\":\"%U\"}",
        "{\"products\":[\"shoe 1\"],\"target\":10,\"until\":\"%U\"}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"soon\"}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"placements\":[\"x\"]}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"placements\":[]}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"audience\":{\"x\":1}}",
        "{\"products\":[\"shoe-1\"],\"target\":10,\"until\":\"%U\",\"budget\":5}",
    })
    void shouldAcceptAPromotionExactlyWhenTheContractDoes(final String promotion) throws IOException
    {
        final boolean valid = validate("PromotionDefinition", JSON.readTree(promotion.replace("%U",
            "2099-01-01T00:00:00Z"))).isEmpty();

        // a period ending within a year of now, as the server requires
        final ApiServer.Answer answer = api.put("/v1/promotions/contract-p", "application/json",
            promotion.replace("%U", java.time.Instant.now().plus(java.time.Duration.ofDays(30)).toString()));

        assertThat(answer.status()).as(answer.body()).isIn(valid ? List.of(200, 201) : List.of(400));
        api.delete("/v1/promotions/contract-p");
    }

    @Test
    void shouldAnswerPromotionsInTheDocumentedShapes() throws IOException
    {
        final java.time.Instant now = java.time.Instant.now();
        final String definition = "{\"products\":[\"book-1\"],\"target\":1000000,\"from\":\"" +
            now.minus(java.time.Duration.ofDays(1)) + "\",\"until\":\"" + now.plus(java.time.Duration.ofDays(1)) +
            "\",\"placements\":[\"email\"]}";
        assertThat(validate("PromotionDefinition", JSON.readTree(definition))).isEmpty();
        assertConforms("Promotion", api.put("/v1/promotions/contract", "application/json", definition));
        assertConforms("Promotion", api.get("/v1/promotions/contract"));
        final ApiServer.Answer promoted = api.get("/v1/recommendations?anonymousId=promoted-shape&placement=email&k=3" +
            "&explain=true");
        assertConforms("Recommendations", promoted);
        assertThat(promoted.body()).contains("\"promotion\":\"contract\"");
        final JsonNode list = api.get("/v1/promotions").json();
        for (final JsonNode each : list.get("promotions"))
        {
            assertThat(validate("Promotion", each)).as(each.toString()).isEmpty();
        }
        assertConforms("Problem", api.put("/v1/promotions/contract-x", "application/json", "{}"));
        assertThat(api.delete("/v1/promotions/contract").status()).isEqualTo(200);
        assertConforms("Problem", api.get("/v1/promotions/contract"));
    }

    @Test
    void shouldAnswerFeedsInTheDocumentedShapes() throws IOException
    {
        try (FeedServer feed = FeedServer.start())
        {
            feed.serve("id,title,price\ncontract-feed-1,Mug,8.50 EUR\ncontract-feed-2,Broken,free\n");
            final String definition = "{\"url\":\"" + feed.url() + "\",\"format\":\"csv\",\"every\":\"1h\"," +
                "\"labels\":{\"custom_label_0\":\"style\"}}";
            assertThat(validate("FeedDefinition", JSON.readTree(definition))).isEmpty();
            assertConforms("Feed", api.put("/v1/feeds/contract", "application/json", definition));
            final ApiServer.Answer fetched = await().atMost(Duration.ofSeconds(20)).until(
                () -> api.get("/v1/feeds/contract"), answer -> !answer.json().get("lastFetch").isNull());
            assertConforms("Feed", fetched);
            for (final JsonNode each : api.get("/v1/feeds").json().get("feeds"))
            {
                assertThat(validate("Feed", each)).as(each.toString()).isEmpty();
            }
            assertConforms("Problem", api.put("/v1/feeds/contract-x", "application/json", "{}"));
            assertThat(api.delete("/v1/feeds/contract").status()).isEqualTo(200);
            assertConforms("Problem", api.get("/v1/feeds/contract"));
        }
    }

    @Test
    void shouldAnswerInTheDocumentedShapes() throws IOException
    {
        assertConforms("EventsResult", api.postJson("/v1/events", "[{\"id\":\"s1\",\"type\":\"view\",\"user\":" +
            "\"shape\",\"product\":\"shoe-1\"},{\"type\":\"view\"}]"));
        assertConforms("ProductsResult", api.put("/v1/products", "application/json",
            "[{\"id\":\"s-p\",\"category\":\"a\",\"price\":1},{\"id\":\"s-q\"}]"));
        assertConforms("Product", api.get("/v1/products/shoe-1"));
        assertConforms("Recommendations", api.get("/v1/recommendations?user=shape&k=3&explain=true"));
        assertConforms("Recommendations",
            api.get("/v1/recommendations?anonymousId=x&placement=product&product=shoe-1"));
        assertConforms("Recommendations", api.postJson("/v1/recommendations",
            "{\"user\":\"shape\",\"placement\":\"cart\",\"cart\":[\"shoe-1\"],\"explain\":true}"));
        assertConforms("Reranked", api.postJson("/v1/rerank",
            "{\"user\":\"shape\",\"items\":[\"shoe-1\",\"no-such-shoe\"],\"explain\":true}"));
        assertConforms("Problem", api.postJson("/v1/rerank", "{\"user\":\"shape\",\"items\":[]}"));
        assertConforms("ItemList", api.get("/v1/products/shoe-1/similar?explain=true"));
        assertConforms("ItemList", api.get("/v1/products/shoe-1/bought-together"));
        assertConforms("Profile", api.get("/v1/profiles/shape"));
        assertConforms("Health", api.get("/health/ready"));
        assertConforms("Stats", api.get("/v1/stats"));
        final ApiServer.Answer history = await().atMost(Duration.ofSeconds(10)).until(
            () -> api.get("/v1/stats/history?route=GET%20/v1/recommendations&seconds=60"),
            answer -> !answer.json().get("samples").isEmpty());
        assertConforms("StatsHistory", history);
        assertConforms("Stats", api.get("/v1/stats"));
        assertConforms("Problem", api.get("/v1/stats/history?route=GET%20/v1/recommendations&seconds=0"));
        assertConforms("Problem", api.get("/v1/recommendations?user=shape&k=0"));
        assertConforms("Problem", api.postJson("/v1/events", "[{\"type\":\"view\"}]"));
    }

    @Test
    void shouldOnlyAnswerWithStatusesTheContractDocuments()
    {
        final List<String> undocumented = new ArrayList<>();
        for (final Map.Entry<String, JsonNode> path : spec.get("paths").properties())
        {
            final String url = path.getKey().replace("{id}", "shoe-2").replace("{user}", "shape");
            for (final Map.Entry<String, JsonNode> operation : path.getValue().properties())
            {
                final String method = operation.getKey();
                final ApiServer.Answer answer = switch (method)
                {
                    case "get" -> api.get(url + (url.equals("/v1/recommendations") ? "?user=shape" : ""));
                    case "delete" -> api.delete(url);
                    case "put" -> api.put(url, "application/json", "[{\"id\":\"z\",\"category\":\"z\",\"price\":1}]");
                    case "post" -> api.postJson(url, url.equals("/v1/recommendations") ? "{\"user\":\"z\"}" :
                        "{\"type\":\"view\",\"user\":\"z\",\"product\":\"z\"}");
                    default -> null;
                };
                if (answer == null)
                {
                    continue;
                }
                if (!operation.getValue().get("responses").has(Integer.toString(answer.status())))
                {
                    undocumented.add(method + " " + url + " -> " + answer.status());
                }
            }
        }
        assertThat(undocumented).isEmpty();
    }

    @Test
    void shouldDocumentEveryRouteTheServerServes()
    {
        final List<String> undocumented = new ArrayList<>();
        for (final String route : api.server().metrics().latency().snapshot().keySet())
        {
            final String[] methodAndPath = route.split(" ", 2);
            final JsonNode path = spec.get("paths").get(methodAndPath[1]);
            if (path == null || !path.has(methodAndPath[0].toLowerCase(java.util.Locale.ROOT)))
            {
                undocumented.add(route);
            }
        }
        assertThat(undocumented).isEmpty();
    }

    private static void assertConforms(final String schema, final ApiServer.Answer answer)
    {
        assertThat(validate(schema, answer.json())).as(schema + ": " + answer.body()).isEmpty();
    }

    private static Set<ValidationMessage> validate(final String schemaName, final JsonNode document)
    {
        final ObjectNode root = JSON.createObjectNode();
        root.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        root.put("$ref", "#/components/schemas/" + schemaName);
        root.set("components", spec.get("components"));
        final JsonSchema schema = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012)
            .getSchema(root, SchemaValidatorsConfig.builder().formatAssertionsEnabled(true).build());
        return schema.validate(document);
    }
}
