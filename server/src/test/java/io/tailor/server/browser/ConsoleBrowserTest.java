package io.tailor.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.server.api.ApiServer;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.FluentWait;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The console in a real (headless) Chromium against a real node with a small store: every page opened by its
 * deep link and reloaded, the numbers it shows compared with the API's answers, an erasure done through the
 * page with the keyboard and checked through the API, no browser console errors, at a laptop's and a phone's
 * width. Screenshots of each page land in {@code target/screenshots/console-*.png}.
 */
class ConsoleBrowserTest
{
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final String[] CATEGORIES = {"apparel/shoes/running", "apparel/jackets", "home/kitchen"};
    private static final String[] BRANDS = {"Nimbus", "Apex", "Kettle"};

    private static ApiServer api;
    private static Browser browser;

    @BeforeAll
    static void start()
    {
        // established products' impressions merged every 0.2 s instead of 30 s, for the product page's counts
        api = ApiServer.builder().establishedShownInterval(Duration.ofMillis(200)).start();
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 30; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"p").append(i).append("\",\"title\":\"Product ")
                .append(i).append("\",\"category\":\"").append(CATEGORIES[i % 3]).append("\",\"brand\":\"")
                .append(BRANDS[i % 3]).append("\",\"price\":").append(20 + i).append('}');
        }
        assertThat(api.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        api.awaitProduct("p29");
        final StringBuilder events = new StringBuilder("[");
        for (int shopper = 0; shopper < 12; shopper++)
        {
            for (int step = 0; step < 4; step++)
            {
                final int product = (shopper + step * 3) % 30;
                events.append(events.length() == 1 ? "" : ",").append("{\"id\":\"e").append(shopper).append('-')
                    .append(step).append("\",\"type\":\"").append(step == 3 ? "purchase" : "view")
                    .append("\",\"user\":\"s").append(shopper).append("\",\"product\":\"p").append(product)
                    .append("\"}");
            }
        }
        events.append(",{\"id\":\"ada-0\",\"type\":\"view\",\"user\":\"ada\",\"product\":\"p4\"}")
            .append(",{\"id\":\"ada-00\",\"type\":\"view\",\"user\":\"ada\",\"product\":\"p7\"}")
            .append(",{\"id\":\"ada-1\",\"type\":\"view\",\"user\":\"ada\",\"product\":\"p3\"}")
            .append(",{\"id\":\"ada-2\",\"type\":\"add_to_cart\",\"user\":\"ada\",\"product\":\"p6\"}")
            .append(",{\"id\":\"ada-3\",\"type\":\"purchase\",\"user\":\"ada\",\"product\":\"p9\"}")
            .append(",{\"id\":\"bea-1\",\"type\":\"view\",\"user\":\"bea\",\"product\":\"p1\"}]");
        assertThat(api.postJson("/v1/events", events.toString()).json().get("accepted").asInt()).isEqualTo(54);
        browser = Browser.open(Browser.LAPTOP_WIDTH, 900);
    }

    @AfterAll
    static void stop()
    {
        if (browser != null)
        {
            browser.close();
        }
        api.close();
    }

    @AfterEach
    void noConsoleErrorsAndBackToALaptop()
    {
        final List<String> errors = browser.consoleErrors();
        width(Browser.LAPTOP_WIDTH);
        assertThat(errors).as("browser console errors").isEmpty();
    }

    @Test
    void shouldServeTheAppShellAtEveryDeepLinkAndTheFilesFromTheJar()
    {
        final ApiServer.Answer shell = api.get("/console/");

        assertThat(shell.status()).isEqualTo(200);
        assertThat(shell.contentType()).startsWith("text/html");
        assertThat(shell.header("Content-Security-Policy")).contains("script-src 'self'");
        assertThat(shell.header("Tailor-Api-Keys")).isEqualTo("none");
        for (final String page : List.of("/console/shoppers/ada", "/console/products/p1", "/console/segments/s1",
            "/console/experiments/e1", "/console/shoppers"))
        {
            final ApiServer.Answer answer = api.get(page);
            assertThat(answer.status()).as(page).isEqualTo(200);
            assertThat(answer.body()).as(page).isEqualTo(shell.body());
        }
        assertThat(api.get("/console/assets/app.js").contentType()).startsWith("text/javascript");
        assertThat(api.get("/console/assets/console.css").contentType()).startsWith("text/css");
        final ApiServer.Answer bare = api.get("/console");
        assertThat(bare.status()).isEqualTo(308);
        assertThat(bare.header("Location")).isEqualTo("/console/");
        final ApiServer.Answer missing = api.get("/console/assets/missing.js");
        assertThat(missing.status()).isEqualTo(404);
        assertThat(missing.contentType()).isEqualTo("application/problem+json");
    }

    @Test
    void shouldShowTheOverviewNumbersTheApiGivesAndSurviveAReload()
    {
        final JsonNode stats = api.get("/v1/stats").json();

        open("/console/");
        awaitText(By.cssSelector("#tile-products .value"), num(stats.at("/model/products").asLong()));
        browser.driver().navigate().refresh();
        awaitText(By.cssSelector("#tile-products .value"), num(stats.at("/model/products").asLong()));
        awaitText(By.cssSelector("#tile-members .value"), "1");
        assertThat(text(By.cssSelector("#tile-members .sub")))
            .isEqualTo(stats.at("/grid/members/0/partitionsOwned").asInt() + " partitions here");
        assertThat(text(By.cssSelector("#tile-events .sub")))
            .isEqualTo(num(stats.at("/events/accepted").asLong()) + " accepted in all");
        assertThat(text(By.cssSelector("#tile-5xx .value"))).isEqualTo("0");
        assertThat(text(By.cssSelector("#tile-degraded .value"))).isEqualTo(num(stats.get("degraded").asLong()));
        final List<String> memberRow = cells("#members tbody tr");
        assertThat(memberRow).containsExactly(stats.at("/grid/members/0/address").asText(), "yes",
            num(stats.at("/grid/members/0/partitionsOwned").asLong()),
            num(stats.at("/grid/members/0/backups").asLong()));
        final List<String> answered = new ArrayList<>();
        stats.get("routes").properties().forEach(route ->
        {
            if (route.getValue().get("count").asLong() > 0)
            {
                answered.add(route.getKey());
            }
        });
        assertThat(answered).contains("PUT /v1/products", "POST /v1/events");
        final List<String> routes = texts(By.cssSelector("#routes tbody tr td:first-child"));
        assertThat(routes).containsAll(answered);
        // Traffic for the chart: its line appears once a second of the node's has seen recommendations.
        waitFor().until(d -> api.get("/v1/recommendations?user=ada&recordImpressions=false")
            .status() == 200 && !d.findElements(By.cssSelector("#latency-chart svg .sample")).isEmpty());
        screenshot("console-overview-1280");
        // Keyboard users keep their place: the refresh every second replaces rows, not the focused table.
        browser.driver().executeScript("document.querySelector('#routes .scroll').focus();");
        for (int refresh = 0; refresh < 2; refresh++)
        {
            final String age = text(By.cssSelector("#tile-products .sub"));
            waitFor().until(d -> !d.findElement(By.cssSelector("#tile-products .sub")).getText()
                .equals(age));
        }
        assertThat(browser.driver().executeScript(
            "return document.activeElement === document.querySelector('#routes .scroll');")).isEqualTo(true);
        browser.driver().navigate().refresh();
        awaitText(By.cssSelector("#tile-products .value"), num(stats.at("/model/products").asLong()));
        assertThat(browser.driver().findElements(By.cssSelector("#latency-chart svg .sample")))
            .as("the last minutes survive a reload (kept by the node)").isNotEmpty();

        width(Browser.PHONE_WIDTH);
        browser.driver().navigate().refresh();
        awaitText(By.cssSelector("#tile-products .value"), num(stats.at("/model/products").asLong()));
        assertFitsTheWidth();
        screenshot("console-overview-390");
    }

    @Test
    void shouldShowARoutesQuantilesAsTheNodesSampleOfTheSameSecond()
    {
        open("/console/");
        final String route = "GET /v1/recommendations";
        final String row = "#routes tbody tr[data-route='" + route + "']";
        // Requests until the page shows a second of the route with answers in it.
        await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
        {
            assertThat(api.get("/v1/recommendations?user=s2&recordImpressions=false").status()).isEqualTo(200);
            return !browser.driver().findElements(By.cssSelector(row)).isEmpty() &&
                !texts(By.cssSelector(row + " td:nth-child(3)")).equals(List.of("—"));
        });

        // One read of the row, so a refresh cannot come between its second and its numbers.
        @SuppressWarnings("unchecked")
        final List<String> shown = (List<String>)browser.driver().executeScript("const row = " +
            "document.querySelector(arguments[0]); return [row.dataset.at].concat(Array.from(row.cells)" +
            ".slice(2, 5).map(cell => cell.textContent));", row);
        final JsonNode sample = sampleAt(route, shown.get(0));
        assertThat(sample).as("the node's sample of " + shown.get(0)).isNotNull();
        assertThat(shown.subList(1, 4)).as("p50, p99, p99.9 ms of " + route + " at " + shown.get(0))
            .containsExactly(ms(sample.get("p50Us").asDouble()), ms(sample.get("p99Us").asDouble()),
                ms(sample.get("p999Us").asDouble()));
        // GET /v1/stats gives the same sample while that second is the latest.
        final JsonNode recent = api.get("/v1/stats").json().path("routes").path(route).path("recent");
        if (recent.path("at").asText().equals(shown.get(0)))
        {
            assertThat(recent).isEqualTo(sample);
        }
    }

    private static JsonNode sampleAt(final String route, final String at)
    {
        for (final JsonNode sample : api.get("/v1/stats/history?route=" + route.replace(" ", "%20") +
            "&seconds=300").json().get("samples"))
        {
            if (sample.path("at").asText().equals(at))
            {
                return sample;
            }
        }
        return null;
    }

    @Test
    void shouldShowALinkedShopperLookedUpByAnyIdAndExportAfterAConfirmation()
    {
        assertThat(api.postJson("/v1/events", "[{\"id\":\"cleo-1\",\"type\":\"view\",\"anonymousId\":" +
            "\"anon-cleo\",\"product\":\"p2\"},{\"id\":\"cleo-2\",\"type\":\"view\",\"anonymousId\":" +
            "\"anon-cleo\",\"product\":\"p5\"},{\"id\":\"cleo-3\",\"type\":\"purchase\",\"anonymousId\":" +
            "\"anon-cleo\",\"product\":\"p11\"},{\"id\":\"cleo-4\",\"type\":\"view\",\"anonymousId\":" +
            "\"anon-cleo\",\"product\":\"p8\"}]").json().get("accepted").asInt()).isEqualTo(4);
        assertThat(api.postJson("/v1/identities", "{\"user\":\"cleo\",\"anonymousId\":\"anon-cleo\"}").status())
            .isEqualTo(200);
        assertThat(api.postJson("/v1/identities", "{\"user\":\"cleo\",\"loyaltyId\":\"card-cleo\"}").status())
            .isEqualTo(200);
        assertThat(api.put("/v1/profiles/cleo/consent", "application/json", "{\"marketing\":true}").status())
            .isEqualTo(200);

        for (final String kind : List.of("anonymous", "loyalty"))
        {
            // The page reads once; the node's model may still move with the events above (a list reordered, a
            // rule counting one more), so the page is read again until it and the API agree.
            await().atMost(WAIT).pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> assertShowsCleo(kind));
        }
        screenshot("console-shopper-linked-1280");

        // Export: the page asks first; cancelled, nothing is downloaded; confirmed, the export the API gives.
        // The page's download is caught where it starts: the file (a Blob) and the link that would save it.
        browser.driver().executeScript("window.downloads = []; const click = HTMLAnchorElement.prototype.click;" +
            "HTMLAnchorElement.prototype.click = function () { if (this.download) {" +
            "  downloads.push({name: this.download, href: this.href}); } else { click.call(this); } };" +
            "window.blobs = new Map(); const objectUrl = URL.createObjectURL;" +
            "URL.createObjectURL = blob => { const url = objectUrl(blob); blobs.set(url, blob); return url; };");
        browser.driver().findElement(By.id("export-shopper")).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-cancel"))).click();
        waitFor().until(ExpectedConditions.invisibilityOfElementLocated(By.id("confirm-ok")));
        assertThat(browser.driver().executeScript("return downloads.length;")).as("cancelled").isEqualTo(0L);
        browser.driver().findElement(By.id("export-shopper")).click();
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
        screenshot("console-shopper-export-confirm-1280");
        browser.driver().findElement(By.id("confirm-ok")).click();
        waitFor().until(d -> ((Number)browser.driver().executeScript("return downloads.length;")).intValue() == 1);

        final String name = (String)browser.driver().executeScript("return downloads[0].name;");
        final String body = (String)browser.driver().executeAsyncScript("const done = arguments[arguments.length " +
            "- 1]; blobs.get(downloads[0].href).text().then(done);");
        final com.fasterxml.jackson.databind.node.ObjectNode downloaded = (com.fasterxml.jackson.databind.node
            .ObjectNode)new ApiServer.Answer(200, "application/json", body, null).json();
        final com.fasterxml.jackson.databind.node.ObjectNode expected = (com.fasterxml.jackson.databind.node
            .ObjectNode)api.get("/v1/profiles/card-cleo/export?kind=loyalty").json();
        downloaded.remove("exportedAt");
        expected.remove("exportedAt");
        assertThat(name).isEqualTo("tailor-export-card-cleo.json");
        // JSON.stringify writes 8.0 as 8: numbers compare by value.
        assertThat(downloaded.equals((a, b) -> a.isNumber() && b.isNumber() ?
            Double.compare(a.asDouble(), b.asDouble()) : a.equals(b) ? 0 : 1, expected))
            .as(downloaded + "\nis the export\n" + expected).isTrue();
    }

    @Test
    void shouldChartTheSecondsTheNodeRecordedBeforeThePageWasOpened()
    {
        // A node no page has seen (another origin, so nothing of this tab's either): its chart can only start
        // from what the node kept.
        try (ApiServer fresh = ApiServer.start())
        {
            fresh.put("/v1/products", "application/json", "[{\"id\":\"a\",\"category\":\"c\",\"price\":1}," +
                "{\"id\":\"b\",\"category\":\"c\",\"price\":2}]");
            fresh.awaitProduct("b");
            // Requests spread over a few of the node's seconds, so the chart has a line to draw.
            final AtomicInteger sent = new AtomicInteger();
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() ->
            {
                for (int i = 0; i < 5; i++)
                {
                    assertThat(fresh.get("/v1/recommendations?user=u" + sent.incrementAndGet()).status())
                        .isEqualTo(200);
                }
                return busySamples(fresh).size() >= 4;
            });
            final List<JsonNode> busy = busySamples(fresh);
            final Instant oldestBusy = Instant.parse(busy.get(0).get("at").asText());

            browser.driver().get(fresh.server().url() + "/console/");
            final WebElement chart = waitFor().until(d ->
            {
                final WebElement svg = d.findElement(By.cssSelector("#latency-chart svg"));
                return svg.getAttribute("data-samples") != null &&
                    Integer.parseInt(svg.getAttribute("data-samples")) >= busy.size() ? svg : null;
            });

            assertThat(Instant.parse(chart.getAttribute("data-oldest"))).as("the first second with requests, " +
                "before the page was opened").isEqualTo(oldestBusy);
            assertThat(browser.driver().findElements(By.cssSelector("#latency-chart svg .sample"))).isNotEmpty();
            assertThat(browser.driver().executeScript("return document.getElementById('chart-route').value;"))
                .isEqualTo("GET /v1/recommendations");
            screenshot("console-overview-history-1280");
            // Away before the node stops, so the page's next read does not fail.
            browser.driver().get("about:blank");
        }
    }

    private static List<JsonNode> busySamples(final ApiServer node)
    {
        final List<JsonNode> busy = new ArrayList<>();
        node.get("/v1/stats/history?route=GET%20/v1/recommendations&seconds=300").json().get("samples")
            .forEach(sample ->
            {
                if (sample.get("count").asLong() > 0)
                {
                    busy.add(sample);
                }
            });
        return busy;
    }

    @Test
    void shouldShowAShopperWithTheLiveExplainedRecommendationsOfEachPlacement()
    {
        open("/console/shoppers/ada");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#placement-email table")));

        for (final String placement : List.of("home", "product", "cart", "email"))
        {
            final String about = placement.equals("home") || placement.equals("email") ? "" : "&product=p9";
            final JsonNode recs = api.get("/v1/recommendations?user=ada&placement=" + placement + about +
                "&k=10&explain=true&recordImpressions=false").json();
            final List<String> shown = browser.driver().findElements(
                By.cssSelector("#placement-" + placement + " tbody tr td:nth-child(2)")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
            final List<String> expected = new ArrayList<>();
            recs.get("items").forEach(item -> expected.add(item.get("product").asText()));
            assertThat(shown).as(placement).containsExactlyElementsOf(expected);
            assertThat(text(By.cssSelector("#placement-" + placement + " p.muted strong")))
                .isEqualTo(recs.get("strategy").asText());
            assertThat(text(By.cssSelector("#placement-" + placement + " tbody tr:first-child ul.reasons")))
                .contains(recs.at("/items/0/reasons/0/text").asText());
        }
        final JsonNode profile = api.get("/v1/profiles/ada").json();
        final List<JsonNode> categories = new ArrayList<>();
        profile.get("categories").forEach(categories::add);
        categories.sort((a, b) -> Double.compare(b.get("weight").asDouble(), a.get("weight").asDouble()));
        assertThat(browser.driver().findElements(By.cssSelector("#profile-categories tbody tr td:first-child"))
            .stream().map(WebElement::getText).collect(Collectors.toList()))
            .as("strongest first").hasSize(2).containsExactlyElementsOf(categories.stream()
                .map(c -> c.get("category").asText()).collect(Collectors.toList()));
        screenshot("console-shopper-1280");

        width(Browser.PHONE_WIDTH);
        browser.driver().navigate().refresh();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#placement-email table")));
        assertFitsTheWidth();
        screenshot("console-shopper-390");
    }

    /** The shopper page of the customer cleo, looked up by a linked id, as the API gives her. */
    private static void assertShowsCleo(final String kind)
    {
        final String id = kind.equals("anonymous") ? "anon-cleo" : "card-cleo";
        open("/console/shoppers/" + id + "?kind=" + kind);
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#placement-email table")));
        final JsonNode exported = api.get("/v1/profiles/" + id + "/export?kind=" + kind).json();

        assertThat(exported.path("user").asText()).isEqualTo("cleo");
        assertThat(fact("shopper", "Customer id")).isEqualTo("cleo");
        final List<String> links = new ArrayList<>();
        exported.get("linkedIds").forEach(l -> links.add(l.has("anonymousId") ?
            "anonymous " + l.get("anonymousId").asText() : "loyalty " + l.get("loyaltyId").asText()));
        assertThat(links).as(kind).containsExactlyInAnyOrder("anonymous anon-cleo", "loyalty card-cleo");
        assertThat(texts(By.cssSelector("#linked-ids li"))).as(kind).containsExactlyElementsOf(links);
        final JsonNode consent = exported.at("/profile/consent");
        assertThat(fact("shopper", "Personalization"))
            .isEqualTo(consent.get("personalization").asBoolean() ? "given" : "withdrawn");
        assertThat(fact("shopper", "Marketing")).isEqualTo(consent.get("marketing").asBoolean() ? "given" :
            "not given").isEqualTo("given");
        // The page asks for the customer's lists (a linked id's are the customer's), about the newest product.
        String about = null;
        for (final JsonNode touched : exported.at("/profile/recent"))
        {
            if (about == null && touched.has("product") && !touched.get("product").asText().startsWith("#"))
            {
                about = touched.get("product").asText();
            }
        }
        final List<String> removed = new ArrayList<>();
        for (final String placement : List.of("home", "product", "cart", "email"))
        {
            final String product = placement.equals("product") || placement.equals("cart") ? "&product=" + about :
                "";
            final JsonNode recs = api.get("/v1/recommendations?user=cleo&placement=" + placement + product +
                "&k=10&explain=true&recordImpressions=false").json();
            final List<String> rules = new ArrayList<>();
            recs.path("rules").forEach(r -> rules.add(r.get("rule").asText() + " " + r.get("excluded").asInt()));
            removed.addAll(rules);
            assertThat(text(By.cssSelector("#placement-" + placement + " p.rules"))).as(kind + " " + placement)
                .isEqualTo("Removed by rules: " + (rules.isEmpty() ? "none" : String.join(", ", rules)));
            final List<String> items = new ArrayList<>();
            recs.get("items").forEach(item -> items.add(item.get("product").asText()));
            assertThat(texts(By.cssSelector("#placement-" + placement + " tbody tr td:nth-child(2)")))
                .as(kind + " " + placement).containsExactlyElementsOf(items);
        }
        assertThat(removed).as("the bought and the seen were taken out somewhere").isNotEmpty();
    }

    @Test
    void shouldEraseAShopperFromThePageWithTheKeyboardAfterAConfirmation()
    {
        assertThat(api.get("/v1/profiles/bea").status()).isEqualTo(200);
        open("/console/shoppers/bea");
        final WebElement erase = waitFor().until(ExpectedConditions.elementToBeClickable(
            By.id("erase-shopper")));

        erase.sendKeys(Keys.ENTER);
        waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("confirm-ok")));
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-cancel");
        assertThat(api.get("/v1/profiles/bea").status()).as("nothing erased before confirming").isEqualTo(200);
        browser.driver().switchTo().activeElement().sendKeys(Keys.TAB);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("id")).isEqualTo("confirm-ok");
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);

        awaitText(By.cssSelector("#erased strong"), "Erased.");
        screenshot("console-shopper-erased-1280");
        assertThat(api.get("/v1/profiles/bea").status()).isEqualTo(404);
    }

    @Test
    void shouldShowAProductWithItsListsAsTheApiGivesThem()
    {
        // p28 a new arrival shown and clicked, p26 an established product (launched long ago) shown in a served list
        // and clicked, p27 out of stock, so the numbers the page shows have something to show.
        assertThat(api.put("/v1/products", "application/json", "[{\"id\":\"p28\",\"title\":\"Product 28\"," +
            "\"category\":\"" + CATEGORIES[28 % 3] + "\",\"brand\":\"" + BRANDS[28 % 3] + "\",\"price\":48," +
            "\"launchedAt\":\"" + Instant.now().minusSeconds(3600) + "\"},{\"id\":\"p27\",\"title\":" +
            "\"Product 27\",\"category\":\"" + CATEGORIES[27 % 3] + "\",\"brand\":\"" + BRANDS[27 % 3] +
            "\",\"price\":47,\"inStock\":false},{\"id\":\"p26\",\"title\":\"Product 26\",\"category\":\"" +
            CATEGORIES[26 % 3] + "\",\"brand\":\"" + BRANDS[26 % 3] + "\",\"price\":46," +
            "\"launchedAt\":\"2025-01-01T00:00:00Z\"}]").status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> !api.get("/v1/products/p27").json().path("inStock").asBoolean(true) &&
            api.get("/v1/products/p28/stats").status() == 200 &&
            "2025-01-01T00:00:00Z".equals(api.get("/v1/products/p26").json().path("launchedAt").asText()));
        final JsonNode served = api.get("/v1/recommendations?user=established-viewer&placement=home&k=29").json();
        final List<String> listed = new ArrayList<>();
        served.get("items").forEach(item -> listed.add(item.get("product").asText()));
        assertThat(listed).as("a served list shows the established product").contains("p26");
        assertThat(api.postJson("/v1/events", "[{\"id\":\"shown-p28\",\"type\":\"impression\",\"user\":" +
            "\"s1\",\"product\":\"p28\"},{\"id\":\"click-p28\",\"type\":\"click\",\"user\":\"s1\"," +
            "\"product\":\"p28\"},{\"id\":\"click-p26\",\"type\":\"click\",\"user\":" +
            "\"established-viewer\",\"product\":\"p26\",\"requestId\":\"" + served.get("requestId").asText() +
            "\"}]").status()).isEqualTo(200);
        for (final String product : List.of("p28", "p26"))
        {
            await().atMost(WAIT).until(() ->
            {
                final JsonNode exposure = api.get("/v1/products/" + product + "/stats").json();
                return exposure.get("shownLastDay").asDouble() > 0 && exposure.get("clickedLastDay").asDouble() > 0;
            });
            open("/console/products/" + product);
            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product-stats")));
            final JsonNode exposure = api.get("/v1/products/" + product + "/stats").json();
            final double shown = exposure.get("shownLastDay").asDouble();
            final double clicked = exposure.get("clickedLastDay").asDouble();
            assertThat(fact("product-stats", "Shown, last day")).as(product + " shown, fading by the second")
                .isEqualTo(jsNum(shown) + " (in served lists)");
            assertThat(fact("product-stats", "Clicked, last day")).as(product).isEqualTo(jsNum(clicked));
            assertThat(text(By.id("product-ctr"))).as(product)
                .isEqualTo(shown >= 1 ? jsNum(100 * clicked / shown) + " %" : "—");
        }
        assertThat(fact("product", "Stock")).isEqualTo(stock(api.get("/v1/products/p28").json()))
            .isEqualTo("in stock");
        open("/console/products/p27");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#product dl.facts")));
        assertThat(fact("product", "Stock")).isEqualTo(stock(api.get("/v1/products/p27").json()))
            .isEqualTo("out of stock");

        open("/console/products/p3");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#bought-together table")));

        assertThat(text(By.cssSelector("#product dl.facts"))).contains("Product 3").contains("in stock");
        final JsonNode stats = api.get("/v1/products/p3/stats").json();
        assertThat(text(By.id("product-signals"))).startsWith(num(stats.get("signals").asLong()) + " (");
        assertThat(text(By.id("product-popularity"))).isEqualTo(jsNum(stats.get("popularity").asDouble()) +
            " (rank " + stats.get("popularityRank").asInt() + " of " + num(stats.get("products").asLong()) + ")");
        assertThat(fact("product-stats", "Shown, last day")).isEqualTo(jsNum(stats.get("shownLastDay").asDouble()) +
            " (in served lists)");
        assertThat(fact("product-stats", "Clicked, last day"))
            .isEqualTo(jsNum(stats.get("clickedLastDay").asDouble()));
        assertThat(fact("product", "Stock")).isEqualTo(stock(api.get("/v1/products/p3").json()));
        for (final String list : List.of("similar", "bought-together"))
        {
            final JsonNode answer = api.get("/v1/products/p3/" + list + "?k=10&explain=true").json();
            final List<String> expected = new ArrayList<>();
            answer.get("items").forEach(item -> expected.add(item.get("product").asText()));
            final List<String> shown = browser.driver().findElements(
                By.cssSelector("#" + list + " tbody tr td:first-child a")).stream()
                .map(WebElement::getText).collect(Collectors.toList());
            assertThat(shown).as(list).containsExactlyElementsOf(expected);
        }
        // Lift: p4 bought with p5 (and p6) in a few orders.
        final StringBuilder orders = new StringBuilder("[");
        for (int order = 0; order < 3; order++)
        {
            orders.append(order == 0 ? "" : ",").append("{\"id\":\"bt-").append(order)
                .append("\",\"type\":\"purchase\",\"user\":\"bt-").append(order).append("\",\"items\":[")
                .append("{\"product\":\"p4\",\"quantity\":1,\"price\":24},{\"product\":\"p5\",")
                .append("\"quantity\":1,\"price\":25}").append(order == 0 ? ",{\"product\":\"p6\"," +
                "\"quantity\":1,\"price\":26}" : "").append("]}");
        }
        assertThat(api.postJson("/v1/events", orders.append(']').toString()).status()).isEqualTo(200);
        await().atMost(WAIT).until(() -> api.get("/v1/products/p4/bought-together?k=10").json().get("items")
            .size() > 0);
        open("/console/products/p4");
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#bought-together table")));
        final List<String> products = new ArrayList<>();
        final List<String> lifts = new ArrayList<>();
        api.get("/v1/products/p4/bought-together?k=10&explain=true").json().get("items").forEach(item ->
        {
            products.add(item.get("product").asText());
            lifts.add(item.has("lift") ? jsNum(item.get("lift").asDouble()) : "—");
        });
        assertThat(products).contains("p5");
        assertThat(lifts).doesNotContain("—");
        assertThat(texts(By.cssSelector("#bought-together tbody tr td:first-child a"))).containsExactlyElementsOf(
            products);
        assertThat(texts(By.cssSelector("#bought-together tbody tr td:nth-child(3)"))).as("lift")
            .containsExactlyElementsOf(lifts);
        screenshot("console-product-1280");
        width(Browser.PHONE_WIDTH);
        browser.driver().navigate().refresh();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(
            By.cssSelector("#bought-together table")));
        assertFitsTheWidth();
        screenshot("console-product-390");
    }

    /** A screenshot of the whole page: the window grows to the page's height for it, then shrinks back. */
    private static void screenshot(final String name)
    {
        final ChromeDriver driver = browser.driver();
        final Dimension before = driver.manage().window().getSize();
        final long height = ((Number)driver.executeScript("return document.documentElement.scrollHeight;"))
            .longValue();
        driver.manage().window().setSize(new Dimension(before.getWidth(),
            (int)Math.min(4000, height + before.getHeight() - viewportHeight())));
        browser.screenshot(name);
        driver.manage().window().setSize(before);
    }

    private static long viewportHeight()
    {
        return ((Number)browser.driver().executeScript("return window.innerHeight;")).longValue();
    }

    @Test
    void shouldShowASegmentErrorAtItsPointerThenPreviewSaveAndCountTheMembersAsTheApiDoes()
    {
        final String bad = "{\"rule\":{\"window\":\"2x\",\"type\":\"purchase\",\"count\":{\"gte\":1}}}";
        final String good = "{\"name\":\"Buyers\",\"purpose\":\"personalization\"," +
            "\"rule\":{\"window\":\"30d\",\"type\":\"purchase\",\"count\":{\"gte\":1}}}";
        final JsonNode refused = api.put("/v1/segments/refused", "application/json", bad).json();
        assertThat(refused.get("status").asInt()).isEqualTo(400);
        open("/console/segments/buyers?new");
        final WebElement editor = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
            By.id("segment-json")));

        editor.clear();
        editor.sendKeys(bad);
        browser.driver().findElement(By.id("save-segment")).click();

        awaitText(By.cssSelector("#segment-error code.pointer-error"), refused.get("field").asText());
        assertThat(text(By.id("segment-error"))).contains(refused.get("detail").asText()).contains("\"2x\"");
        assertThat(editor.getAttribute("aria-invalid")).isEqualTo("true");
        assertThat(browser.consoleErrors()).as("only the refused PUT").hasSize(1)
            .allSatisfy(error -> assertThat(error).contains("/v1/segments/buyers").contains("400"));
        assertThat(api.get("/v1/segments").json().get("segments")).as("nothing stored").isEmpty();
        screenshot("console-segment-error-1280");

        editor.clear();
        editor.sendKeys(good);
        browser.driver().findElement(By.id("preview-segment")).click();
        final long previewed = api.postJson("/v1/segments/preview", good).json().get("count").asLong();
        awaitText(By.id("preview-count"), num(previewed));
        assertThat(previewed).isPositive();
        assertThat(api.get("/v1/segments").json().get("segments")).as("a preview stores nothing").isEmpty();
        browser.driver().findElement(By.id("save-segment")).click();
        awaitText(By.id("segment-saved"), "Defined.");
        awaitText(By.id("segment-members"), num(api.get("/v1/segments/buyers").json().get("members").asLong()));
        screenshot("console-segment-1280");

        open("/console/segments");
        awaitText(By.cssSelector("#segments .count[data-segment='buyers']"),
            num(api.get("/v1/segments/buyers").json().get("members").asLong()));
        screenshot("console-segments-1280");
        width(Browser.PHONE_WIDTH);
        open("/console/segments/buyers");
        awaitText(By.id("segment-members"), num(api.get("/v1/segments/buyers").json().get("members").asLong()));
        assertFitsTheWidth();
        screenshot("console-segment-390");
    }

    @Test
    void shouldShowAnExperimentsArmsAndItsLiveResults()
    {
        assertThat(api.put("/v1/experiments/email-test", "application/json", "{\"name\":\"Popular or personal\"," +
            "\"placement\":\"email\",\"arms\":[{\"name\":\"control\",\"share\":0.5,\"strategy\":\"popular\"}," +
            "{\"name\":\"personal\",\"share\":0.5}]}").status()).isEqualTo(201);
        for (int shopper = 0; shopper < 12; shopper++)
        {
            assertThat(api.get("/v1/recommendations?user=s" + shopper + "&placement=email").status()).isEqualTo(200);
        }
        org.awaitility.Awaitility.await("the lists reach the experiment's counts").atMost(WAIT).until(() ->
        {
            long lists = 0;
            for (final JsonNode arm : api.get("/v1/experiments/email-test/results").json().get("arms"))
            {
                lists += arm.get("lists").asLong();
            }
            return lists == 12;
        });

        open("/console/experiments/email-test");

        waitFor().until(d ->
        {
            final List<String> expected = new ArrayList<>();
            api.get("/v1/experiments/email-test/results").json().get("arms").forEach(arm ->
                expected.add(arm.get("name").asText() + " " + num(arm.get("shoppers").asLong()) + " " +
                    num(arm.get("lists").asLong())));
            final List<String> shown = d.findElements(By.cssSelector("#experiment-results table"))
                .stream().findFirst().map(t -> t.findElements(By.cssSelector("tbody tr")).stream()
                    .map(row -> row.findElements(By.tagName("td")).stream().limit(3).map(WebElement::getText)
                        .collect(Collectors.joining(" "))).collect(Collectors.toList())).orElse(List.of());
            return shown.equals(expected);
        });
        assertThat(text(By.id("experiment"))).contains("Popular or personal").contains("control").contains("50 %");
        screenshot("console-experiment-1280");
        width(Browser.PHONE_WIDTH);
        browser.driver().navigate().refresh();
        waitFor().until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#experiment-results table")));
        assertFitsTheWidth();
        screenshot("console-experiment-390");
        width(Browser.LAPTOP_WIDTH);
        open("/console/experiments");
        awaitText(By.cssSelector("#experiments tbody tr td:first-child"), "email-test");
    }

    @Test
    void shouldAskOnceForAnAdminKeyWhenTheNodeHasKeysAndKeepItForTheTab()
    {
        final SecureRandom random = new SecureRandom();
        final String admin = ApiKeys.generate(false, random);
        final String reader = ApiKeys.generate(false, random);
        final String store = ApiKeys.generate(false, random);
        final String keys = ApiKeys.line(new ApiKey("console", ApiKeys.sha256(admin), EnumSet.of(Scope.ADMIN,
            Scope.PROFILES_READ, Scope.RECS_READ), false, null)) + "\n" + ApiKeys.line(new ApiKey("reader",
            ApiKeys.sha256(reader), EnumSet.of(Scope.PROFILES_READ), false, null)) + "\n" + ApiKeys.line(
            new ApiKey("store", ApiKeys.sha256(store), EnumSet.of(Scope.EVENTS_WRITE,
            Scope.CATALOG_WRITE), false, null)) + "\n";
        try (ApiServer keyed = ApiServer.builder().keys(keys).start())
        {
            keyed.send("PUT", "/v1/products", store, "application/json", "[{\"id\":\"x\",\"category\":\"c\"," +
                "\"price\":1},{\"id\":\"y\",\"category\":\"c\",\"price\":2}]");
            keyed.awaitProduct("y");
            keyed.send("POST", "/v1/events", store, "application/json",
                "{\"type\":\"view\",\"user\":\"kim\",\"product\":\"x\"}");
            browser.driver().get(keyed.server().url() + "/console/shoppers/kim");
            final WebElement key = waitFor().until(ExpectedConditions.visibilityOfElementLocated(
                By.id("api-key")));
            screenshot("console-sign-in-1280");

            key.sendKeys(reader, Keys.ENTER);
            awaitText(By.cssSelector("#login .alert"), "This key lacks the admin scope.");
            assertThat(browser.consoleErrors()).as("only the refused key's check").hasSize(1)
                .allSatisfy(error -> assertThat(error).contains("/v1/stats").contains("403"));
            key.clear();
            key.sendKeys(admin, Keys.ENTER);

            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("profile-categories")));
            browser.driver().navigate().refresh();
            waitFor().until(ExpectedConditions.presenceOfElementLocated(By.id("profile-categories")));
            assertThat(browser.driver().findElements(By.id("api-key"))).as("not asked again in this tab").isEmpty();
            browser.driver().findElement(By.id("sign-out")).click();
            waitFor().until(ExpectedConditions.visibilityOfElementLocated(By.id("api-key")));
            assertThat(browser.driver().executeScript("return sessionStorage.length;")).isEqualTo(0L);
        }
    }

    private static void open(final String path)
    {
        browser.driver().get(api.server().url() + path);
    }

    private static void width(final int width)
    {
        browser.driver().manage().window().setSize(new Dimension(width, width == Browser.PHONE_WIDTH ? 844 : 900));
    }

    /**
     * A wait that also rides over elements replaced while being read (the overview redraws every second, the
     * experiment's results every five).
     */
    private static FluentWait<WebDriver> waitFor()
    {
        return browser.waitUpTo(WAIT).ignoring(StaleElementReferenceException.class);
    }

    private static String text(final By by)
    {
        return waitFor().until(d -> d.findElement(by).getText());
    }

    private static List<String> texts(final By by)
    {
        return waitFor().until(d -> d.findElements(by).stream().map(WebElement::getText)
            .collect(Collectors.toList()));
    }

    private static List<String> cells(final String rowSelector)
    {
        return texts(By.cssSelector(rowSelector + " td"));
    }

    private static void awaitText(final By by, final String expected)
    {
        waitFor().until(ExpectedConditions.textToBe(by, expected));
    }

    /** Nothing sticks out sideways: the page scrolls only down (tables scroll inside their own box). */
    private static void assertFitsTheWidth()
    {
        final ChromeDriver driver = browser.driver();
        final Object overflow = driver.executeScript(
            "return document.documentElement.scrollWidth - document.documentElement.clientWidth;");
        assertThat(((Number)overflow).intValue()).as("horizontal overflow in px").isLessThanOrEqualTo(0);
    }

    private static String num(final long value)
    {
        return String.format(java.util.Locale.ROOT, "%,d", value);
    }

    /** The console's {@code num()} of dom.js for any number: integers grouped, others to 3 significant digits. */
    private static String jsNum(final double value)
    {
        if (value == Math.rint(value) && Math.abs(value) < 1e15)
        {
            return num((long)value);
        }
        if (Math.abs(value) >= 1000)
        {
            return num(Math.round(value));
        }
        return new BigDecimal(value).round(new MathContext(3, RoundingMode.HALF_UP)).stripTrailingZeros()
            .toPlainString();
    }

    /** The console's {@code ms()}: microseconds as milliseconds. */
    private static String ms(final double micros)
    {
        return jsNum(micros / 1000.0);
    }

    /** What the product page says of a catalog entry's stock. */
    private static String stock(final JsonNode product)
    {
        return product.path("inStock").asBoolean(true) ? "in stock" : "out of stock";
    }

    /** The value of a fact ({@code dt}, {@code dd}) shown in the element with that id. */
    private static String fact(final String id, final String term)
    {
        return text(By.xpath("//*[@id='" + id + "']//dt[normalize-space()='" + term + "']/following-sibling::dd[1]"));
    }
}
