package io.tailor.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.server.api.ApiServer;
import io.tailor.server.config.SecurityPolicy;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * tailor.js in headless Chromium against a real node with a browser (public) key and one CORS origin: the shop's
 * pages come from a second origin (a small Vert.x server of the test), the node is reached through a
 * {@link NodeProxy} that sees every request, can lose an answer, hold answers (a slow node), and keep its address
 * while the node behind it is stopped and started again. Screenshots go to {@code target/screenshots/}.
 */
class TailorJsBrowserTest
{
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final String BROWSER_KEY = ApiKeys.generate(true, RANDOM);
    private static final String SERVER_KEY = ApiKeys.generate(false, RANDOM);
    private static final List<String> PRODUCTS = List.of("p-1", "p-2", "p-3", "p-4", "p-5", "p-6", "p-7", "p-8");
    private static final Duration EVENTUALLY = Duration.ofSeconds(20);
    /** tailor.js's default deadline of recommend(), and the bound a fallback list must render within. */
    private static final long TIMEOUT_MS = 300;
    private static final long FALLBACK_BOUND_MS = 1000;
    /** An impression is sent once at least half an element was visible this long. */
    private static final long VISIBLE_MS = 1000;
    /** How long a test watches for something that must not happen: longer than VISIBLE_MS plus a flush. */
    private static final Duration NOTHING_FOR = Duration.ofMillis(1500);
    /** The shop's page: tailor.js from the shop's own origin, the node (through the proxy) as its endpoint. */
    private static final String PAGE = """
        <!doctype html>
        <html lang="en">
        <head>
          <meta charset="utf-8">
          <title>Shop</title>
          <link rel="icon" href="data:,">
          <style>
            body { font-family: sans-serif; margin: 24px; }
            #recs { display: flex; gap: 12px; list-style: none; padding: 0; }
            #recs li { width: 140px; height: 90px; border: 2px solid #2a6; border-radius: 8px; padding: 8px; }
            #recs[data-tailor-fallback] li { border-style: dashed; border-color: #a62; }
            #recs[data-tailor-fallback]::before { content: "fallback: " attr(data-tailor-fallback); }
            #own button { margin: 8px; padding: 16px; }
          </style>
          <script src="/tailor.js"></script>
        </head>
        <body>
          <h1>Shop</h1>
          <p id="state"></p>
          <ul id="recs"></ul>
          <script>
            const consent = new URLSearchParams(location.search).get('consent') || 'pending';
            Tailor.init({endpoint: 'ENDPOINT', key: 'KEY', consent: consent});
            document.getElementById('state').textContent = 'consent: ' + consent;
          </script>
        </body>
        </html>
        """;

    private static Vertx vertx;
    private static HttpServer shop;
    private static NodeProxy proxy;
    private static ApiServer node;
    private static Browser browser;
    private static String script;

    private int mark;

    @BeforeAll
    static void start() throws Exception
    {
        vertx = Vertx.vertx();
        shop = vertx.createHttpServer().requestHandler(TailorJsBrowserTest::page).listen(0, "127.0.0.1")
            .toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        node = startNode();
        proxy = NodeProxy.start(vertx, node.server().port());
        script = node.get("/sdk/tailor.js").body();
        browser = Browser.open(Browser.LAPTOP_WIDTH, 800);
    }

    @AfterAll
    static void stop() throws Exception
    {
        if (browser != null)
        {
            browser.close();
        }
        if (proxy != null)
        {
            proxy.close();
        }
        if (node != null)
        {
            node.close();
        }
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @BeforeEach
    void freshShopper()
    {
        browser.driver().get(shopUrl() + "/other.html");
        browser.driver().executeScript("localStorage.clear(); sessionStorage.clear();");
        browser.driver().manage().deleteAllCookies();
        browser.consoleErrors();
        mark = proxy.exchanges().size();
    }

    @Test
    void shouldSendNothingAndStoreNothingBeforeConsent()
    {
        final long recommendationsBefore = nodeRequests("POST /v1/recommendations");
        final long eventsBefore = nodeRequests("POST /v1/events");
        open("pending");

        @SuppressWarnings("unchecked")
        final Map<String, Object> pending = (Map<String, Object>)browser.driver().executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "Tailor.track('view', {product: 'p-1'}); Tailor.track('add_to_cart', {product: 'p-2'}); Tailor.flush();" +
            "Tailor.recommend({placement: 'home', k: 4}).then(a => done({reason: a.fallbackReason," +
            "  items: a.items.length, id: Tailor.anonymousId(), cookie: document.cookie," +
            "  stored: localStorage.length + sessionStorage.length}));");
        browser.screenshot("tailor-js-consent-pending");
        browser.driver().get(shopUrl() + "/other.html"); // pagehide: a granted page would send its batch now
        // The control: a page with consent sends, so the pending page had its chance to send before it.
        open("granted");
        final String shopper = anonymousId();
        browser.driver().executeScript("Tailor.track('view', {product: 'p-3'}); Tailor.flush();");
        await().atMost(EVENTUALLY).until(() -> views(shopper) == 1);

        assertThat(pending).containsEntry("reason", "consent").containsEntry("items", 0L)
            .containsEntry("cookie", "").containsEntry("stored", 0L);
        assertThat(pending.get("id")).isNull();
        final List<NodeProxy.Exchange> sent = sinceMark();
        assertThat(sent).isNotEmpty().allSatisfy(exchange ->
        {
            assertThat(exchange.body()).doesNotContain("p-1").doesNotContain("p-2");
            assertThat(exchange.method().equals("OPTIONS") || exchange.body().contains(shopper))
                .as(exchange.toString()).isTrue();
        });
        assertThat(nodeRequests("POST /v1/recommendations")).isEqualTo(recommendationsBefore);
        await().atMost(EVENTUALLY).until(() -> nodeRequests("POST /v1/events") == eventsBefore + answered(sent));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void shouldDeliverEachEventOnceWhenARetryFollowsALostAnswer()
    {
        open("granted");
        final String shopper = anonymousId();
        proxy.loseNextEventsAnswer();

        @SuppressWarnings("unchecked")
        final List<String> ids = (List<String>)browser.driver().executeScript("const ids = [" +
            "Tailor.track('view', {product: 'p-1'}), Tailor.track('view', {product: 'p-2'})," +
            "Tailor.track('view', {product: 'p-3'})]; Tailor.flush(); return ids;");
        await().atMost(EVENTUALLY).until(() -> queued() == 0 && eventsOf(shopper).size() >= 2);

        final List<NodeProxy.Exchange> sends = eventsOf(shopper);
        assertThat(sends).allSatisfy(send -> assertThat(idsOf(send)).containsExactlyElementsOf(ids));
        assertThat(sends.get(0).answerJson().get("accepted").asInt()).isEqualTo(3);
        assertThat(sends.get(sends.size() - 1).answerJson().get("duplicates").asInt()).isEqualTo(3);
        final JsonNode profile = profile(shopper);
        assertThat(profile.path("counts").path("view").asInt()).isEqualTo(3);
        assertThat(profile.path("rememberedEventIds").asInt()).isEqualTo(3);
    }

    @Test
    void shouldDeliverTheQueuedEventsOnceAfterTheNodeRestarts() throws Exception
    {
        open("granted");
        final String shopper = anonymousId();
        node.close();

        browser.driver().executeScript("Tailor.track('view', {product: 'p-4'});" +
            "Tailor.track('add_to_cart', {product: 'p-5'}); Tailor.flush();");
        await().atMost(EVENTUALLY).until(() -> sinceMark().stream().anyMatch(e -> e.path().equals("/v1/events")) &&
            queued() == 2);
        browser.driver().executeScript("document.getElementById('state').textContent += ' | node stopped, queued: '" +
            " + JSON.parse(localStorage.getItem('tailor_queue')).map(e => e.type + ' ' + e.product).join(', ');");
        browser.screenshot("tailor-js-node-down");
        node = startNode();
        proxy.target(node.server().port());
        await().atMost(Duration.ofSeconds(90)).until(() -> queued() == 0);

        final JsonNode profile = profile(shopper);
        assertThat(profile.path("counts").path("view").asInt()).isEqualTo(1);
        assertThat(profile.path("counts").path("add_to_cart").asInt()).isEqualTo(1);
        assertThat(eventsOf(shopper).stream().mapToInt(e -> e.answerJson().get("accepted").asInt()).sum())
            .isEqualTo(2);
    }

    @Test
    void shouldRenderTheTabsLastGoodListWhenTheNodeIsSlow()
    {
        open("granted");
        final Map<String, Object> good = recommendAndRender();
        assertThat(good.get("fallback")).isEqualTo(false);
        assertThat((Long)good.get("items")).isPositive();

        proxy.hold("/v1/recommendations");
        try
        {
            open("granted"); // the next page view in the same tab
            final Map<String, Object> slow = recommendAndRender();
            final int heldWhenRendered = proxy.heldCount();
            browser.screenshot("tailor-js-fallback-rendered");

            assertThat(slow).containsEntry("fallback", true).containsEntry("reason", "timeout")
                .containsEntry("requestId", good.get("requestId")).containsEntry("products", good.get("products"));
            assertThat(heldWhenRendered).as("the node's answer was still on its way when the list rendered")
                .isPositive();
            assertThat(browser.driver().findElements(By.cssSelector("#recs li"))).hasSize(
                ((Long)good.get("items")).intValue());
            assertThat(browser.driver().findElement(By.id("recs")).getAttribute("data-tailor-fallback"))
                .isEqualTo("timeout");
            System.out.println("tailor.js fallback rendered " + slow.get("ms") + " ms after recommend() was called");
            // The default deadline is 300 ms, measured by the page's own clock from recommend() to the rendered
            // list. A broken timeout renders when the held answer is released (never, here: the script would time
            // out) or not at all; a working one renders a little after 300 ms. The bound leaves 700 ms for a
            // headless Chromium on a busy 2-core machine (a timer late, a render slow, a GC), not for a second
            // deadline. Nor can it come sooner than the deadline: the answer is held (10 ms for rounding).
            assertThat((Long)slow.get("ms")).as("ms from recommend() to the rendered fallback")
                .isGreaterThanOrEqualTo(TIMEOUT_MS - 10).isLessThan(FALLBACK_BOUND_MS);
        }
        finally
        {
            proxy.release();
        }
    }

    @Test
    void shouldSendImpressionsAndClicksWithTheListsRequestId()
    {
        open("granted");
        final String shopper = anonymousId();
        final Map<String, Object> rendered = recommendAndRender();
        // A storefront's own markup: the list and its products marked by hand, added after the page loaded.
        @SuppressWarnings("unchecked")
        final Map<String, Object> own = (Map<String, Object>)browser.driver().executeAsyncScript(
            "const done = arguments[arguments.length - 1];" +
            "Tailor.recommend({placement: 'home', k: 2}).then(a => {" +
            "  const list = document.createElement('section'); list.id = 'own';" +
            "  list.setAttribute('data-tailor-request', a.requestId);" +
            "  a.items.forEach(i => { const b = document.createElement('button');" +
            "    b.setAttribute('data-tailor-product', i.product); b.textContent = 'own ' + i.product;" +
            "    list.appendChild(b); });" +
            "  document.body.appendChild(list);" +
            "  done({requestId: a.requestId, products: a.items.map(i => i.product)}); });");
        @SuppressWarnings("unchecked")
        final List<String> listProducts = (List<String>)rendered.get("products");
        @SuppressWarnings("unchecked")
        final List<String> ownProducts = (List<String>)own.get("products");
        final int expectedImpressions = listProducts.size() + ownProducts.size();
        await().atMost(EVENTUALLY).until(() -> sentEvents(shopper, "impression").size() == expectedImpressions);
        browser.screenshot("tailor-js-impressions");

        final List<WebElement> items = browser.driver().findElements(By.cssSelector("#recs li"));
        items.get(1).click();
        browser.driver().findElement(By.cssSelector("#own button")).click();
        browser.driver().executeScript("Tailor.flush();");
        await().atMost(EVENTUALLY).until(() -> sentEvents(shopper, "click").size() == 2);

        final Set<String> impressions = new TreeSet<>();
        sentEvents(shopper, "impression").forEach(e -> impressions.add(e.path("requestId").asText("none") + " " +
            e.path("product").asText()));
        final Set<String> expected = new TreeSet<>();
        listProducts.forEach(p -> expected.add(rendered.get("requestId") + " " + p));
        ownProducts.forEach(p -> expected.add(own.get("requestId") + " " + p));
        assertThat(impressions).isEqualTo(expected);
        final List<JsonNode> clicks = sentEvents(shopper, "click");
        assertThat(clicks.get(0).path("requestId").asText()).isEqualTo(rendered.get("requestId"));
        assertThat(clicks.get(0).get("product").asText()).isEqualTo(listProducts.get(1));
        assertThat(clicks.get(1).path("requestId").asText()).isEqualTo(own.get("requestId"));
        assertThat(clicks.get(1).get("product").asText()).isEqualTo(ownProducts.get(0));
        await().atMost(EVENTUALLY).until(() -> profile(shopper).path("counts").path("click").asInt() == 2);
        assertThat(profile(shopper).path("counts").path("impression").asInt()).isEqualTo(expectedImpressions);
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void shouldSendOneImpressionOnlyAfterAnElementBelowTheFoldWasHalfVisibleForASecond()
    {
        open("granted");
        final String shopper = anonymousId();
        // The page's instrumentation: every impression leaving the page is logged with the page's clock, and the
        // batch is flushed every 50 ms, so an impression leaves within 50 ms of being tracked instead of with the
        // next 1 s batch (which would hide an impression tracked too early).
        @SuppressWarnings("unchecked")
        final Map<String, Object> below = (Map<String, Object>)browser.driver().executeAsyncScript(
            "const done = arguments[arguments.length - 1]; window.impressionsSent = [];" +
            "const send = window.fetch; window.fetch = (url, init) => {" +
            "  if (String(url).endsWith('/v1/events')) { JSON.parse(init.body).filter(e => e.type === 'impression')" +
            "    .forEach(e => impressionsSent.push({product: e.product, at: performance.now()})); }" +
            "  return send(url, init); };" +
            "setInterval(() => Tailor.flush(), 50);" +
            "Tailor.recommend({placement: 'home', k: 1, timeoutMs: 20000}).then(a => {" +
            "  if (!a.items.length) { done({fallback: a.fallbackReason}); return; }" +
            "  const list = document.createElement('section'); list.id = 'below';" +
            "  list.style.marginTop = (3 * innerHeight) + 'px';" +
            "  list.setAttribute('data-tailor-request', a.requestId);" +
            "  const item = document.createElement('div'); item.style.height = '100px';" +
            "  item.style.border = '2px solid #26a'; item.setAttribute('data-tailor-product', a.items[0].product);" +
            "  item.textContent = 'below the fold: ' + a.items[0].product; list.appendChild(item);" +
            "  document.body.appendChild(list); done({requestId: a.requestId, product: a.items[0].product}); });");

        assertThat(below).as("a list from the node (a slow one is waited for here)").containsKey("product");
        await("off screen").during(NOTHING_FOR).atMost(NOTHING_FOR.multipliedBy(2))
            .until(() -> impressionsSent() == 0);
        browser.driver().executeScript("const item = document.querySelector('#below [data-tailor-product]');" +
            "scrollTo(0, item.getBoundingClientRect().top + scrollY - innerHeight + 25);"); // a quarter visible
        await("a quarter visible").during(NOTHING_FOR).atMost(NOTHING_FOR.multipliedBy(2))
            .until(() -> impressionsSent() == 0);
        browser.screenshot("tailor-js-impression-quarter-visible");
        final double scrolledAt = ((Number)browser.driver().executeScript(
            "document.querySelector('#below [data-tailor-product]').scrollIntoView({block: 'center'});" +
            "return performance.now();")).doubleValue();
        await("in view").atMost(EVENTUALLY).until(() -> impressionsSent() == 1);
        browser.screenshot("tailor-js-impression-in-view");
        // Out of view and back: one impression per element and page.
        browser.driver().executeScript("scrollTo(0, 0);");
        browser.driver().executeScript("document.querySelector('#below [data-tailor-product]')" +
            ".scrollIntoView({block: 'center'});");
        await("once").during(NOTHING_FOR).atMost(NOTHING_FOR.multipliedBy(2)).until(() -> impressionsSent() == 1);

        final double sentAt = ((Number)browser.driver().executeScript("return impressionsSent[0].at;")).doubleValue();
        System.out.println("tailor.js impression sent " + Math.round(sentAt - scrolledAt) + " ms after in view");
        assertThat(sentAt - scrolledAt).as("ms from in view to the impression leaving the page")
            .isGreaterThanOrEqualTo(VISIBLE_MS - 10);
        await().atMost(EVENTUALLY).until(() -> profile(shopper).path("counts").path("impression").asInt() == 1);
        final List<JsonNode> arrived = sentEvents(shopper, "impression");
        assertThat(arrived).hasSize(1);
        assertThat(arrived.get(0).path("product").asText()).isEqualTo(below.get("product"));
        assertThat(arrived.get(0).path("requestId").asText()).isEqualTo(below.get("requestId"));
        assertThat(browser.consoleErrors()).isEmpty();
    }

    @Test
    void shouldHaveTheNodeRefuseMarketingWhenTheBrowserSignalsGlobalPrivacyControl()
    {
        // Debian's Chromium has no GPC setting: the signal is given to the page as a GPC browser gives it.
        @SuppressWarnings("unchecked")
        final Map<String, Object> signal = browser.driver().executeCdpCommand("Page.addScriptToEvaluateOnNewDocument",
            Map.of("source", "Object.defineProperty(Navigator.prototype, 'globalPrivacyControl', " +
                "{get: () => true, configurable: true});"));
        try
        {
            open("granted");
            final String shopper = anonymousId();
            assertThat(browser.driver().executeScript("return Tailor.gpc();")).isEqualTo(true);
            browser.driver().executeScript("Tailor.track('view', {product: 'p-2'}); Tailor.flush();");
            await().atMost(EVENTUALLY).until(() -> views(shopper) == 1);

            assertThat(sentEvents(shopper, "view")).singleElement()
                .satisfies(event -> assertThat(event.path("gpc").asBoolean()).isTrue());
            final JsonNode consent = profile(shopper).path("consent");
            assertThat(consent.path("gpc").asBoolean()).isTrue();
            assertThat(consent.path("marketing").asBoolean()).isFalse();
            assertThat(browser.consoleErrors()).isEmpty();
        }
        finally
        {
            browser.driver().executeCdpCommand("Page.removeScriptToEvaluateOnNewDocument",
                Map.of("identifier", signal.get("identifier")));
        }
    }

    private static ApiServer startNode()
    {
        final String keys = ApiKeys.line(new ApiKey("storefront-web", ApiKeys.sha256(BROWSER_KEY),
            EnumSet.of(Scope.RECS_READ, Scope.EVENTS_WRITE), true, null)) + "\n" +
            ApiKeys.line(new ApiKey("shop-backend", ApiKeys.sha256(SERVER_KEY), EnumSet.of(Scope.CATALOG_WRITE,
                Scope.EVENTS_WRITE, Scope.PROFILES_READ, Scope.RECS_READ), false, null)) + "\n";
        final ApiServer started = ApiServer.builder().keys(keys)
            .security(new SecurityPolicy(List.of(shopUrl()), Duration.ofMinutes(5), Rate.parse("100/s", 200), 0))
            .start();
        final StringBuilder catalog = new StringBuilder("[");
        for (final String product : PRODUCTS)
        {
            catalog.append(catalog.length() > 1 ? "," : "").append("{\"id\":\"").append(product)
                .append("\",\"category\":\"shoes\",\"price\":").append(10 + product.hashCode() % 7).append('}');
        }
        final ApiServer.Answer loaded = started.send("PUT", "/v1/products", SERVER_KEY, "application/json",
            catalog.append(']').toString());
        assertThat(loaded.status()).as(loaded.body()).isEqualTo(200);
        PRODUCTS.forEach(started::awaitProduct);
        // Other shoppers' views make the popular list that a new shopper is shown.
        final StringBuilder views = new StringBuilder();
        for (int i = 0; i < PRODUCTS.size(); i++)
        {
            for (int j = 0; j <= i; j++)
            {
                views.append("{\"type\":\"view\",\"user\":\"other-").append(j).append("\",\"product\":\"")
                    .append(PRODUCTS.get(i)).append("\"}\n");
            }
        }
        final ApiServer.Answer viewed = started.send("POST", "/v1/events", SERVER_KEY, "application/x-ndjson",
            views.toString());
        assertThat(viewed.status()).as(viewed.body()).isEqualTo(200);
        return started;
    }

    private static String shopUrl()
    {
        return "http://127.0.0.1:" + shop.actualPort();
    }

    /**
     * The shop's origin. Its pages declare an empty icon: without one, Chromium asks for {@code /favicon.ico}
     * whenever it gets round to it, and the 404 lands in the console-error list of whichever test runs then (CI saw
     * it fail the below-the-fold test).
     */
    private static void page(final HttpServerRequest request)
    {
        switch (request.path())
        {
            case "/tailor.js" -> request.response().putHeader("Content-Type", "text/javascript; charset=utf-8")
                .end(script);
            case "/page.html" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end(PAGE.replace("ENDPOINT", proxy.url()).replace("KEY", BROWSER_KEY));
            case "/other.html" -> request.response().putHeader("Content-Type", "text/html; charset=utf-8")
                .end("<!doctype html><title>Elsewhere</title><link rel=\"icon\" href=\"data:,\">" +
                    "<p>Another page of the shop, without tailor.js.</p>");
            default -> request.response().setStatusCode(404).end();
        }
    }

    private void open(final String consent)
    {
        browser.driver().get(shopUrl() + "/page.html?consent=" + consent);
    }

    private static String anonymousId()
    {
        final Object id = browser.driver().executeScript("return Tailor.anonymousId();");
        assertThat(id).isNotNull();
        return id.toString();
    }

    private static long impressionsSent()
    {
        return (Long)browser.driver().executeScript("return impressionsSent.length;");
    }

    private static long queued()
    {
        return (Long)browser.driver().executeScript(
            "const q = JSON.parse(localStorage.getItem('tailor_queue') || '[]'); return q.length;");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> recommendAndRender()
    {
        return (Map<String, Object>)browser.driver().executeAsyncScript(
            "const done = arguments[arguments.length - 1]; const started = performance.now();" +
            "Tailor.recommend({placement: 'home', k: 4}).then(a => {" +
            "  Tailor.render(a, document.getElementById('recs'), i => '<li>' + i.product + '</li>');" +
            "  done({fallback: a.fallback === true, reason: a.fallbackReason || null, requestId: a.requestId," +
            "    items: a.items.length, products: a.items.map(i => i.product)," +
            "    ms: Math.round(performance.now() - started)}); });");
    }

    private List<NodeProxy.Exchange> sinceMark()
    {
        final List<NodeProxy.Exchange> all = proxy.exchanges();
        return all.subList(Math.min(mark, all.size()), all.size());
    }

    private static long answered(final List<NodeProxy.Exchange> exchanges)
    {
        return exchanges.stream().filter(e -> e.method().equals("POST") && e.path().equals("/v1/events") &&
            e.status() > 0).count();
    }

    private static List<NodeProxy.Exchange> eventsOf(final String shopper)
    {
        return proxy.answeredEvents().stream().filter(e -> e.body().contains(shopper)).toList();
    }

    private static List<String> idsOf(final NodeProxy.Exchange send)
    {
        final List<String> ids = new ArrayList<>();
        send.json().forEach(event -> ids.add(event.get("id").asText()));
        return ids;
    }

    private static List<JsonNode> sentEvents(final String shopper, final String type)
    {
        final List<JsonNode> events = new ArrayList<>();
        final Set<String> ids = new TreeSet<>();
        for (final NodeProxy.Exchange send : eventsOf(shopper))
        {
            send.json().forEach(event ->
            {
                if (event.get("type").asText().equals(type) && ids.add(event.get("id").asText()))
                {
                    events.add(event);
                }
            });
        }
        return events;
    }

    private static int views(final String shopper)
    {
        return profile(shopper).path("counts").path("view").asInt();
    }

    private static JsonNode profile(final String shopper)
    {
        final ApiServer.Answer answer = node.get("/v1/profiles/" + shopper + "?kind=anonymous", SERVER_KEY);
        return answer.status() == 200 ? answer.json() : com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }

    private static long nodeRequests(final String route)
    {
        final Histogram histogram = node.server().metrics().latency().snapshot().get(route);
        return histogram == null ? 0 : histogram.getTotalCount();
    }
}
