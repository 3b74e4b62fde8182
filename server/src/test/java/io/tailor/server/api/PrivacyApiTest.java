package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import io.tailor.grid.RetentionSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.tailor.server.api.IdentitiesApiTest.event;
import static io.tailor.server.api.IdentitiesApiTest.products;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Consent, stated preferences, export, erasure and retention over HTTP: what the shopper decides is honoured
 * and what Tailor holds can be seen and removed.
 */
class PrivacyApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 8; i++)
        {
            products.append(i == 0 ? "" : ",")
                .append("{\"id\":\"boot-").append(i).append("\",\"category\":\"shoes/boots\",\"brand\":\"Alp\",")
                .append("\"price\":90,\"attributes\":{\"size\":[\"").append(i % 2 == 0 ? "42" : "44").append("\"]}},")
                .append("{\"id\":\"cap-").append(i).append("\",\"category\":\"hats/caps\",\"brand\":\"Sol\",")
                .append("\"price\":20}");
        }
        products.append(",{\"id\":\"quiet-1\",\"category\":\"misc\",\"price\":5}]");
        api.put("/v1/products", "application/json", products.toString());
        api.awaitProduct("quiet-1");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldRecommendPopularItemsAndKeepNoProfileWithoutPersonalizationConsent()
    {
        api.postJson("/v1/events", event("o1", "view", "user", "opal", "boot-1"));
        assertThat(api.get("/v1/recommendations?user=opal").json().get("strategy").asText())
            .isEqualTo("personalized");

        final ApiServer.Answer consent = api.put("/v1/profiles/opal/consent", "application/json",
            "{\"personalization\":false}");
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < 20; i++)
        {
            views.append("{\"type\":\"view\",\"user\":\"opal\",\"product\":\"quiet-1\"}\n");
        }
        final ApiServer.Answer events = api.post("/v1/events", "application/x-ndjson", views.toString().getBytes());
        api.server().grid().flushModelNow();

        assertThat(consent.status()).isEqualTo(200);
        assertThat(consent.json().get("historyErased").asBoolean()).isTrue();
        assertThat(consent.json().get("consent").get("personalization").asBoolean()).isFalse();
        assertThat(events.json().get("accepted").asInt()).isEqualTo(20);
        assertThat(api.get("/v1/recommendations?user=opal").json().get("strategy").asText()).isEqualTo("popular");
        final JsonNode profile = api.get("/v1/profiles/opal").json();
        assertThat(profile.get("recent")).as("no profile is built").isEmpty();
        assertThat(profile.get("counts")).isEmpty();
        assertThat(profile.get("consent").get("personalization").asBoolean()).isFalse();
        assertThat(products(api.get("/v1/recommendations?user=newcomer&k=1").json().get("items")))
            .as("the events still feed the anonymous popularity").containsExactly("quiet-1");
        assertThat(api.put("/v1/profiles/opal/preferences", "application/json", "{\"sizes\":[\"42\"]}").status())
            .isEqualTo(409);
    }

    @Test
    void shouldRefuseInvalidConsentAndPreferencesNamingTheField()
    {
        assertThat(field(api.put("/v1/profiles/x1/consent", "application/json", "{}"))).isEqualTo("personalization");
        assertThat(field(api.put("/v1/profiles/x1/consent", "application/json", "{\"marketing\":\"yes\"}")))
            .isEqualTo("marketing");
        assertThat(field(api.put("/v1/profiles/x1/consent", "application/json", "{\"ads\":true}"))).isEqualTo("ads");
        assertThat(field(api.put("/v1/profiles/x1/preferences", "application/json",
            "{\"categories\":[\"garden\"]}"))).isEqualTo("categories[0]");
        assertThat(field(api.put("/v1/profiles/x1/preferences", "application/json",
            "{\"brands\":[\"Alp\",\"Nope\"]}"))).isEqualTo("brands[1]");
        assertThat(field(api.put("/v1/profiles/x1/preferences", "application/json",
            "{\"sizes\":[\"much too long\"]}"))).isEqualTo("sizes[0]");
        assertThat(field(api.put("/v1/profiles/x1/preferences", "application/json",
            "{\"dislikedProducts\":[\"a\",\"b\",\"c\",\"d\",\"e\",\"f\",\"g\",\"h\",\"i\"]}")))
            .isEqualTo("dislikedProducts");
        assertThat(api.put("/v1/profiles/x1/consent?kind=robot", "application/json", "{\"marketing\":true}")
            .status()).isEqualTo(400);
        assertThat(api.get("/v1/profiles/x1").status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void shouldRankByStatedPreferencesBeforeWhatBehaviourSuggests()
    {
        for (int i = 0; i < 4; i++)
        {
            api.postJson("/v1/events", event("p" + i, "view", "user", "pia", "cap-" + i));
        }
        final ApiServer.Answer stored = api.put("/v1/profiles/pia/preferences", "application/json",
            "{\"categories\":[\"shoes\"],\"sizes\":[\"42\"],\"dislikedProducts\":[\"boot-2\"]}");

        final List<String> recommended = products(api.get("/v1/recommendations?user=pia&k=10").json().get("items"));

        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().get("preferences").get("categories").get(0).asText()).isEqualTo("shoes");
        assertThat(recommended.get(0)).as("a liked category in the stated size, over the caps she browsed")
            .isIn("boot-0", "boot-4", "boot-6");
        assertThat(recommended).doesNotContain("boot-2");
        assertThat(recommended.indexOf("boot-4")).as("size 42 before size 44").isLessThan(
            recommended.indexOf("boot-5") < 0 ? Integer.MAX_VALUE : recommended.indexOf("boot-5"));
        assertThat(api.get("/v1/profiles/pia").json().get("preferences").get("dislikedProducts").get(0).asText())
            .isEqualTo("boot-2");
    }

    @Test
    void shouldExportEverythingHeldThenEraseItAllAndAnswer404ToTheExport()
    {
        api.put("/v1/segments/boot-lovers", "application/json",
            "{\"purpose\":\"personalization\"," +
            "\"rule\":{\"window\":\"1d\",\"category\":\"shoes\",\"count\":{\"gte\":1}}}");
        api.postJson("/v1/events", event("e1", "view", "anonymousId", "eve-phone", "boot-5"));
        api.postJson("/v1/identities", "{\"anonymousId\":\"eve-phone\",\"user\":\"eve\"}");
        api.postJson("/v1/identities", "{\"user\":\"eve\",\"loyaltyId\":\"eve-card\"}");
        api.postJson("/v1/events", """
            [{"id":"e2","type":"impression","user":"eve","product":"cap-1"},
             {"id":"e3","type":"purchase","loyaltyId":"eve-card","channel":"store","store":"s1",
              "items":[{"product":"boot-3","price":90}]},
             {"id":"e4","type":"service","user":"eve","channel":"callcenter"}]""");
        api.put("/v1/profiles/eve/consent", "application/json", "{\"marketing\":true}");

        final JsonNode export = api.get("/v1/profiles/eve/export").json();

        assertThat(export.get("user").asText()).isEqualTo("eve");
        assertThat(export.get("linkedIds").toString()).contains("eve-phone").contains("eve-card");
        final JsonNode held = export.get("profile");
        assertThat(products(held.get("recent"))).containsExactlyInAnyOrder("boot-5", "boot-3");
        assertThat(held.get("activity").toString()).contains("\"type\":\"purchase\"").contains("boot-3")
            .contains("\"type\":\"service\"");
        assertThat(held.get("impressions").get(0).get("product").asText()).isEqualTo("cap-1");
        assertThat(held.get("consent").get("marketing").asBoolean()).isTrue();
        assertThat(held.get("segments").toString()).contains("boot-lovers");
        assertThat(held.get("lastServiceContact")).isNotNull();

        final ApiServer.Answer erased = api.delete("/v1/profiles/eve");

        assertThat(erased.status()).isEqualTo(200);
        final JsonNode what = erased.json().get("erased");
        assertThat(what.get("profile").asBoolean()).isTrue();
        assertThat(what.get("linkedIds")).hasSize(2);
        assertThat(what.get("impressions").asInt()).isEqualTo(1);
        assertThat(what.get("segmentMemberships").get(0).asText()).isEqualTo("boot-lovers");
        assertThat(api.get("/v1/profiles/eve").status()).isEqualTo(404);
        assertThat(api.get("/v1/profiles/eve/export").status()).isEqualTo(404);
        assertThat(api.get("/v1/profiles/eve-phone/export?kind=anonymous").status()).isEqualTo(404);
        assertThat(api.get("/v1/profiles/eve-card?kind=loyalty").status()).isEqualTo(404);
        api.postJson("/v1/events", event("e5", "view", "anonymousId", "eve-phone", "cap-2"));
        final JsonNode fresh = api.get("/v1/profiles/eve-phone?kind=anonymous").json();
        assertThat(products(fresh.get("recent"))).as("the linked id carries no history").containsExactly("cap-2");
        assertThat(api.get("/v1/profiles/eve").status()).as("and leads nowhere").isEqualTo(404);
        assertThat(api.delete("/v1/profiles/eve").status()).isEqualTo(404);
    }

    @Test
    void shouldExpireAProfileIdleLongerThanTheRetention()
    {
        final MutableClock clock = new MutableClock(Instant.parse("2026-11-20T10:00:00Z"));
        try (ApiServer keeping = ApiServer.start(clock, new RetentionSettings(Duration.ofDays(30),
            Duration.ofDays(1))))
        {
            keeping.postJson("/v1/events", "{\"type\":\"view\",\"user\":\"ina\",\"product\":\"any\"}");
            keeping.postJson("/v1/events", "{\"type\":\"view\",\"anonymousId\":\"ina-phone\",\"product\":\"any\"}");
            keeping.postJson("/v1/identities", "{\"anonymousId\":\"ina-phone\",\"user\":\"ina\"}");
            clock.advance(Duration.ofDays(29));
            keeping.server().grid().expireIdleProfilesNow();
            assertThat(keeping.get("/v1/profiles/ina").status()).isEqualTo(200);

            clock.advance(Duration.ofDays(2));
            keeping.server().grid().expireIdleProfilesNow();

            assertThat(keeping.get("/v1/profiles/ina").status()).isEqualTo(404);
            assertThat(keeping.get("/v1/profiles/ina/export").status()).isEqualTo(404);
            assertThat(keeping.get("/v1/profiles/ina-phone?kind=anonymous").status()).isEqualTo(404);
        }
    }

    private static String field(final ApiServer.Answer answer)
    {
        assertThat(answer.status()).as(answer.body()).isEqualTo(400);
        return answer.json().get("field").asText();
    }
}
