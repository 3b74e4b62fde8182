package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.MutableClock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class FeedsApiTest
{
    private static final String XML_HEAD = "<?xml version=\"1.0\"?>\n<rss version=\"2.0\" " +
        "xmlns:g=\"http://base.google.com/ns/1.0\"><channel>\n";
    private static final String XML_TAIL = "</channel></rss>\n";
    private static final String TSV_HEADER = "id\ttitle\tprice\tavailability\tbrand\tproduct_type\tcustom_label_0\n";

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-05T08:00:00Z"));
    private ApiServer api;
    private FeedServer feed;

    @BeforeEach
    void start()
    {
        api = ApiServer.builder().clock(clock).start();
        feed = FeedServer.start();
    }

    @AfterEach
    void stop()
    {
        feed.close();
        api.close();
    }

    private static String item(final String id, final String price, final String availability)
    {
        return "<item><g:id>" + id + "</g:id><g:title>Tee " + id + "</g:title><g:price>" + price +
            "</g:price><g:availability>" + availability + "</g:availability><g:brand>Acme</g:brand>" +
            "<g:product_type>Apparel &gt; Tops</g:product_type><g:custom_label_0>casual</g:custom_label_0></item>\n";
    }

    private ApiServer.Answer define(final String id, final String format)
    {
        return api.put("/v1/feeds/" + id, "application/json", "{\"url\":\"" + feed.url() + "\",\"format\":\"" +
            format + "\",\"every\":\"15m\",\"labels\":{\"custom_label_0\":\"style\"}}");
    }

    /** Waits for the feed's fetch number {@code n} (counted by the feed server) to be recorded. */
    private JsonNode awaitFetch(final String id, final String at)
    {
        await().atMost(Duration.ofSeconds(20)).until(() ->
        {
            final JsonNode last = api.get("/v1/feeds/" + id).json().path("lastFetch");
            return !last.isNull() && !last.isMissingNode() && at.equals(last.path("at").asText());
        });
        return api.get("/v1/feeds/" + id).json();
    }

    @Test
    void xmlFeedIsFetchedAtOnceAndItsProductsAreServedRightAfter()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + item("tee-2", "24.00 EUR", "out of stock") +
            XML_TAIL);

        final ApiServer.Answer defined = define("shop", "merchant-xml");

        assertThat(defined.status()).isEqualTo(201);
        assertThat(defined.json().path("definition").path("format").asText()).isEqualTo("merchant-xml");
        final JsonNode shown = awaitFetch("shop", clock.instant().toString());
        final JsonNode last = shown.path("lastFetch");
        assertThat(last.path("result").asText()).isEqualTo("applied");
        assertThat(last.path("status").asInt()).isEqualTo(200);
        assertThat(last.path("added").asInt()).isEqualTo(2);
        assertThat(last.path("etag").asText()).isEqualTo("\"v1\"");
        assertThat(shown.path("nextFetchAt").asText()).isEqualTo(clock.instant().plus(Duration.ofMinutes(15))
            .toString());
        // served by this node's model the moment the fetch is recorded, no waiting for a refresh
        assertThat(api.server().grid().models().current().catalog().indexOf("tee-1")).isNotNegative();
        assertThat(products(api.get("/v1/recommendations?user=newcomer&k=10&placement=home").json()))
            .contains("tee-1");
        final JsonNode tee = api.get("/v1/products/tee-1").json();
        assertThat(tee.path("price").asDouble()).isEqualTo(19.99);
        assertThat(tee.path("category").asText()).isEqualTo("Apparel/Tops");
        assertThat(tee.path("attributes").path("style").get(0).asText()).isEqualTo("casual");
        assertThat(api.get("/v1/products/tee-2").json().path("inStock").asBoolean()).isFalse();
    }

    @Test
    void tsvFeedAppliesTheRestAndReportsTheBrokenLineWithItsNumber()
    {
        feed.serve(TSV_HEADER + "sock-1\tWool socks\t9.90 EUR\tin_stock\tKnit\tApparel > Socks\twinter\n" +
            "sock-2\tBroken\tnine euros\tin_stock\tKnit\tApparel > Socks\twinter\n" +
            "sock-3\tSilk socks\t29.00 EUR\tin_stock\tKnit\tApparel > Socks\tluxury\n");

        define("socks", "tsv");

        final JsonNode last = awaitFetch("socks", clock.instant().toString()).path("lastFetch");
        assertThat(last.path("added").asInt()).isEqualTo(2);
        assertThat(last.path("brokenLines").asInt()).isEqualTo(1);
        assertThat(last.path("broken").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(last.path("broken").get(0).path("field").asText()).isEqualTo("price");
        assertThat(api.get("/v1/products/sock-3").status()).isEqualTo(200);
        assertThat(api.get("/v1/products/sock-2").status()).isEqualTo(404);
    }

    @Test
    void gzippedCsvFeedWithALineOfTooFewColumnsSkipsItOnly()
    {
        feed.gzip(true);
        feed.serve("id,title,price,availability\nlamp-1,\"Desk lamp, brass\",49.00 EUR,in_stock\nlamp-2,Short\n" +
            "lamp-3,Wall lamp,59.00 EUR,out_of_stock\n");

        define("lamps", "csv");

        final JsonNode last = awaitFetch("lamps", clock.instant().toString()).path("lastFetch");
        assertThat(last.path("added").asInt()).isEqualTo(2);
        assertThat(last.path("broken").get(0).path("line").asInt()).isEqualTo(3);
        assertThat(last.path("broken").get(0).path("reason").asText()).contains("2 columns");
        assertThat(api.get("/v1/products/lamp-1").json().path("title").asText()).isEqualTo("Desk lamp, brass");
    }

    @Test
    void secondFetchOfAnUnchangedFeedIsA304ThatChangesNothing()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + XML_TAIL);
        define("shop", "merchant-xml");
        awaitFetch("shop", clock.instant().toString());

        clock.advance(Duration.ofMinutes(15));
        final JsonNode last = awaitFetch("shop", clock.instant().toString()).path("lastFetch");

        assertThat(feed.conditions()).containsExactly("", "\"v1\"");
        assertThat(last.path("result").asText()).isEqualTo("not-modified");
        assertThat(last.path("status").asInt()).isEqualTo(304);
        assertThat(last.path("added").asInt() + last.path("updated").asInt() + last.path("removed").asInt()).isZero();
        assertThat(last.path("etag").asText()).isEqualTo("\"v1\"");
        assertThat(api.get("/v1/products/tee-1").status()).isEqualTo(200);
    }

    @Test
    void productThatLeftTheFeedIsRemovedChangedOnesUpdatedAndUnchangedOnesLeftAlone()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + item("tee-2", "24.00 EUR", "in stock") +
            item("tee-3", "30.00 EUR", "in stock") + XML_TAIL);
        define("shop", "merchant-xml");
        awaitFetch("shop", clock.instant().toString());
        final long unchangedVersion = storedVersion("tee-1");

        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + item("tee-2", "20.00 EUR", "out of stock") +
            item("tee-4", "9.00 EUR", "in stock") + XML_TAIL);
        clock.advance(Duration.ofMinutes(15));
        final JsonNode last = awaitFetch("shop", clock.instant().toString()).path("lastFetch");

        assertThat(last.path("result").asText()).isEqualTo("applied");
        assertThat(last.path("added").asInt()).isEqualTo(1);
        assertThat(last.path("updated").asInt()).isEqualTo(1);
        assertThat(last.path("unchanged").asInt()).isEqualTo(1);
        assertThat(last.path("removed").asInt()).isEqualTo(1);
        assertThat(api.get("/v1/products/tee-3").status()).isEqualTo(404);
        assertThat(api.get("/v1/products/tee-2").json().path("inStock").asBoolean()).isFalse();
        assertThat(api.server().grid().models().current().catalog().indexOf("tee-3")).isNegative();
        assertThat(storedVersion("tee-1")).as("not rewritten").isEqualTo(unchangedVersion);
    }

    private long storedVersion(final String id)
    {
        return api.server().grid().catalog().get(id).toCompletableFuture().join().version();
    }

    @Test
    void feedIsFetchedAgainOnlyWhenItsIntervalHasPassed()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + XML_TAIL);
        define("shop", "merchant-xml");
        awaitFetch("shop", clock.instant().toString());

        clock.advance(Duration.ofMinutes(14));
        api.server().feeds().runDue().join();
        assertThat(feed.requests()).isEqualTo(1);

        clock.advance(Duration.ofMinutes(1));
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.requests() == 2);
    }

    @Test
    void redefinitionDuringAFetchIsStoredAtOnceAndFetchedRightAfterIt() throws Exception
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + XML_TAIL);
        final CountDownLatch gate = feed.hold();
        define("shop", "merchant-xml");
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.requests() == 1);

        // the fetch is waiting for the feed's server; the redefinition is not held up by it
        final ApiServer.Answer redefined = CompletableFuture.supplyAsync(() -> api.put("/v1/feeds/shop",
            "application/json", "{\"url\":\"" + feed.url() + "\",\"format\":\"merchant-xml\",\"every\":\"1h\"}"))
            .get(10, TimeUnit.SECONDS);
        assertThat(redefined.status()).isEqualTo(200);
        gate.countDown();

        // the fetch of the old definition is recorded, and the new one, due at once, is fetched next
        await().atMost(Duration.ofSeconds(20)).until(() -> feed.requests() == 2);
        final JsonNode shown = awaitFetch("shop", clock.instant().toString());
        assertThat(shown.path("definition").path("every").asText()).isEqualTo("1h");
        assertThat(shown.path("nextFetchAt").asText()).isEqualTo(clock.instant().plus(Duration.ofHours(1))
            .toString());
    }

    @Test
    void failedFetchIsShownAndChangesNothing()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + XML_TAIL);
        define("shop", "merchant-xml");
        awaitFetch("shop", clock.instant().toString());

        feed.fail(500);
        clock.advance(Duration.ofMinutes(15));
        final JsonNode last = awaitFetch("shop", clock.instant().toString()).path("lastFetch");

        assertThat(last.path("result").asText()).isEqualTo("failed");
        assertThat(last.path("status").asInt()).isEqualTo(500);
        assertThat(api.get("/v1/products/tee-1").status()).isEqualTo(200);

        feed.serve("<html><body>Maintenance</body>");
        clock.advance(Duration.ofMinutes(15));
        final JsonNode unreadable = awaitFetch("shop", clock.instant().toString()).path("lastFetch");

        assertThat(unreadable.path("result").asText()).isEqualTo("failed");
        assertThat(unreadable.path("error").asText()).contains("not well-formed");
        assertThat(unreadable.path("removed").asInt()).isZero();
        assertThat(api.get("/v1/products/tee-1").status()).isEqualTo(200);
    }

    @Test
    void badDefinitionsAreRefusedNamingTheFieldAndNothingIsStored()
    {
        final String url = feed.url();
        assertProblem("{\"format\":\"csv\",\"every\":\"15m\"}", "url");
        assertProblem("{\"url\":\"ftp://shop.example/feed\",\"format\":\"csv\",\"every\":\"15m\"}", "url");
        assertProblem("{\"url\":\"" + url + "\",\"format\":\"json\",\"every\":\"15m\"}", "format");
        assertProblem("{\"url\":\"" + url + "\",\"format\":\"csv\",\"every\":\"10s\"}", "every");
        assertProblem("{\"url\":\"" + url + "\",\"format\":\"csv\",\"every\":\"soon\"}", "every");
        assertProblem("{\"url\":\"" + url + "\",\"format\":\"csv\",\"every\":\"15m\",\"labels\":" +
            "{\"custom_label_9\":\"style\"}}", "labels.custom_label_9");
        assertProblem("{\"url\":\"" + url + "\",\"format\":\"csv\",\"every\":\"15m\",\"schedule\":1}", "schedule");
        assertThat(api.get("/v1/feeds/bad").status()).isEqualTo(404);
        assertThat(api.get("/v1/feeds").json().path("feeds")).isEmpty();
        assertThat(feed.requests()).isZero();
    }

    @Test
    void feedsAreListedAndADeletedOneIsGoneWhileItsProductsStay()
    {
        feed.serve(XML_HEAD + item("tee-1", "19.99 EUR", "in stock") + XML_TAIL);
        define("shop", "merchant-xml");
        awaitFetch("shop", clock.instant().toString());

        assertThat(api.get("/v1/feeds").json().path("feeds").get(0).path("id").asText()).isEqualTo("shop");
        assertThat(api.delete("/v1/feeds/shop").status()).isEqualTo(200);
        assertThat(api.get("/v1/feeds/shop").status()).isEqualTo(404);
        assertThat(api.delete("/v1/feeds/shop").status()).isEqualTo(404);
        assertThat(api.get("/v1/products/tee-1").status()).isEqualTo(200);
    }

    private void assertProblem(final String body, final String field)
    {
        final ApiServer.Answer answer = api.put("/v1/feeds/bad", "application/json", body);
        assertThat(answer.status()).as(body).isEqualTo(400);
        assertThat(answer.contentType()).startsWith("application/problem+json");
        assertThat(answer.json().path("field").asText()).as(body).isEqualTo(field);
    }

    private static List<String> products(final JsonNode answer)
    {
        final List<String> ids = new ArrayList<>();
        answer.path("items").forEach(item -> ids.add(item.path("product").asText()));
        return ids;
    }
}
