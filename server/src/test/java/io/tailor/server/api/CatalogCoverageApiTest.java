package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.GridFixtures;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Coverage in sight (issue 20, item 5): {@code tailor_catalog_coverage_ratio{placement}} is the share of in-stock
 * products the served lists showed in the last day, over every node, within the sketch's error.
 */
class CatalogCoverageApiTest
{
    private static final int CATEGORIES = 20;
    private static final int PER_CATEGORY = 10;
    private static final int IN_STOCK = CATEGORIES * PER_CATEGORY;

    @Test
    void shouldReportTheShareOfInStockProductsShownPerPlacement()
    {
        try (ApiServer api = ApiServer.start())
        {
            upload(api);
            final Set<String> shown = new HashSet<>();
            serve(api, 0, 15, shown);
            // lists that record no impressions are not counted
            api.get("/v1/recommendations?user=peek&placement=home&k=10&recordImpressions=false&category=c/17");
            assertThat(shown.size()).as("the lists showed most of the 15 categories' products").isGreaterThan(120);
            final double expected = (double)shown.size() / IN_STOCK;

            await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                assertThat(coverage(api, "home")).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                    tolerance(expected))));
            assertThat(coverage(api, "email")).as("a placement never served").isZero();
            assertThat(coverage(api, "cart")).isZero();
        }
    }

    @Test
    void shouldUnionWhatListsServedOnEveryNodeShowed()
    {
        final String cluster = "coverage-" + UUID.randomUUID();
        final int firstPort = GridFixtures.freePort();
        final int secondPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        try (ApiServer first = ApiServer.builder().cluster(cluster, firstPort, members).start();
            ApiServer second = ApiServer.builder().cluster(cluster, secondPort, members).start())
        {
            await().atMost(Duration.ofSeconds(30)).until(() -> second.server().grid().stats().members() == 2);
            upload(first);
            second.awaitProduct("c19-p" + (PER_CATEGORY - 1));
            final Set<String> onFirst = new HashSet<>();
            final Set<String> onSecond = new HashSet<>();
            serve(first, 0, 10, onFirst);
            serve(second, 5, 15, onSecond);
            final Set<String> union = new HashSet<>(onFirst);
            union.addAll(onSecond);
            assertThat(union.size()).as("each node showed products the other did not").isGreaterThan(
                Math.max(onFirst.size(), onSecond.size()) + 30);
            final double expected = (double)union.size() / IN_STOCK;

            for (final ApiServer node : List.of(first, second))
            {
                await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(250)).untilAsserted(() ->
                    assertThat(coverage(node, "product")).isCloseTo(expected, org.assertj.core.data.Offset.offset(
                        tolerance(expected))));
            }
        }
    }

    /** Twenty categories of ten products in stock, and thirty products out of stock that do not count. */
    private static void upload(final ApiServer api)
    {
        final StringBuilder products = new StringBuilder("[");
        for (int c = 0; c < CATEGORIES; c++)
        {
            for (int p = 0; p < PER_CATEGORY; p++)
            {
                products.append(products.length() == 1 ? "" : ",").append("{\"id\":\"c").append(c).append("-p")
                    .append(p).append("\",\"category\":\"c/").append(c).append("\",\"price\":10}");
            }
        }
        for (int p = 0; p < 30; p++)
        {
            products.append(",{\"id\":\"gone-").append(p).append("\",\"category\":\"c/").append(p % CATEGORIES)
                .append("\",\"price\":10,\"inStock\":false}");
        }
        assertThat(api.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        api.awaitProduct("gone-29");
        api.awaitProduct("c19-p" + (PER_CATEGORY - 1));
    }

    /**
     * Serves lists of some categories to a few shoppers on each placement but email and cart; collects what the
     * home and product lists (those with impressions recorded, not degraded) showed.
     */
    private static void serve(final ApiServer api, final int fromCategory, final int toCategory,
        final Set<String> shown)
    {
        for (int c = fromCategory; c < toCategory; c++)
        {
            for (int s = 0; s < 3; s++)
            {
                for (final String placement : new String[] {"home", "product"})
                {
                    final ApiServer.Answer served = api.get("/v1/recommendations?user=shopper-" + s +
                        "&placement=" + placement + "&k=10&category=c/" + c +
                        ("product".equals(placement) ? "&product=c" + c + "-p" + s : ""));
                    assertThat(served.status()).as(served.body()).isEqualTo(200);
                    final JsonNode answer = served.json();
                    if (!answer.get("degraded").asBoolean())
                    {
                        answer.get("items").forEach(item -> shown.add(item.get("product").asText()));
                    }
                }
            }
        }
    }

    /** The sketch's error (about 1.6 % relative; far less at these counts) and one product either way. */
    private static double tolerance(final double expected)
    {
        return expected * 0.03 + 1.0 / IN_STOCK;
    }

    private static double coverage(final ApiServer api, final String placement)
    {
        final String series = "tailor_catalog_coverage_ratio{placement=\"" + placement + "\"} ";
        for (final String line : api.get("/metrics").body().split("\n"))
        {
            if (line.startsWith(series))
            {
                return Double.parseDouble(line.substring(series.length()));
            }
        }
        throw new AssertionError("no series " + series);
    }
}
