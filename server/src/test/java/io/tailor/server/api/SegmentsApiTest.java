package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.grid.RetentionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Real-time segments over HTTP, with server time moved by the test: membership follows new events and the
 * passing of time, counts and pages are live, bad rules are refused with a pointer at the wrong part.
 */
class SegmentsApiTest
{
    private static final String BIG_SPENDERS = """
        {"name":"Big spenders without complaints","purpose":"marketing",
         "rule":{"and":[{"window":"2d","type":"purchase","sum":{"gte":100000}},
                        {"not":{"window":"2d","type":"service","count":{"gte":1}}}]}}""";

    private static final MutableClock CLOCK = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start(CLOCK, RetentionSettings.NONE);
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 10; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"tv-").append(i).append("\",\"title\":\"TV ")
                .append(i).append("\",\"category\":\"electronics/tv\",\"brand\":\"Lumen\",\"price\":")
                .append(1000 + i).append("}");
        }
        products.append("]");
        api.put("/v1/products", "application/json", products.toString());
        api.awaitProduct("tv-9");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldAdmitABigSpenderWithoutServiceContactAndLetThemGoWhenTwoDaysPassWithoutAnEvent()
    {
        assertThat(api.put("/v1/segments/big-spenders", "application/json", BIG_SPENDERS).status()).isEqualTo(201);
        for (final String shopper : List.of("vic", "sam", "low"))
        {
            api.put("/v1/profiles/" + shopper + "/consent", "application/json", "{\"marketing\":true}");
        }
        purchase("vic", 120_000);
        purchase("sam", 150_000);
        purchase("low", 5_000);
        purchase("pat", 200_000);
        api.postJson("/v1/events", "{\"type\":\"service\",\"user\":\"sam\",\"channel\":\"callcenter\"}");

        final JsonNode segment = api.get("/v1/segments/big-spenders").json();
        assertThat(segment.get("members").asLong()).as("vic; sam called service, low spent too little, pat " +
            "gave no marketing consent").isEqualTo(1);
        assertThat(segment.get("definition").get("rule").get("and").get(1).get("not").get("window").asText())
            .isEqualTo("2d");
        assertThat(api.get("/v1/profiles/vic").json().get("segments").get(0).asText()).isEqualTo("big-spenders");
        assertThat(members("big-spenders")).containsExactly("vic");

        CLOCK.advance(Duration.ofDays(1));
        assertThat(api.get("/v1/segments/big-spenders").json().get("members").asLong()).isEqualTo(1);

        CLOCK.advance(Duration.ofDays(1).plusMinutes(1));
        assertThat(api.get("/v1/segments/big-spenders").json().get("members").asLong())
            .as("two days passed without a new event").isZero();
        assertThat(api.get("/v1/profiles/vic").json().get("segments")).isEmpty();
        assertThat(members("big-spenders")).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "{\"rule\":{\"and\":[{\"window\":\"2d\",\"sum\":{\"gte\":1}},{\"window\":\"2 days\",\"count\":{\"gte\":1}}]}}" +
            "|/rule/and/1/window",
        "{\"rule\":{\"or\":[]}}|/rule/or",
        "{\"rule\":{\"window\":\"2d\",\"count\":{\"most\":1}}}|/rule/count",
        "{\"rule\":{\"window\":\"2d\",\"count\":{\"gte\":\"1\"}}}|/rule/count/gte",
        "{\"rule\":{\"window\":\"2d\"}}|/rule",
        "{\"rule\":{\"window\":\"91d\",\"count\":{\"gte\":1}}}|/rule/window",
        "{\"rule\":{\"window\":\"1d\",\"type\":\"impression\",\"count\":{\"gte\":1}}}|/rule/type",
        "{\"rule\":{\"window\":\"1d\",\"category\":\"garden/tools\",\"count\":{\"gte\":1}}}|/rule/category",
        "{\"rule\":{\"not\":{\"window\":\"1d\",\"count\":{\"gte\":1},\"extra\":1}}}|/rule/not/extra",
        "{\"rule\":{\"profile\":\"age\",\"gte\":1}}|/rule/profile",
        "{\"rule\":{\"profile\":\"lastSeen\",\"gte\":1}}|/rule/gte",
        "{\"rule\":{\"profile\":\"events\",\"gte\":1}}|/rule/type",
        "{\"rule\":{\"nand\":[]}}|/rule",
        "{\"purpose\":\"spam\",\"rule\":{\"profile\":\"spend\",\"gte\":1}}|/purpose",
        "{\"name\":\"no rule\"}|/rule",
        "{\"rule\":{\"profile\":\"spend\",\"gte\":1},\"recommendations\":{\"pinned\":[\"a b\"]}}" +
            "|/recommendations/pinned/0",
    })
    void shouldRefuseAnInvalidRulePointingAtTheWrongPart(final String body, final String pointer)
    {
        final ApiServer.Answer answer = api.put("/v1/segments/broken", "application/json", body);

        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo(pointer);
        assertThat(api.get("/v1/segments/broken").status()).as("nothing stored").isEqualTo(404);
        final ApiServer.Answer preview = api.postJson("/v1/segments/preview", body);
        assertThat(preview.status()).as("a preview refuses what a definition refuses").isEqualTo(400);
        assertThat(preview.json().get("field").asText()).isEqualTo(pointer);
    }

    @Test
    void shouldPreviewADefinitionsMembersWithoutStoringItAndListWhatIsStored()
    {
        final String rule = "{\"purpose\":\"personalization\",\"rule\":{\"window\":\"1d\",\"type\":\"view\"," +
            "\"product\":\"tv-7\",\"count\":{\"gte\":1}}}";
        for (final String shopper : List.of("pv-b", "pv-a", "pv-c"))
        {
            api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"" + shopper + "\",\"product\":\"tv-7\"}");
        }

        final JsonNode preview = api.postJson("/v1/segments/preview", rule).json();

        assertThat(preview.get("count").asLong()).isEqualTo(3);
        assertThat(preview.get("members").findValuesAsText("user")).containsExactly("pv-a", "pv-b", "pv-c");
        assertThat(api.get("/v1/segments").json().findValuesAsText("id")).doesNotContain("preview", "viewers-7");
        assertThat(api.put("/v1/segments/viewers-7", "application/json", rule).status()).isEqualTo(201);
        assertThat(api.get("/v1/segments/viewers-7").json().get("members").asLong()).isEqualTo(3);
        assertThat(api.put("/v1/segments/gone-7", "application/json", rule).status()).isEqualTo(201);
        assertThat(api.delete("/v1/segments/gone-7").status()).isEqualTo(200);
        final JsonNode listed = api.get("/v1/segments").json().get("segments");
        final List<String> ids = new ArrayList<>();
        listed.forEach(segment -> ids.add(segment.get("id").asText()));
        assertThat(ids).contains("viewers-7").doesNotContain("gone-7").isSorted();
        assertThat(api.get("/v1/segments/viewers-7").json().get("definition"))
            .isEqualTo(listed.get(ids.indexOf("viewers-7")).get("definition"));
    }

    @Test
    void shouldPageMembersWithACursorAndExportThemAsNdjson()
    {
        for (int i = 0; i < 5; i++)
        {
            purchase("pager-" + i, 100 + i);
        }
        api.put("/v1/segments/pagers", "application/json",
            "{\"purpose\":\"personalization\",\"rule\":{\"and\":[{\"profile\":\"spend\",\"gte\":100}," +
            "{\"profile\":\"spend\",\"lt\":105}]}}");

        final List<String> paged = new ArrayList<>();
        String next = "";
        int pages = 0;
        while (next != null && pages++ < 5)
        {
            final JsonNode page = api.get("/v1/segments/pagers/members?limit=2" + (next.isEmpty() ? "" :
                "&cursor=" + next)).json();
            assertThat(page.get("count").asInt()).isEqualTo(5);
            page.get("members").forEach(member -> paged.add(member.get("user").asText()));
            next = page.get("next").isNull() ? null : page.get("next").asText();
        }
        final ApiServer.Answer export = api.get("/v1/segments/pagers/export");

        assertThat(paged).containsExactly("pager-0", "pager-1", "pager-2", "pager-3", "pager-4");
        assertThat(export.status()).isEqualTo(200);
        assertThat(export.contentType()).startsWith("application/x-ndjson");
        assertThat(export.body().split("\n")).containsExactly("{\"user\":\"pager-0\"}", "{\"user\":\"pager-1\"}",
            "{\"user\":\"pager-2\"}", "{\"user\":\"pager-3\"}", "{\"user\":\"pager-4\"}");
        assertThat(api.get("/v1/segments/pagers/members?limit=0").json().get("field").asText()).isEqualTo("limit");
        assertThat(api.get("/v1/segments/pagers/members?cursor=%25%25").json().get("field").asText())
            .isEqualTo("cursor");
        assertThat(api.get("/v1/segments/nobody/members").status()).isEqualTo(404);
        assertThat(api.get("/v1/segments/nobody/export").status()).isEqualTo(404);
    }

    @Test
    void shouldPinAndBlockProductsForMembersInTheirRecommendations()
    {
        api.put("/v1/segments/tv-fans", "application/json", "{\"purpose\":\"personalization\"," +
            "\"rule\":{\"window\":\"7d\",\"type\":\"view\",\"category\":\"electronics\",\"count\":{\"gte\":2}}," +
            "\"recommendations\":{\"pinned\":[\"tv-9\"],\"blocked\":[\"tv-0\"]}}");
        api.postJson("/v1/events", "[{\"type\":\"view\",\"user\":\"fan\",\"product\":\"tv-1\"}," +
            "{\"type\":\"view\",\"user\":\"fan\",\"product\":\"tv-2\"}]");
        api.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"casual\",\"product\":\"tv-1\"}");

        final JsonNode fan = api.get("/v1/recommendations?user=fan&k=10&explain=true").json();
        final JsonNode casual = api.get("/v1/recommendations?user=casual&k=10").json();

        assertThat(IdentitiesApiTest.products(fan.get("items"))).startsWith("tv-9").doesNotContain("tv-0");
        assertThat(IdentitiesApiTest.products(casual.get("items"))).contains("tv-0");
        assertThat(api.get("/v1/profiles/fan").json().get("segments").toString()).contains("tv-fans");
    }

    @Test
    void shouldRedefineAndDeleteASegment()
    {
        final String rule = "{\"purpose\":\"personalization\",\"rule\":{\"profile\":\"spend\",\"gte\":1}}";
        assertThat(api.put("/v1/segments/temp", "application/json", rule).status()).isEqualTo(201);
        final ApiServer.Answer redefined = api.put("/v1/segments/temp", "application/json", rule);
        assertThat(redefined.status()).isEqualTo(200);
        assertThat(redefined.json().get("version").asInt()).isEqualTo(2);

        assertThat(api.delete("/v1/segments/temp").status()).isEqualTo(200);
        assertThat(api.get("/v1/segments/temp").status()).isEqualTo(404);
        assertThat(api.delete("/v1/segments/temp").status()).isEqualTo(404);
        assertThat(api.put("/v1/segments/a%20b", "application/json", rule).json().get("field").asText())
            .isEqualTo("id");
    }

    private static void purchase(final String user, final double amount)
    {
        final ApiServer.Answer answer = api.postJson("/v1/events", "{\"type\":\"purchase\",\"user\":\"" + user +
            "\",\"items\":[{\"product\":\"tv-3\"}],\"value\":" + amount + "}");
        assertThat(answer.status()).as(answer.body()).isEqualTo(200);
    }

    private static List<String> members(final String segment)
    {
        final List<String> ids = new ArrayList<>();
        api.get("/v1/segments/" + segment + "/members").json().get("members")
            .forEach(member -> ids.add(member.get("user").asText()));
        return ids;
    }
}
