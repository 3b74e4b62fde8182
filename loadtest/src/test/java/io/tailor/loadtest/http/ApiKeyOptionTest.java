package io.tailor.loadtest.http;

import com.sun.net.httpserver.HttpServer;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.tailor.loadtest.scenario.PingSource;
import io.vertx.core.http.HttpMethod;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApiKeyOptionTest
{
    private static final String KEY = "tlr_sk_0123456789abcdefghijklmnopqrstuvwxyzABCDEFG";

    @Test
    void shouldSendTheKeyWithEveryCallOfTheClient() throws IOException
    {
        final List<String> seen = new CopyOnWriteArrayList<>();
        final HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange ->
        {
            seen.add(exchange.getRequestMethod() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        server.start();
        try (TailorClient client = new TailorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()),
            1, KEY))
        {
            client.call(HttpMethod.GET, "/metrics/latency", null, null, Duration.ofSeconds(5));
            client.call(HttpMethod.POST, "/v1/events", "application/x-ndjson", new byte[] {'{', '}'},
                Duration.ofSeconds(5));
        }
        finally
        {
            server.stop(0);
        }

        assertThat(seen).containsExactly("GET Bearer " + KEY, "POST Bearer " + KEY);
    }

    @Test
    void shouldPutTheKeyIntoEveryRawRequestHead()
    {
        final ByteBuf out = Unpooled.buffer();
        new PingSource("127.0.0.1:8080" + ApiKeyOption.headerLines(KEY)).write(out);

        assertThat(out.toString(StandardCharsets.US_ASCII))
            .isEqualTo("GET /v1/ping HTTP/1.1\r\nHost: 127.0.0.1:8080\r\nAuthorization: Bearer " + KEY + "\r\n\r\n");
        assertThat(ApiKeyOption.headerLines(null)).isEmpty();
    }

    @Test
    void shouldRefuseAKeyThatWouldBreakTheRequestHead()
    {
        for (final String bad : new String[] {"", "a b", "key\r\nX-Evil: 1", "ключ", "x".repeat(257)})
        {
            assertThatThrownBy(() -> ApiKeyOption.check(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("--api-key");
        }
    }
}
