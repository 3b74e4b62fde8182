package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One profile per customer across web, app and store: linking ids merges profiles, later events under any
 * linked id land on the customer's profile, and nothing is lost or counted twice under concurrent events.
 */
class IdentitiesApiTest
{
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 12; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"tent-").append(i).append("\",\"title\":\"Tent ")
                .append(i).append("\",\"category\":\"outdoor/tents\",\"brand\":\"Peak\",\"price\":").append(200 + i)
                .append("}");
        }
        products.append("]");
        api.put("/v1/products", "application/json", products.toString());
        api.awaitProduct("tent-11");
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldMergeTheAnonymousHistoryIntoTheCustomerOnLoginAndFollowTheLinkAfterwards()
    {
        api.postJson("/v1/events", event("w1", "view", "anonymousId", "cookie-w", "tent-1"));
        api.postJson("/v1/events", event("w2", "add_to_cart", "user", "walt", "tent-2"));

        final ApiServer.Answer linked = api.postJson("/v1/identities",
            "{\"anonymousId\":\"cookie-w\",\"user\":\"walt\"}");
        api.postJson("/v1/events", event("w3", "view", "anonymousId", "cookie-w", "tent-3"));

        assertThat(linked.status()).isEqualTo(200);
        assertThat(linked.json().get("status").asText()).isEqualTo("linked");
        assertThat(linked.json().get("merged").asBoolean()).isTrue();
        final JsonNode profile = api.get("/v1/profiles/walt").json();
        assertThat(profile.get("counts").get("view").asInt()).isEqualTo(2);
        assertThat(profile.get("counts").get("add_to_cart").asInt()).isEqualTo(1);
        assertThat(products(profile.get("recent"))).containsExactlyInAnyOrder("tent-1", "tent-2", "tent-3");
        assertThat(api.get("/v1/profiles/cookie-w?kind=anonymous").json().get("version"))
            .isEqualTo(profile.get("version"));
        final JsonNode recommended = api.get("/v1/recommendations?anonymousId=cookie-w&k=5").json();
        assertThat(recommended.get("strategy").asText()).isEqualTo("personalized");
        assertThat(products(recommended.get("items"))).doesNotContain("tent-1", "tent-2", "tent-3");

        final ApiServer.Answer again = api.postJson("/v1/identities",
            "{\"anonymousId\":\"cookie-w\",\"user\":\"walt\"}");
        assertThat(again.json().get("status").asText()).isEqualTo("already_linked");
        assertThat(api.get("/v1/profiles/walt").json().get("counts").get("view").asInt()).isEqualTo(2);
    }

    @Test
    void shouldLinkOnAnIdentifyEvent()
    {
        api.postJson("/v1/events", event("i1", "view", "anonymousId", "cookie-i", "tent-4"));

        final ApiServer.Answer answer = api.postJson("/v1/events", """
            [{"id":"i2","type":"identify","user":"ida","anonymousId":"cookie-i"},
             {"id":"i3","type":"view","anonymousId":"cookie-i","product":"tent-5"}]""");

        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.json().get("accepted").asInt()).isEqualTo(2);
        final JsonNode profile = api.get("/v1/profiles/ida").json();
        assertThat(profile.get("counts").get("view").asInt()).isEqualTo(2);
        assertThat(profile.get("counts").get("identify").asInt()).isEqualTo(1);
    }

    @Test
    void shouldNotPromoteOnlineWhatWasBoughtInAStoreWithALinkedLoyaltyCard()
    {
        assertThat(api.postJson("/v1/identities", "{\"user\":\"sue\",\"loyaltyId\":\"card-42\"}").status())
            .isEqualTo(200);
        api.postJson("/v1/events", "{\"id\":\"s1\",\"type\":\"view\",\"user\":\"sue\",\"product\":\"tent-6\"}");

        final ApiServer.Answer till = api.postJson("/v1/events", """
            {"id":"s2","type":"purchase","loyaltyId":"card-42","channel":"store","store":"berlin-1",
             "items":[{"product":"tent-7","quantity":1,"price":207}]}""");

        assertThat(till.status()).isEqualTo(200);
        final JsonNode profile = api.get("/v1/profiles/sue").json();
        assertThat(products(profile.get("purchased"))).containsExactly("tent-7");
        assertThat(profile.get("spend").asDouble()).isEqualTo(207.0);
        assertThat(products(api.get("/v1/recommendations?user=sue&k=12").json().get("items")))
            .doesNotContain("tent-7");
    }

    @Test
    void shouldRefuseToMoveALoyaltyCardToAnotherCustomer()
    {
        api.postJson("/v1/identities", "{\"user\":\"tom\",\"loyaltyId\":\"card-9\"}");

        final ApiServer.Answer answer = api.postJson("/v1/identities", "{\"user\":\"tim\",\"loyaltyId\":\"card-9\"}");
        final ApiServer.Answer event = api.postJson("/v1/events",
            "{\"type\":\"identify\",\"user\":\"tim\",\"loyaltyId\":\"card-9\"}");

        assertThat(answer.status()).isEqualTo(409);
        assertThat(answer.contentType()).isEqualTo("application/problem+json");
        assertThat(answer.json().get("field").asText()).isEqualTo("loyaltyId");
        assertThat(event.status()).isEqualTo(409);
    }

    @Test
    void shouldRefuseAnInvalidLinkNamingTheFieldAndStoreNothing()
    {
        assertThat(api.postJson("/v1/identities", "{\"anonymousId\":\"x\"}").json().get("field").asText())
            .isEqualTo("user");
        assertThat(api.postJson("/v1/identities", "{\"user\":\"u\"}").json().get("field").asText())
            .isEqualTo("anonymousId");
        assertThat(api.postJson("/v1/identities", "{\"user\":\"u\",\"anonymousId\":\"a\",\"loyaltyId\":\"l\"}")
            .status()).isEqualTo(400);
        assertThat(api.postJson("/v1/identities", "{\"user\":\"u v\",\"anonymousId\":\"a\"}").json().get("field")
            .asText()).isEqualTo("user");
        assertThat(api.postJson("/v1/identities", "{\"user\":\"u\",\"anonymousId\":\"a\",\"extra\":1}").json()
            .get("field").asText()).isEqualTo("extra");
        assertThat(api.postJson("/v1/identities", "[1]").status()).isEqualTo(400);
        assertThat(api.post("/v1/identities", "text/plain", "x".getBytes()).status()).isEqualTo(415);
        assertThat(api.postJson("/v1/events", "{\"type\":\"identify\",\"user\":\"u\"}").status()).isEqualTo(400);
        assertThat(api.get("/v1/profiles/u").status()).as("nothing stored").isEqualTo(404);
    }

    @Test
    void shouldCountEveryEventOnceWhenEventsForBothIdsArriveWhileTheyAreLinked() throws Exception
    {
        final int perId = 150;
        final ExecutorService senders = Executors.newFixedThreadPool(6);
        try
        {
            final CountDownLatch go = new CountDownLatch(1);
            // The links start once a quarter of the events are stored, so they race the rest.
            final CountDownLatch underway = new CountDownLatch(perId / 2);
            final List<Future<Integer>> sent = new ArrayList<>();
            for (final String id : List.of("anonymousId\":\"race-cookie", "user\":\"race-user"))
            {
                for (int part = 0; part < 2; part++)
                {
                    final int from = part * perId / 2;
                    sent.add(senders.submit(() ->
                    {
                        go.await();
                        int ok = 0;
                        for (int i = from; i < from + perId / 2; i++)
                        {
                            final String tag = id.startsWith("anonymous") ? "a" : "u";
                            final ApiServer.Answer answer = api.postJson("/v1/events", "{\"id\":\"race-" + tag + i +
                                "\",\"type\":\"view\",\"" + id + "\",\"product\":\"tent-" + (i % 12) + "\"}");
                            ok += answer.status() == 200 ? answer.json().get("accepted").asInt() : 0;
                            underway.countDown();
                        }
                        return ok;
                    }));
                }
            }
            final List<Future<ApiServer.Answer>> links = new ArrayList<>();
            for (int l = 0; l < 2; l++)
            {
                links.add(senders.submit(() ->
                {
                    go.await();
                    underway.await(30, TimeUnit.SECONDS);
                    return api.postJson("/v1/identities", "{\"anonymousId\":\"race-cookie\",\"user\":\"race-user\"}");
                }));
            }
            go.countDown();
            int accepted = 0;
            for (final Future<Integer> future : sent)
            {
                accepted += future.get(60, TimeUnit.SECONDS);
            }
            boolean merged = false;
            for (final Future<ApiServer.Answer> link : links)
            {
                final ApiServer.Answer answer = link.get(60, TimeUnit.SECONDS);
                assertThat(answer.status()).isEqualTo(200);
                merged |= answer.json().get("merged").asBoolean();
            }
            assertThat(merged).as("the link raced events: the cookie had a profile to merge").isTrue();

            assertThat(accepted).isEqualTo(2 * perId);
            final JsonNode profile = api.get("/v1/profiles/race-user").json();
            assertThat(profile.get("counts").get("view").asInt()).as("every event once, none twice")
                .isEqualTo(2 * perId);
            assertThat(api.get("/v1/profiles/race-user/export").json().get("linkedIds").get(0).get("anonymousId")
                .asText()).isEqualTo("race-cookie");
        }
        finally
        {
            senders.shutdownNow();
        }
    }

    static String event(final String id, final String type, final String idField, final String shopper,
        final String product)
    {
        return "{\"id\":\"" + id + "\",\"type\":\"" + type + "\",\"" + idField + "\":\"" + shopper +
            "\",\"product\":\"" + product + "\"}";
    }

    static List<String> products(final JsonNode list)
    {
        final List<String> ids = new ArrayList<>();
        list.forEach(entry -> ids.add(entry.get("product").asText()));
        return ids;
    }
}
