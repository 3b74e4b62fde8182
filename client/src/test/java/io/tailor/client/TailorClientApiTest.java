package io.tailor.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.tailor.grid.GridFixtures;
import io.tailor.server.api.ApiServer;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The client against a real node (embedded grid member and HTTP server on loopback). */
class TailorClientApiTest
{
    private static final Duration WAIT = Duration.ofSeconds(60);

    @TempDir
    Path dir;

    @Test
    void shouldRecommendWithinTheDeadlineAndAnswerTheLastGoodListOnceTheNodeIsGone() throws Exception
    {
        final ApiServer node = ApiServer.start();
        try (TailorClient client = client(node).deadline(Duration.ofSeconds(20)).build())
        {
            upload(client, node, 6);

            final Recommendations live = client.recommend(RecommendationRequest.forAnonymous("visitor-1").k(4)
                .build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            node.close();
            final Recommendations stopped = client.recommend(RecommendationRequest.forAnonymous("visitor-2").k(4)
                .deadline(Duration.ofSeconds(5)).build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final Recommendations given = client.recommend(RecommendationRequest.forUser("u-1").placement("cart")
                .fallback(List.of("best-1")).build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final Recommendations none = client.recommend(RecommendationRequest.forUser("u-1").placement("email")
                .build()).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(live.fallback()).isFalse();
            assertThat(live.requestId()).isNotBlank();
            assertThat(live.strategy()).isEqualTo("popular");
            assertThat(live.items()).hasSize(4);
            assertThat(stopped.fallback()).isTrue();
            assertThat(stopped.productIds()).isEqualTo(live.productIds());
            assertThat(stopped.requestId()).as("a fallback is credited to no served list").isNull();
            assertThat(given.productIds()).containsExactly("best-1");
            assertThat(none.fallback()).isTrue();
            assertThat(none.items()).as("nothing good was seen for this placement").isEmpty();
            assertThat(client.stats().fallbacks()).isEqualTo(3);
        }
        finally
        {
            closeQuietly(node);
        }
    }

    @Test
    void shouldDeliverEveryEventOnceWhenTheNodeRestartsBetweenBatches() throws Exception
    {
        final int httpPort = GridFixtures.freePort();
        final int memberPort = GridFixtures.freePort();
        final String cluster = "client-restart-" + UUID.randomUUID();
        ApiServer node = restartable(httpPort, memberPort, cluster);
        final RetryPolicy patient = new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(500));
        try (TailorClient client = client(node).retry(patient).batchSize(25).linger(Duration.ZERO).build())
        {
            upload(client, node, 10);
            final List<Event> before = new ArrayList<>();
            final List<Event> after = new ArrayList<>();
            for (int s = 0; s < 10; s++)
            {
                for (int v = 0; v < 3; v++)
                {
                    before.add(Event.view("shopper-" + s, "p" + v));
                }
                after.add(Event.view("shopper-" + s, "p" + (s % 10)));
                after.add(Event.builder("purchase").user("shopper-" + s).product("p" + (s % 10)).value(10).build());
            }
            before.forEach(event -> assertThat(client.track(event)).isTrue());
            client.flush().get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertThat(client.stats().eventsAccepted()).isEqualTo(30);

            node.close();
            after.forEach(event -> assertThat(client.track(event)).isTrue());
            final CompletableFuture<Void> delivered = client.flush();
            await("the client retries while the node is away").atMost(WAIT).until(() -> client.stats().retries() > 0);
            assertThat(delivered).isNotDone();
            node = restartable(httpPort, memberPort, cluster);
            delivered.get(WAIT.toSeconds(), TimeUnit.SECONDS);

            final BatchResult again = client.sendEvents(after).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(client.stats().eventsAccepted()).isEqualTo(50);
            assertThat(client.stats().eventsFailed()).isZero();
            assertThat(again.stored()).isZero();
            assertThat(again.duplicates()).as("the same ids after the restart count once").isEqualTo(20);
            for (int s = 0; s < 10; s++)
            {
                final JsonNode profile = node.get("/v1/profiles/shopper-" + s).json();
                assertThat(profile.path("counts").path("view").asInt()).as("views of shopper-" + s).isEqualTo(4);
                assertThat(profile.path("counts").path("purchase").asInt()).as("purchases of shopper-" + s)
                    .isEqualTo(1);
                assertThat(profile.path("spend").asDouble()).as("spend of shopper-" + s).isEqualTo(10.0);
            }
        }
        finally
        {
            closeQuietly(node);
        }
    }

    @Test
    void shouldCountABatchOnceWhenTheAnswerIsLostAfterTheNodeStoredIt() throws Exception
    {
        final ApiServer node = ApiServer.start();
        final HttpClient forward = HttpClient.newHttpClient();
        final AtomicInteger eventPosts = new AtomicInteger();
        // A proxy that passes every request to the node, but cuts the connection instead of relaying the answer to
        // the first events batch: the node stored it, the client never heard so.
        final HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.setExecutor(Executors.newCachedThreadPool());
        proxy.createContext("/", exchange ->
        {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(node.server().url() +
                exchange.getRequestURI())).method(exchange.getRequestMethod(),
                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().getOrDefault("Content-Type", List.of()).forEach(type ->
                request.header("Content-Type", type));
            try
            {
                final HttpResponse<byte[]> answer = forward.send(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
                if (exchange.getRequestURI().getPath().equals("/v1/events") && eventPosts.getAndIncrement() == 0)
                {
                    exchange.close();
                    return;
                }
                exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type")
                    .orElse("application/json"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
                exchange.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                exchange.close();
            }
        });
        proxy.start();
        try (TailorClient client = TailorClient.builder().endpoint(URI.create("http://127.0.0.1:" +
            proxy.getAddress().getPort())).build())
        {
            upload(client, node, 3);
            final List<Event> batch = new ArrayList<>();
            for (int i = 0; i < 10; i++)
            {
                batch.add(Event.view("lost-answer", "p" + (i % 3)));
            }

            final BatchResult result = client.sendEvents(batch).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            assertThat(eventPosts.get()).as("the batch reached the node twice").isEqualTo(2);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(result.stored()).isZero();
            assertThat(result.duplicates()).isEqualTo(10);
            assertThat(node.get("/v1/profiles/lost-answer").json().path("counts").path("view").asInt())
                .as("views counted on the node").isEqualTo(10);
        }
        finally
        {
            proxy.stop(0);
            node.close();
        }
    }

    @Test
    void shouldStoreEveryEventOnceWhenTheNodeStopsWhileBatchesAreInFlight() throws Exception
    {
        final int httpPort = GridFixtures.freePort();
        final int memberPort = GridFixtures.freePort();
        final String cluster = "client-mid-batch-" + UUID.randomUUID();
        final AtomicReference<ApiServer> node = new AtomicReference<>(restartable(httpPort, memberPort, cluster));
        final HttpClient forward = HttpClient.newHttpClient();
        final AtomicInteger eventPosts = new AtomicInteger();
        final CountDownLatch firstStored = new CountDownLatch(1);
        final CountDownLatch secondSent = new CountDownLatch(1);
        final CountDownLatch stopped = new CountDownLatch(1);
        // A proxy in front of the node's fixed port, holding the first two batches when the node is stopped: the
        // first one the node has stored, its answer not yet relayed; the second one passed on to the node just
        // as the test stops it (stored in full, in part or not at all). The client hears no answer to either:
        // their connections are cut once the node is down, as when a deploy stops a node mid-request.
        final HttpServer proxy = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        proxy.setExecutor(Executors.newCachedThreadPool());
        proxy.createContext("/", exchange ->
        {
            final HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort +
                exchange.getRequestURI())).method(exchange.getRequestMethod(),
                HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
            exchange.getRequestHeaders().getOrDefault("Content-Type", List.of()).forEach(type ->
                request.header("Content-Type", type));
            final int post = exchange.getRequestURI().getPath().equals("/v1/events") ? eventPosts.getAndIncrement() :
                -1;
            try
            {
                final CompletableFuture<HttpResponse<byte[]>> answered = forward.sendAsync(request.build(),
                    HttpResponse.BodyHandlers.ofByteArray());
                if (post == 0 || post == 1)
                {
                    if (post == 0)
                    {
                        answered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                        firstStored.countDown();
                    }
                    else
                    {
                        secondSent.countDown();
                    }
                    stopped.await(WAIT.toSeconds(), TimeUnit.SECONDS);
                    answered.handle((response, error) -> null).get(WAIT.toSeconds(), TimeUnit.SECONDS);
                    exchange.close();
                    return;
                }
                final HttpResponse<byte[]> answer = answered.get(WAIT.toSeconds(), TimeUnit.SECONDS);
                exchange.getResponseHeaders().add("Content-Type", answer.headers().firstValue("Content-Type")
                    .orElse("application/json"));
                exchange.sendResponseHeaders(answer.statusCode(), answer.body().length);
                exchange.getResponseBody().write(answer.body());
                exchange.close();
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                exchange.close();
            }
            catch (final ExecutionException | TimeoutException ex)
            {
                exchange.close(); // the node is away: the client sees a lost connection
            }
        });
        proxy.start();
        final RetryPolicy patient = new RetryPolicy(100, Duration.ofMillis(50), Duration.ofMillis(500));
        try (TailorClient client = TailorClient.builder().endpoint(URI.create("http://127.0.0.1:" +
            proxy.getAddress().getPort())).retry(patient).build())
        {
            upload(client, node.get(), 10);
            final List<Event> first = new ArrayList<>();
            final List<Event> second = new ArrayList<>();
            for (int i = 0; i < 1_000; i++)
            {
                first.add(Event.view("mid-batch-" + i % 100, "p" + i % 10));
            }
            for (int i = 0; i < 5_000; i++)
            {
                second.add(Event.builder(i / 100 % 2 == 0 ? "view" : "click").user("mid-batch-" + i % 100)
                    .product("p" + i % 10).build());
            }

            final CompletableFuture<BatchResult> sentFirst = client.sendEvents(first);
            assertThat(firstStored.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the first is stored").isTrue();
            final CompletableFuture<BatchResult> sentSecond = client.sendEvents(second);
            assertThat(secondSent.await(WAIT.toSeconds(), TimeUnit.SECONDS)).as("the second is on its way").isTrue();
            node.get().close();
            stopped.countDown();
            await("the client retries while the node is away").atMost(WAIT).until(() -> client.stats().retries() > 0);
            assertThat(sentFirst).isNotDone();
            assertThat(sentSecond).isNotDone();
            node.set(restartable(httpPort, memberPort, cluster));
            final BatchResult firstResult = sentFirst.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final BatchResult secondResult = sentSecond.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final BatchResult firstAgain = client.sendEvents(first).get(WAIT.toSeconds(), TimeUnit.SECONDS);
            final BatchResult secondAgain = client.sendEvents(second).get(WAIT.toSeconds(), TimeUnit.SECONDS);

            System.out.println("node stopped with two batches in flight: after its restart the first (stored " +
                "before the stop) came back as " + firstResult.duplicates() + " duplicates, " + firstResult.stored() +
                " stored; the second as " + secondResult.duplicates() + " duplicates, " + secondResult.stored() +
                " stored, in " + secondResult.attempts() + " attempts");
            assertThat(firstResult.status()).isEqualTo(200);
            assertThat(firstResult.duplicates()).as("stored before the stop, known after it").isEqualTo(1_000);
            assertThat(firstResult.stored()).isZero();
            assertThat(secondResult.status()).isEqualTo(200);
            assertThat(secondResult.stored() + secondResult.duplicates()).as("every event answered for")
                .isEqualTo(5_000);
            assertThat(firstAgain.duplicates()).as("sent once more, all known").isEqualTo(1_000);
            assertThat(secondAgain.duplicates()).as("sent once more, all known").isEqualTo(5_000);
            for (int s = 0; s < 100; s++)
            {
                final JsonNode counts = node.get().get("/v1/profiles/mid-batch-" + s).json().path("counts");
                assertThat(counts.path("view").asInt()).as("views of mid-batch-" + s).isEqualTo(10 + 25);
                assertThat(counts.path("click").asInt()).as("clicks of mid-batch-" + s).isEqualTo(25);
            }
        }
        finally
        {
            proxy.stop(0);
            closeQuietly(node.get());
        }
    }

    @Test
    void shouldWaitAsLongAsRetryAfterSaysWhenTheKeyIsOverItsRate() throws Exception
    {
        final String key = ApiKeys.generate(false, new SecureRandom());
        final ApiServer node = ApiServer.builder().keys(ApiKeys.line(new ApiKey("shop", ApiKeys.sha256(key),
            EnumSet.of(Scope.EVENTS_WRITE), false, Rate.parse("1/s", 1)))).start();
        final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
        final RetryTimer recording = (task, delay) ->
        {
            waits.add(delay);
            CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);
        };
        try (TailorClient client = client(node).apiKey(key).timer(recording).build();
            TailorClient keyless = client(node).build())
        {
            final List<BatchResult> results = new ArrayList<>();
            for (int i = 0; i < 3; i++)
            {
                results.add(client.sendEvents(List.of(Event.view("rated-" + i, "p1"), Event.view("rated-" + i, "p2")))
                    .get(WAIT.toSeconds(), TimeUnit.SECONDS));
            }
            final BatchResult refused = keyless.sendEvents(List.of(Event.view("u", "p1"))).get(WAIT.toSeconds(),
                TimeUnit.SECONDS);

            assertThat(results).allSatisfy(result ->
            {
                assertThat(result.status()).isEqualTo(200);
                assertThat(result.stored()).isEqualTo(2);
                assertThat(result.duplicates()).isZero();
            });
            assertThat(results.stream().mapToInt(BatchResult::attempts).sum()).as("some batches were sent again")
                .isGreaterThan(3);
            assertThat(waits).as("every 429 of a 1/s key says Retry-After: 1").isNotEmpty()
                .allSatisfy(wait -> assertThat(wait).isGreaterThanOrEqualTo(Duration.ofSeconds(1)));
            assertThat(client.stats().retries()).isEqualTo(waits.size());
            assertThat(refused.status()).isEqualTo(401);
            assertThat(refused.attempts()).as("a 401 is not retried").isEqualTo(1);
        }
        finally
        {
            node.close();
        }
    }

    @Test
    void shouldSendQueuedEventsOnCloseAndLinkIdentities() throws Exception
    {
        final ApiServer node = ApiServer.start();
        try
        {
            try (TailorClient client = client(node).linger(Duration.ofMinutes(1)).build())
            {
                upload(client, node, 3);
                for (int i = 0; i < 5; i++)
                {
                    assertThat(client.track(Event.builder("view").anonymousId("cookie-9").product("p" + (i % 3))
                        .build())).isTrue();
                }
                final LinkResult linked = client.linkIdentity("customer-9", "cookie-9").get(WAIT.toSeconds(),
                    TimeUnit.SECONDS);
                final LinkResult card = client.linkLoyaltyCard("customer-9", "card-9").get(WAIT.toSeconds(),
                    TimeUnit.SECONDS);

                assertThat(linked.ok()).isTrue();
                assertThat(linked.status()).isEqualTo("linked");
                assertThat(card.ok()).isTrue();
            }

            assertThat(node.get("/v1/profiles/customer-9").json().path("counts").path("view").asInt())
                .as("close() sent the lingering batch").isEqualTo(5);
        }
        finally
        {
            node.close();
        }
    }

    private static TailorClient.Builder client(final ApiServer node)
    {
        return TailorClient.builder().endpoint(URI.create(node.server().url()));
    }

    private ApiServer restartable(final int httpPort, final int memberPort, final String cluster)
    {
        return ApiServer.builder().httpPort(httpPort).dataDir(dir)
            .cluster(cluster, memberPort, List.of("127.0.0.1:" + memberPort)).start();
    }

    private static void upload(final TailorClient client, final ApiServer node, final int products) throws Exception
    {
        final List<Map<String, Object>> catalog = new ArrayList<>();
        for (int p = 0; p < products; p++)
        {
            catalog.add(Map.of("id", "p" + p, "category", "apparel/shoes", "brand", "Swift", "price", 10 + p));
        }
        final BatchResult stored = client.upsertProducts(catalog).get(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(stored.stored()).as(String.valueOf(stored)).isEqualTo(products);
        node.awaitProduct("p" + (products - 1));
    }

    private static void closeQuietly(final ApiServer node)
    {
        try
        {
            node.close();
        }
        catch (final RuntimeException ex)
        {
            // Closed already in the test.
        }
    }
}
