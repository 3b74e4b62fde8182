package io.tailor.server.api;

import io.tailor.server.config.InputLimits;
import io.tailor.server.config.OverloadLimits;
import io.tailor.server.security.Rate;
import io.tailor.server.security.Scope;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node with small bounds, pushed past them on loopback: it answers 429 and 503 with {@code Retry-After}
 * instead of timing out, recommendations stay 200, and clients that hold connections without finishing a
 * request are cut off. Bounded in requests and time; statuses are asserted, never latencies.
 */
class OverloadApiTest
{
    private static final TestKeys KEYS = TestKeys.onePerScope();
    private static final String ALL = KEYS.add("all", EnumSet.allOf(Scope.class), false, null);
    private static final String METERED = KEYS.add("metered", EnumSet.of(Scope.RECS_READ), false,
        Rate.parse("20/s", 20));
    private static final int MAX_BODY = 256 * 1024;
    private static ApiServer api;

    @BeforeAll
    static void start()
    {
        api = ApiServer.builder().keys(KEYS.file()).eventLoops(1)
            .limits(new InputLimits(MAX_BODY, 10_000, 10_000, 100, 10_000, Duration.ofMinutes(5), Duration.ofDays(730)))
            .overload(new OverloadLimits(16, MAX_BODY + 16, 1, Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(3)))
            .start();
    }

    @AfterAll
    static void stop()
    {
        api.close();
    }

    @Test
    void shouldAnswer429And503WithRetryAfterInsteadOfTimingOutUnderAStorm() throws Exception
    {
        final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        await().atMost(Duration.ofSeconds(10)).until(() -> api.server().grid().replicaCompletePartitions() ==
            api.server().grid().stats().partitionsOwned());
        final List<CompletableFuture<HttpResponse<String>>> writes = new ArrayList<>();
        final List<CompletableFuture<HttpResponse<String>>> reads = new ArrayList<>();
        for (int request = 0; request < 120; request++)
        {
            writes.add(client.sendAsync(post("/v1/events", batch(request, 400)), HttpResponse.BodyHandlers.ofString()));
            reads.add(client.sendAsync(get("/v1/recommendations?anonymousId=fresh-" + request, ALL),
                HttpResponse.BodyHandlers.ofString()));
            reads.add(client.sendAsync(get("/v1/ping", METERED), HttpResponse.BodyHandlers.ofString()));
        }
        final Map<String, Integer> statuses = new TreeMap<>();
        int degraded = 0;
        for (final CompletableFuture<HttpResponse<String>> write : writes)
        {
            final HttpResponse<String> response = write.get(60, TimeUnit.SECONDS);
            statuses.merge("events " + response.statusCode(), 1, Integer::sum);
            assertRefusalIsExplained(response);
        }
        for (final CompletableFuture<HttpResponse<String>> read : reads)
        {
            final HttpResponse<String> response = read.get(60, TimeUnit.SECONDS);
            final String route = response.uri().getPath();
            statuses.merge(route + " " + response.statusCode(), 1, Integer::sum);
            assertRefusalIsExplained(response);
            degraded += response.body().contains("\"degraded\":true") ? 1 : 0;
        }

        System.out.println("overload storm: " + statuses + ", degraded recommendations: " + degraded);
        assertThat(statuses.keySet()).allMatch(key -> key.endsWith(" 200") || key.endsWith(" 429") ||
            key.endsWith(" 503"));
        assertThat(statuses).containsKeys("events 503", "/v1/ping 429", "events 200");
        assertThat(statuses).containsOnlyKeys(statuses.keySet().stream()
            .filter(key -> !key.startsWith("/v1/recommendations") || key.endsWith(" 200")).toList());
        // The grid was saturated by the batches, but this node owns every new shopper and knows it has no profile:
        // each was answered at once from the replica, with no grid read to wait for and nothing degraded.
        assertThat(degraded).isZero();
        assertThat(api.get("/health/live").status()).isEqualTo(200);
        assertThat(api.get("/v1/ping", ALL).status()).isEqualTo(200);
    }

    @Test
    void shouldAnswer503WhileTheRequestBytesItHoldsAreAtTheirBound() throws IOException
    {
        try (Socket slow = new Socket("127.0.0.1", api.server().port()))
        {
            slow.setSoTimeout(10_000);
            final OutputStream out = slow.getOutputStream();
            out.write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL +
                "\r\nContent-Type: application/json\r\nContent-Length: " + MAX_BODY + "\r\n\r\n{\"ty")
                .getBytes(StandardCharsets.US_ASCII));
            out.flush();

            ApiServer.Answer answer = null;
            for (int attempt = 0; attempt < 200; attempt++)
            {
                answer = api.send("POST", "/v1/events", ALL, "application/json",
                    "{\"type\":\"view\",\"anonymousId\":\"held-" + attempt + "\",\"product\":\"p\"}");
                if (answer.status() == 503)
                {
                    break;
                }
            }

            assertThat(answer.status()).as(answer.body()).isEqualTo(503);
            assertThat(answer.header("Retry-After")).isEqualTo("1");
            assertThat(answer.json().get("type").asText()).endsWith("/overloaded");
        }
        // The slow client is gone: its bytes are released and bodies are taken again.
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> api.send("POST", "/v1/events",
            ALL, "application/json", "{\"type\":\"view\",\"anonymousId\":\"after\",\"product\":\"p\"}")
            .status() == 200);
    }

    @Test
    void shouldRefuseADeclaredBodyOverTheLimitBeforeReadingIt() throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("PUT /v1/products HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL +
                "\r\nContent-Type: application/json\r\nContent-Length: 104857600\r\n\r\n[")
                .getBytes(StandardCharsets.US_ASCII));

            final String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 413").contains("application/problem+json")
                .contains("\"field\":\"Content-Length\"");
        }
    }

    @Test
    void shouldAnswer408AndCloseWhenABodyDoesNotArriveInTime() throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(15_000);
            socket.getOutputStream().write(("POST /v1/events HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + ALL +
                "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"type\"")
                .getBytes(StandardCharsets.US_ASCII));

            final String answer = readAll(socket.getInputStream());

            assertThat(answer).startsWith("HTTP/1.1 408").contains("application/problem+json")
                .contains("request-timeout");
        }
    }

    @Test
    void shouldCutOffAClientThatSendsItsRequestHeadAByteAtATime() throws Exception
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(200);
            final OutputStream out = socket.getOutputStream();
            out.write("GET /v1/ping HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII));
            boolean closed = false;
            for (int i = 0; i < 75 && !closed; i++)
            {
                try
                {
                    out.write('X');
                    out.flush();
                    closed = socket.getInputStream().read() < 0;
                }
                catch (final SocketTimeoutException stillOpen)
                {
                    continue;
                }
                catch (final IOException reset)
                {
                    closed = true;
                }
            }

            assertThat(closed).as("closed while the head was still trickling in").isTrue();
        }
    }

    @Test
    void shouldCloseAConnectionThatNeverSendsARequest() throws IOException
    {
        try (Socket socket = new Socket("127.0.0.1", api.server().port()))
        {
            socket.setSoTimeout(15_000);

            assertThat(socket.getInputStream().read()).isEqualTo(-1);
        }
    }

    private static void assertRefusalIsExplained(final HttpResponse<String> response)
    {
        if (response.statusCode() == 429 || response.statusCode() == 503)
        {
            assertThat(response.headers().firstValue("Retry-After")).as(response.body()).isPresent();
            assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        }
    }

    private static HttpRequest post(final String path, final String ndjson)
    {
        return HttpRequest.newBuilder(URI.create(api.server().url() + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + ALL).header("Content-Type", "application/x-ndjson")
            .POST(HttpRequest.BodyPublishers.ofString(ndjson)).build();
    }

    private static HttpRequest get(final String path, final String key)
    {
        return HttpRequest.newBuilder(URI.create(api.server().url() + path)).timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + key).GET().build();
    }

    private static String batch(final int request, final int shoppers)
    {
        final StringBuilder body = new StringBuilder();
        for (int i = 0; i < shoppers; i++)
        {
            body.append("{\"type\":\"view\",\"anonymousId\":\"s-").append(request).append('-').append(i)
                .append("\",\"product\":\"p-").append(i % 50).append("\"}\n");
        }
        return body.toString();
    }

    private static String readAll(final InputStream in) throws IOException
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final byte[] buffer = new byte[4096];
        try
        {
            for (int n = in.read(buffer); n >= 0; n = in.read(buffer))
            {
                bytes.write(buffer, 0, n);
            }
        }
        catch (final IOException reset)
        {
            // The server closed after answering; what was read is the answer.
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
