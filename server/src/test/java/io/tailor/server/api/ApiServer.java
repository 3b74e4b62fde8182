package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.grid.cluster.GridSettings;
import io.tailor.grid.cluster.RetentionSettings;
import io.tailor.server.TailorServer;
import io.tailor.server.config.InputLimits;
import io.tailor.server.config.ServerSettings;
import io.tailor.scoring.rank.RankingSettings;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;

/**
 * A real Tailor node for HTTP tests: embedded Hazelcast member and Vert.x server on ephemeral loopback
 * ports, in a cluster of its own, driven with the JDK's HTTP client.
 */
public final class ApiServer implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final TailorServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    public record Answer(int status, String contentType, String body)
    {
        /**
         * The body as a JSON tree.
         *
         * @return the tree.
         */
        public JsonNode json()
        {
            try
            {
                return MAPPER.readTree(body);
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException("not JSON: " + body, ex);
            }
        }
    }

    private ApiServer(final TailorServer server)
    {
        this.server = server;
    }

    /**
     * Starts a node with default settings.
     *
     * @return the node.
     */
    public static ApiServer start()
    {
        return start(InputLimits.DEFAULT);
    }

    /**
     * Starts a node with given input limits.
     *
     * @param limits input limits.
     * @return the node.
     */
    public static ApiServer start(final InputLimits limits)
    {
        return start(limits, Clock.systemUTC(), RetentionSettings.NONE);
    }

    /**
     * Starts a node whose server time is a clock the test moves (sliding windows, retention, no sleeping).
     *
     * @param clock     server time.
     * @param retention how long idle profiles are kept.
     * @return the node.
     */
    public static ApiServer start(final Clock clock, final RetentionSettings retention)
    {
        return start(InputLimits.DEFAULT, clock, retention);
    }

    private static ApiServer start(final InputLimits limits, final Clock clock, final RetentionSettings retention)
    {
        final GridSettings grid = GridSettings.loopback(freePort(), null).withClusterName("api-" + UUID.randomUUID())
            .withRetention(retention);
        final ServerSettings settings = new ServerSettings("127.0.0.1", 0, 2, Duration.ofMillis(50), limits,
            RankingSettings.DEFAULT, grid);
        return new ApiServer(TailorServer.start(settings, clock));
    }

    /**
     * The node.
     *
     * @return the server.
     */
    public TailorServer server()
    {
        return server;
    }

    /**
     * GET.
     *
     * @param path path and query.
     * @return the answer.
     */
    public Answer get(final String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    /**
     * DELETE.
     *
     * @param path path.
     * @return the answer.
     */
    public Answer delete(final String path)
    {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /**
     * POST with a content type.
     *
     * @param path        path.
     * @param contentType content type, or {@code null} for none.
     * @param body        body bytes.
     * @return the answer.
     */
    public Answer post(final String path, final String contentType, final byte[] body)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path))
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null)
        {
            builder.header("Content-Type", contentType);
        }
        return send(builder);
    }

    /**
     * POST JSON.
     *
     * @param path path.
     * @param json body.
     * @return the answer.
     */
    public Answer postJson(final String path, final String json)
    {
        return post(path, "application/json", json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * PUT with a content type.
     *
     * @param path        path.
     * @param contentType content type.
     * @param body        body.
     * @return the answer.
     */
    public Answer put(final String path, final String contentType, final String body)
    {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", contentType)
            .PUT(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Waits until the local model knows a product, so tests do not depend on refresh timing.
     *
     * @param productId product id.
     */
    public void awaitProduct(final String productId)
    {
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
            .until(() -> server.grid().models().current().catalog().indexOf(productId) >= 0);
    }

    @Override
    public void close()
    {
        server.close();
    }

    private URI uri(final String path)
    {
        return URI.create(server.url() + path);
    }

    private Answer send(final HttpRequest.Builder builder)
    {
        try
        {
            final HttpResponse<String> response = client.send(builder.timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response.headers().firstValue("content-type").orElse(""),
                response.body());
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    private static int freePort()
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
