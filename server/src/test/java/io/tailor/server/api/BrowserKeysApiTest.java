package io.tailor.server.api;

import io.tailor.server.config.SecurityPolicy;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Storefronts calling Tailor from the browser: CORS for the configured origins only, public keys for
 * anonymous shoppers only, limited per client address; and the per-key rate limit of any key.
 */
class BrowserKeysApiTest
{
    private static final String SHOP = "https://shop.example.com";
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static final String WEB = KEYS.add("web", EnumSet.of(Scope.RECS_READ, Scope.EVENTS_WRITE), true, null);
    private static final String TIGHT = KEYS.add("tight", EnumSet.of(Scope.RECS_READ), false,
        Rate.parse("1/m", 2));
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        // One trusted proxy: each test speaks for its own client address through X-Forwarded-For.
        api = ApiServer.builder().keys(KEYS.file())
            .security(new SecurityPolicy(List.of(SHOP), Duration.ofMinutes(5), Rate.parse("1/m", 3), 1))
            .start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldAnswerAPreflightFromAnAllowedOriginWithoutAKey()
    {
        final ApiServer.Answer answer = api.send("OPTIONS", "/v1/recommendations", null, null, null,
            "Origin", SHOP, "Access-Control-Request-Method", "GET", "Access-Control-Request-Headers", "authorization");

        assertThat(answer.status()).isEqualTo(204);
        assertThat(answer.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(answer.header("Access-Control-Allow-Headers")).contains("Authorization");
        assertThat(answer.header("Access-Control-Allow-Methods")).contains("GET").contains("POST");
        assertThat(answer.header("Access-Control-Max-Age")).isEqualTo("300");
        assertThat(answer.header("Access-Control-Allow-Credentials")).isNull();
        assertThat(answer.header("Vary")).isEqualTo("Origin");
    }

    @Test
    void shouldRefuseAPreflightFromAnOriginNotConfigured()
    {
        final ApiServer.Answer answer = api.send("OPTIONS", "/v1/events", null, null, null,
            "Origin", "https://evil.example", "Access-Control-Request-Method", "POST");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo("Origin");
        assertThat(answer.header("Access-Control-Allow-Origin")).isNull();
    }

    @Test
    void shouldLetAPublicKeyReadRecommendationsAndSendEventsForAnAnonymousShopperFromTheShop()
    {
        final ApiServer.Answer recommendations = api.send("GET", "/v1/recommendations?anonymousId=c-1", WEB, null,
            null, "Origin", SHOP, "X-Forwarded-For", "192.0.2.1");
        final ApiServer.Answer event = api.send("POST", "/v1/events", WEB, "application/json",
            "{\"type\":\"view\",\"anonymousId\":\"c-1\",\"product\":\"p-1\"}", "Origin", SHOP,
            "X-Forwarded-For", "192.0.2.1");

        assertThat(recommendations.status()).as(recommendations.body()).isEqualTo(200);
        assertThat(recommendations.header("Access-Control-Allow-Origin")).isEqualTo(SHOP);
        assertThat(recommendations.header("Access-Control-Expose-Headers")).contains("Retry-After");
        assertThat(event.status()).as(event.body()).isEqualTo(200);
        assertThat(event.json().get("accepted").asInt()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAPublicKeyUsedFromAnotherSite()
    {
        final ApiServer.Answer answer = api.send("GET", "/v1/recommendations?anonymousId=c-2", WEB, null, null,
            "Origin", "https://copycat.example", "X-Forwarded-For", "192.0.2.2");

        assertThat(answer.status()).isEqualTo(403);
        assertThat(answer.json().get("type").asText()).endsWith("/origin-not-allowed");
    }

    @Test
    void shouldRefuseAPublicKeyThatNamesACustomerOrLinksIdentitiesAndStoreNothing()
    {
        final ApiServer.Answer recommendations = api.send("GET", "/v1/recommendations?user=alice", WEB, null, null,
            "X-Forwarded-For", "192.0.2.3");
        final ApiServer.Answer single = api.send("POST", "/v1/events", WEB, "application/json",
            "{\"type\":\"view\",\"user\":\"alice\",\"product\":\"p-1\"}", "X-Forwarded-For", "192.0.2.4");
        final ApiServer.Answer batch = api.send("POST", "/v1/events", WEB, "application/x-ndjson",
            "{\"type\":\"view\",\"anonymousId\":\"c-3\",\"product\":\"p-1\"}\n" +
                "{\"type\":\"view\",\"user\":\"alice\",\"product\":\"p-1\"}\n", "X-Forwarded-For", "192.0.2.5");
        final ApiServer.Answer identify = api.send("POST", "/v1/events", WEB, "application/json",
            "{\"type\":\"identify\",\"anonymousId\":\"c-3\",\"user\":\"alice\"}", "X-Forwarded-For", "192.0.2.6");

        assertThat(recommendations.status()).isEqualTo(403);
        assertThat(recommendations.json().get("field").asText()).isEqualTo("user");
        assertThat(single.status()).isEqualTo(403);
        assertThat(single.json().get("field").asText()).isEqualTo("user");
        assertThat(batch.status()).isEqualTo(403);
        assertThat(batch.json().get("detail").asText()).startsWith("event 1: ");
        assertThat(identify.status()).isEqualTo(403);
        assertThat(identify.json().get("field").asText()).isEqualTo("type");
        final String reader = KEYS.only(Scope.PROFILES_READ);
        assertThat(api.get("/v1/profiles/alice", reader).status()).isEqualTo(404);
        assertThat(api.get("/v1/profiles/c-3?kind=anonymous", reader).status()).isEqualTo(404);
    }

    @Test
    void shouldLimitAPublicKeyPerClientAddress()
    {
        for (int i = 0; i < 3; i++)
        {
            assertThat(api.send("GET", "/v1/recommendations?anonymousId=c-4", WEB, null, null,
                "X-Forwarded-For", "10.9.9.9, 198.51.100.7").status()).isEqualTo(200);
        }

        final ApiServer.Answer limited = api.send("GET", "/v1/recommendations?anonymousId=c-4", WEB, null, null,
            "X-Forwarded-For", "10.1.1.1, 198.51.100.7");
        final ApiServer.Answer otherAddress = api.send("GET", "/v1/recommendations?anonymousId=c-5", WEB, null, null,
            "X-Forwarded-For", "198.51.100.8");

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.contentType()).isEqualTo("application/problem+json");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(otherAddress.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer429WithRetryAfterPastAKeysRateAndLeaveOtherKeysAlone()
    {
        assertThat(api.get("/v1/ping", TIGHT).status()).isEqualTo(200);
        assertThat(api.get("/v1/ping", TIGHT).status()).isEqualTo(200);

        final ApiServer.Answer limited = api.get("/v1/ping", TIGHT);

        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.json().get("detail").asText()).contains("tight");
        assertThat(Integer.parseInt(limited.header("Retry-After"))).isBetween(1, 60);
        assertThat(api.get("/v1/ping", KEYS.only(Scope.RECS_READ)).status()).isEqualTo(200);
    }
}
