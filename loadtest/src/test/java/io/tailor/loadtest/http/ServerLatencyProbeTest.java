package io.tailor.loadtest.http;

import com.sun.net.httpserver.HttpServer;
import io.tailor.loadtest.report.ServerRoute;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ServerLatencyProbeTest
{
    private static final String BODY = "{\"routes\":{\"GET /v1/recommendations\":{\"count\":1200,\"p50Us\":95.5," +
        "\"p90Us\":180,\"p99Us\":640,\"p999Us\":910,\"maxUs\":2300},\"POST /v1/events\":{\"count\":7,\"p50Us\":300," +
        "\"p90Us\":400,\"p99Us\":500,\"p999Us\":600,\"maxUs\":700}}}";

    private HttpServer server;
    private TailorClient client;

    private ServerLatencyProbe probe(final boolean withEndpoint, final AtomicInteger resets) throws IOException
    {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        if (withEndpoint)
        {
            server.createContext("/metrics/latency", exchange ->
            {
                final byte[] body = "DELETE".equals(exchange.getRequestMethod()) ? new byte[0] :
                    BODY.getBytes(StandardCharsets.UTF_8);
                if (body.length == 0)
                {
                    resets.incrementAndGet();
                }
                exchange.sendResponseHeaders(200, body.length == 0 ? -1 : body.length);
                try (OutputStream out = exchange.getResponseBody())
                {
                    out.write(body);
                }
            });
        }
        server.start();
        client = new TailorClient(URI.create("http://127.0.0.1:" + server.getAddress().getPort()), 1);
        return new ServerLatencyProbe(client);
    }

    @AfterEach
    void stop()
    {
        if (client != null)
        {
            client.close();
        }
        if (server != null)
        {
            server.stop(0);
        }
    }

    @Test
    void shouldResetAndReadTheServersHistogramsPerRoute() throws IOException
    {
        final AtomicInteger resets = new AtomicInteger();
        final ServerLatencyProbe probe = probe(true, resets);

        assertThat(probe.reset()).isNull();
        final ServerLatencyProbe.Reading reading = probe.read();

        assertThat(resets).hasValue(1);
        assertThat(reading.available()).isTrue();
        assertThat(reading.routes()).containsExactly(
            new ServerRoute("GET /v1/recommendations", 1200, 95.5, 180, 640, 910, 2300),
            new ServerRoute("POST /v1/events", 7, 300, 400, 500, 600, 700));
    }

    @Test
    void shouldSayNotAvailableWhenTheServerHasNoSuchEndpoint() throws IOException
    {
        final ServerLatencyProbe probe = probe(false, new AtomicInteger());

        assertThat(probe.reset()).contains("404");
        final ServerLatencyProbe.Reading reading = probe.read();

        assertThat(reading.available()).isFalse();
        assertThat(reading.note()).contains("404");
        assertThat(reading.routes()).isEmpty();
    }

    @Test
    void shouldRefuseJsonWithoutRoutes()
    {
        assertThatThrownBy(() -> ServerLatencyProbe.parse("{\"other\":1}".getBytes(StandardCharsets.UTF_8)))
            .isInstanceOf(IOException.class).hasMessageContaining("routes");
    }
}
