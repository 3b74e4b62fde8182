package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node started with a warm-up serves recommendations to itself, for its own shoppers, before it reports ready:
 * through its API keys' check by its token, left out of the storefront's metrics, and without recording anything.
 */
class ServedPathWarmUpTest
{
    private static final int PRODUCTS = 60;
    private static final int SHOPPERS = 40;
    private static final Pattern SERVED = Pattern.compile(
        "tailor_http_requests_seconds_count\\{[^}]*route=\"/v1/recommendations\"[^}]*status=\"200\"[^}]*} ([0-9.E]+)");

    @TempDir
    Path dataDir;

    @Test
    void aRestartedNodeWarmsUpOnItsOwnShoppersBeforeItIsReadyAndRecordsNothing() throws Exception
    {
        final String cluster = "warm-up-" + UUID.randomUUID();
        final int memberPort = GridFixtures.freePort();
        try (ApiServer loader = start(cluster, memberPort, null, Duration.ZERO))
        {
            loadStore(loader);
        }

        final TestKeys keys = TestKeys.onePerScope();
        try (ApiServer node = start(cluster, memberPort, keys.file(), Duration.ofSeconds(6)))
        {
            final ApiServer.Answer starting = node.get("/health/ready");
            final ApiServer.Answer forged = node.send("GET", "/v1/recommendations?user=shopper-1", null, null, null,
                ServedPathWarmUp.HEADER, "not-the-token");

            assertThat(starting.status()).as("ready before its warm-up ended: %s", starting.body()).isEqualTo(503);
            assertThat(starting.json().path("warmingUp").asBoolean()).isTrue();
            assertThat(forged.status()).as("a header that is not the token opens nothing").isEqualTo(401);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
                .until(() -> node.get("/health/ready").status() == 200);
            final ServedPathWarmUp warmUp = node.server().warmUp();
            final JsonNode ready = node.get("/health/ready").json();

            assertThat(ready.path("warmingUp").asBoolean()).isFalse();
            assertThat(warmUp.outcome()).isIn("settled", "longest reached");
            assertThat(warmUp.answeredOk()).as("let in by its token on a node with keys").isPositive()
                .isEqualTo(warmUp.answered());
            final String admin = keys.only(Scope.ADMIN);
            assertThat(served(node, admin)).as("the warm-up's requests are not the storefront's").isZero();
            assertThat(metric(node, admin, "tailor_recommendations_degraded_total")).isZero();
            for (int s = 0; s < SHOPPERS; s++)
            {
                assertThat(node.server().grid().profiles().impressions().read(ProfileKeys.user("shopper-" + s))
                    .toCompletableFuture().get(10, TimeUnit.SECONDS)).as("impressions of shopper-%d", s).isNull();
            }
            for (int p = 0; p < PRODUCTS; p++)
            {
                assertThat(node.get("/v1/products/product-" + p + "/stats", keys.only(Scope.CATALOG_WRITE)).json()
                    .path("shownLastDay").asLong()).as("product-%d shown", p).isZero();
            }

            assertThat(node.get("/v1/recommendations?user=shopper-1", keys.only(Scope.RECS_READ)).status())
                .isEqualTo(200);
            assertThat(served(node, admin)).as("a storefront request is counted").isEqualTo(1);
        }
    }

    private ApiServer start(final String cluster, final int memberPort, final String keys, final Duration warmUp)
    {
        final ApiServer.Builder builder = ApiServer.builder().dataDir(dataDir).cluster(cluster, memberPort,
            List.of("127.0.0.1:" + memberPort)).warmUp(warmUp);
        return keys == null ? builder.start() : builder.keys(keys).start();
    }

    /** Products in six categories and shoppers who viewed some of them, so that lists are personal. */
    private static void loadStore(final ApiServer node)
    {
        final StringBuilder products = new StringBuilder("[");
        for (int p = 0; p < PRODUCTS; p++)
        {
            products.append(p == 0 ? "" : ",").append("{\"id\":\"product-").append(p)
                .append("\",\"category\":\"store/c").append(p % 6).append("\",\"brand\":\"b").append(p % 4)
                .append("\",\"price\":").append(10 + p).append('}');
        }
        assertThat(node.put("/v1/products", "application/json", products.append(']').toString()).status())
            .isEqualTo(200);
        node.awaitProduct("product-" + (PRODUCTS - 1));
        final StringBuilder events = new StringBuilder();
        for (int s = 0; s < SHOPPERS; s++)
        {
            for (int v = 0; v < 4; v++)
            {
                events.append("{\"id\":\"e").append(s).append('-').append(v).append("\",\"type\":\"view\",")
                    .append("\"user\":\"shopper-").append(s).append("\",\"product\":\"product-")
                    .append((s * 7 + v) % PRODUCTS).append("\"}\n");
            }
        }
        assertThat(node.post("/v1/events", "application/x-ndjson", events.toString()
            .getBytes(StandardCharsets.UTF_8)).status()).isEqualTo(200);
    }

    /** Recommendations the route timers counted as answered 200 (the forged request above is a 401). */
    private static double served(final ApiServer node, final String adminKey)
    {
        final Matcher counts = SERVED.matcher(node.get("/metrics", adminKey).body());
        double total = 0;
        while (counts.find())
        {
            total += Double.parseDouble(counts.group(1));
        }
        return total;
    }

    private static double metric(final ApiServer node, final String adminKey, final String name)
    {
        final Matcher value = Pattern.compile("(?m)^" + name + " ([0-9.E]+)$").matcher(node.get("/metrics", adminKey)
            .body());
        assertThat(value.find()).as("metric %s", name).isTrue();
        return Double.parseDouble(value.group(1));
    }
}
