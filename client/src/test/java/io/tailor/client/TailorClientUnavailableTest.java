package io.tailor.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 503 Service Unavailable, which a real node answers only while it starts or its grid is away (not on cue): a
 * loopback stub (the JDK's HTTP server) answers each {@code POST /v1/events} with the next scripted status, then
 * 200. The client must send the same batch again, after the stub's {@code Retry-After} when it gives one, else
 * after its own backoff.
 */
class TailorClientUnavailableTest
{
    private static final long WAIT_SECONDS = 30;

    /** Statuses (and Retry-After, or null) still to answer before the 200s. */
    private final Queue<Refusal> refusals = new ConcurrentLinkedQueue<>();
    private final List<Arrival> arrivals = new CopyOnWriteArrayList<>();
    private final List<Duration> waits = Collections.synchronizedList(new ArrayList<>());
    private HttpServer stub;

    @BeforeEach
    void start() throws IOException
    {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/v1/events", exchange ->
        {
            final String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            arrivals.add(new Arrival(System.nanoTime(), body));
            final Refusal refusal = refusals.poll();
            if (refusal != null)
            {
                if (refusal.retryAfter() != null)
                {
                    exchange.getResponseHeaders().add("Retry-After", refusal.retryAfter());
                }
                answer(exchange, refusal.status(), "{\"type\":\"about:blank\",\"title\":\"Service Unavailable\"," +
                    "\"status\":" + refusal.status() + "}", "application/problem+json");
                return;
            }
            final int lines = body.split("\n").length;
            answer(exchange, 200, "{\"accepted\":" + lines + ",\"duplicates\":0,\"rejected\":[]}", "application/json");
        });
        stub.start();
    }

    @AfterEach
    void stop()
    {
        stub.stop(0);
    }

    @Test
    void shouldSendTheBatchAgainAfterRetryAfterWhenTheNodeAnswers503() throws Exception
    {
        refusals.add(new Refusal(503, "1"));
        try (TailorClient client = client(RetryPolicy.DEFAULT))
        {
            final BatchResult result = client.sendEvents(List.of(Event.view("u-1", "p-1"), Event.view("u-1", "p-2")))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.stored()).isEqualTo(2);
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(arrivals).hasSize(2);
            assertThat(arrivals.get(1).body()).as("the same batch, the same event ids").isEqualTo(arrivals.get(0)
                .body());
            // Retry-After is a floor; the jitter on top is at most half the first backoff (100 ms by default).
            assertThat(waits).singleElement().satisfies(wait -> assertThat(wait)
                .isBetween(Duration.ofSeconds(1), Duration.ofMillis(1050)));
            assertThat(Duration.ofNanos(arrivals.get(1).nanos() - arrivals.get(0).nanos()))
                .as("the node saw the batch again no sooner than it asked")
                .isGreaterThanOrEqualTo(Duration.ofSeconds(1));
            assertThat(client.stats().retries()).isEqualTo(1);
            assertThat(client.stats().eventsFailed()).isZero();
        }
    }

    @Test
    void shouldBackOffWithJitterWhenA503SaysNotHowLongToWait() throws Exception
    {
        refusals.add(new Refusal(503, null));
        refusals.add(new Refusal(503, null));
        final RetryPolicy policy = new RetryPolicy(5, Duration.ofMillis(200), Duration.ofSeconds(2));
        try (TailorClient client = client(policy))
        {
            final BatchResult result = client.sendEvents(List.of(Event.view("u-2", "p-1")))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(200);
            assertThat(result.stored()).isEqualTo(1);
            assertThat(result.attempts()).isEqualTo(3);
            assertThat(arrivals).hasSize(3).extracting(Arrival::body).containsOnly(arrivals.get(0).body());
            // Backoff b = 200 ms doubling; each wait is b/2 plus jitter up to b/2: 100..200 ms, then 200..400 ms.
            assertThat(waits).hasSize(2);
            assertThat(waits.get(0)).isBetween(Duration.ofMillis(100), Duration.ofMillis(200));
            assertThat(waits.get(1)).isBetween(Duration.ofMillis(200), Duration.ofMillis(400));
            assertThat(client.stats().retries()).isEqualTo(2);
        }
    }

    @Test
    void shouldAnswerThe503WhenTheAttemptsAreUsedUp() throws Exception
    {
        refusals.add(new Refusal(503, null));
        refusals.add(new Refusal(503, null));
        final RetryPolicy twice = new RetryPolicy(2, Duration.ofMillis(50), Duration.ofSeconds(1));
        try (TailorClient client = client(twice))
        {
            final BatchResult result = client.sendEvents(List.of(Event.view("u-3", "p-1")))
                .get(WAIT_SECONDS, TimeUnit.SECONDS);

            assertThat(result.status()).isEqualTo(503);
            assertThat(result.stored()).isZero();
            assertThat(result.attempts()).isEqualTo(2);
            assertThat(arrivals).hasSize(2);
        }
    }

    private TailorClient client(final RetryPolicy policy)
    {
        final RetryTimer recording = (task, delay) ->
        {
            waits.add(delay);
            CompletableFuture.delayedExecutor(delay.toNanos(), TimeUnit.NANOSECONDS).execute(task);
        };
        return TailorClient.builder().endpoint(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()))
            .retry(policy).timer(recording).build();
    }

    private static void answer(final HttpExchange exchange, final int status, final String json, final String type)
        throws IOException
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    /** A refusal the stub answers: its status and its Retry-After header, or null for none. */
    private record Refusal(int status, String retryAfter)
    {
    }

    /** A batch as the stub received it, and when (System.nanoTime). */
    private record Arrival(long nanos, String body)
    {
    }
}
