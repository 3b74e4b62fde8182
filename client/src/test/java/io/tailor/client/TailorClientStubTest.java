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
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What a real node cannot be made to do on cue: hold an answer until the test lets it go. A loopback stub
 * (the JDK's HTTP server) stands in for a slow node.
 */
class TailorClientStubTest
{
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch eventsArrived = new CountDownLatch(1);
    private final List<String> eventLines = new CopyOnWriteArrayList<>();
    private HttpServer stub;

    @BeforeEach
    void start() throws IOException
    {
        stub = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        stub.setExecutor(Executors.newCachedThreadPool());
        stub.createContext("/v1/recommendations", exchange ->
        {
            await(release);
            answer(exchange, 200, "{\"requestId\":\"late\",\"placement\":\"home\",\"strategy\":\"popular\"," +
                "\"degraded\":false,\"items\":[{\"product\":\"late-1\",\"score\":1}]}");
        });
        stub.createContext("/v1/events", exchange ->
        {
            final String[] lines = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                .split("\n");
            eventsArrived.countDown();
            await(release);
            eventLines.addAll(List.of(lines));
            answer(exchange, 200, "{\"accepted\":" + lines.length + ",\"duplicates\":0,\"rejected\":[]}");
        });
        stub.start();
    }

    @AfterEach
    void stop()
    {
        release.countDown();
        stub.stop(0);
    }

    @Test
    void shouldAnswerTheCallersFallbackWhenTheNodeIsSlowerThanTheDeadline() throws Exception
    {
        try (TailorClient client = client().build())
        {
            final Recommendations answer = client.recommend(RecommendationRequest.forUser("u-1")
                .deadline(Duration.ofMillis(200)).fallback(List.of("best-1", "best-2")).build())
                .get(30, TimeUnit.SECONDS);

            assertThat(answer.fallback()).isTrue();
            assertThat(answer.fallbackReason()).isEqualTo("deadline");
            assertThat(answer.productIds()).containsExactly("best-1", "best-2");
            assertThat(answer.requestId()).isNull();
            assertThat(client.stats().fallbacks()).isEqualTo(1);
        }
    }

    @Test
    void shouldRefuseEventsWhileTheQueueIsFullAndDeliverEachOnceWhenTheNodeAnswers() throws Exception
    {
        try (TailorClient client = client().queueCapacity(2).batchSize(2).linger(Duration.ofMinutes(1)).build())
        {
            assertThat(client.track(Event.view("u-1", "p-1"))).isTrue();
            assertThat(client.track(Event.view("u-1", "p-2"))).isTrue();
            assertThat(eventsArrived.await(30, TimeUnit.SECONDS)).as("the first batch reaches the node").isTrue();
            assertThat(client.track(Event.view("u-1", "p-3"))).isTrue();
            assertThat(client.track(Event.view("u-1", "p-4"))).isTrue();

            assertThat(client.track(Event.view("u-1", "p-5"))).as("a full queue refuses at once").isFalse();
            assertThat(client.track(Event.view("u-1", "p-6"), Duration.ofMillis(50)))
                .as("a full queue refuses after the timeout").isFalse();

            release.countDown();
            client.flush().get(30, TimeUnit.SECONDS);
            assertThat(eventLines).hasSize(4);
            assertThat(eventLines.stream().map(line -> line.replaceAll(".*\"id\":\"([^\"]+)\".*", "$1")).distinct())
                .hasSize(4);
            assertThat(eventLines).anySatisfy(line -> assertThat(line).contains("\"product\":\"p-4\""))
                .noneSatisfy(line -> assertThat(line).contains("\"product\":\"p-5\""));
            assertThat(client.stats().eventsAccepted()).isEqualTo(4);
            assertThat(client.stats().eventsRefused()).isEqualTo(2);
        }
    }

    private TailorClient.Builder client()
    {
        return TailorClient.builder().endpoint(URI.create("http://127.0.0.1:" + stub.getAddress().getPort()));
    }

    private static void await(final CountDownLatch latch)
    {
        try
        {
            latch.await(60, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private static void answer(final HttpExchange exchange, final int status, final String json) throws IOException
    {
        final byte[] body = json.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }
}
