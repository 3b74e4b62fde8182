package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Global Privacy Control through the API: {@code "gpc": true} on an event (what tailor.js sends when the browser
 * signals it) or {@code Sec-GPC: 1} on the request refuses marketing on the shopper's profile; the refusal outranks
 * the customer's stated marketing consent once the anonymous id is linked, takes the customer out of marketing
 * segments, and only the shopper's own opt-in lifts it.
 */
class GlobalPrivacyControlApiTest
{
    /** Members need a view in 30 days and marketing consent. */
    private static final String MARKETING_SEGMENT = "{\"name\":\"Viewers\",\"purpose\":\"marketing\"," +
        "\"rule\":{\"window\":\"30d\",\"type\":\"view\",\"count\":{\"gte\":1}}}";

    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        assertThat(api.put("/v1/products", "application/json", "[{\"id\":\"g1\",\"category\":\"c\",\"price\":1}," +
            "{\"id\":\"g2\",\"category\":\"c\",\"price\":2}]").status()).isEqualTo(200);
        api.awaitProduct("g2");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldRefuseMarketingForAnAnonymousShopperWhoseBrowserSignalsGpcAndKeepItWhenLinkedToACustomer()
    {
        for (final String customer : List.of("gina", "hal"))
        {
            assertThat(api.put("/v1/profiles/" + customer + "/consent", "application/json", "{\"marketing\":true}")
                .json().at("/consent/marketing").asBoolean()).isTrue();
        }
        assertThat(api.postJson("/v1/events", "[{\"id\":\"gina-1\",\"type\":\"view\",\"user\":\"gina\"," +
            "\"product\":\"g1\"},{\"id\":\"hal-1\",\"type\":\"view\",\"user\":\"hal\",\"product\":\"g1\"}]").json()
            .get("accepted").asInt()).isEqualTo(2);
        assertThat(members()).as("both said yes to marketing").containsExactly("gina", "hal");

        final JsonNode sent = api.postJson("/v1/events", "[{\"id\":\"ag-1\",\"type\":\"view\",\"anonymousId\":" +
            "\"anon-gina\",\"product\":\"g2\",\"gpc\":true},{\"id\":\"ah-1\",\"type\":\"view\",\"anonymousId\":" +
            "\"anon-hal\",\"product\":\"g2\",\"gpc\":false}]").json();
        assertThat(sent.get("accepted").asInt()).isEqualTo(2);
        final JsonNode anonymous = api.get("/v1/profiles/anon-gina?kind=anonymous").json().get("consent");
        assertThat(anonymous.get("marketing").asBoolean()).isFalse();
        assertThat(anonymous.get("gpc").asBoolean()).isTrue();
        assertThat(anonymous.get("personalization").asBoolean()).as("no objection to personalization").isTrue();
        assertThat(api.get("/v1/profiles/anon-hal?kind=anonymous").json().at("/consent/gpc").asBoolean()).isFalse();

        for (final String customer : List.of("gina", "hal"))
        {
            assertThat(api.postJson("/v1/identities", "{\"user\":\"" + customer + "\",\"anonymousId\":\"anon-" +
                customer + "\"}").status()).isEqualTo(200);
        }

        final JsonNode linked = api.get("/v1/profiles/gina").json();
        assertThat(linked.at("/consent/marketing").asBoolean()).as("the refusal survives the merge").isFalse();
        assertThat(linked.at("/consent/gpc").asBoolean()).isTrue();
        assertThat(linked.at("/counts/view").asInt()).as("history merged as ever").isEqualTo(2);
        assertThat(api.get("/v1/profiles/hal").json().at("/consent/marketing").asBoolean()).isTrue();
        assertThat(members()).as("out of marketing segments").containsExactly("hal");

        // A later event under the linked id keeps it refused; the shopper's own opt-in lifts it.
        assertThat(api.postJson("/v1/events", "{\"id\":\"ag-2\",\"type\":\"view\",\"anonymousId\":\"anon-gina\"," +
            "\"product\":\"g1\",\"gpc\":true}").status()).isEqualTo(200);
        assertThat(api.get("/v1/profiles/gina").json().at("/consent/gpc").asBoolean()).isTrue();
        final JsonNode optIn = api.put("/v1/profiles/gina/consent", "application/json", "{\"marketing\":true}")
            .json().get("consent");
        assertThat(optIn.get("marketing").asBoolean()).isTrue();
        assertThat(optIn.get("gpc").asBoolean()).isFalse();
        assertThat(members()).containsExactly("gina", "hal");
    }

    @Test
    void shouldRefuseMarketingForEveryShopperOfARequestWithSecGpc()
    {
        final ApiServer.Answer sent = api.send("POST", "/v1/events", null, "application/x-ndjson",
            "{\"id\":\"iv-1\",\"type\":\"view\",\"anonymousId\":\"anon-ivy\",\"product\":\"g1\"}\n" +
            "{\"id\":\"jo-1\",\"type\":\"view\",\"user\":\"jo\",\"product\":\"g2\"}\n", "Sec-GPC", "1");

        assertThat(sent.status()).as(sent.body()).isEqualTo(200);
        assertThat(api.get("/v1/profiles/anon-ivy?kind=anonymous").json().at("/consent/gpc").asBoolean()).isTrue();
        assertThat(api.get("/v1/profiles/jo").json().at("/consent/gpc").asBoolean()).isTrue();
        assertThat(api.put("/v1/profiles/jo/consent", "application/json", "{\"marketing\":false}").json()
            .at("/consent/gpc").asBoolean()).as("an opt-out keeps the refusal").isTrue();
    }

    @Test
    void shouldRefuseAGpcThatIsNotABoolean()
    {
        final JsonNode refused = api.postJson("/v1/events", "{\"type\":\"view\",\"anonymousId\":\"anon-kim\"," +
            "\"product\":\"g1\",\"gpc\":\"yes\"}").json();

        assertThat(refused.get("status").asInt()).isEqualTo(400);
        assertThat(refused.get("field").asText()).isEqualTo("gpc");
        assertThat(api.get("/v1/profiles/anon-kim?kind=anonymous").status()).isEqualTo(404);
    }

    private static List<String> members()
    {
        final List<String> members = new ArrayList<>();
        api.postJson("/v1/segments/preview", MARKETING_SEGMENT).json().get("members")
            .forEach(member -> members.add(member.isTextual() ? member.asText() : member.path("user").asText()));
        return members;
    }
}
