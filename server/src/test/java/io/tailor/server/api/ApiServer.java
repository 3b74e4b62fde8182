package io.tailor.server.api;

import io.tailor.grid.GridFixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.tailor.grid.GridSettings;
import io.tailor.grid.RetentionSettings;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.TailorServer;
import io.tailor.server.config.ApiKeysFile;
import io.tailor.server.config.InputLimits;
import io.tailor.server.config.OverloadLimits;
import io.tailor.server.config.SecurityPolicy;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.config.TlsFiles;
import io.tailor.server.config.WebhookSettings;
import io.tailor.server.security.ApiKeys;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * A real Tailor node for HTTP tests: embedded Hazelcast member and Vert.x server on ephemeral loopback
 * ports, in a cluster of its own, driven with the JDK's HTTP client.
 */
public final class ApiServer implements AutoCloseable
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** Dropped at close: the test classes keep their nodes in static fields for the whole fork. */
    private TailorServer server;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** An HTTP answer. */
    public record Answer(int status, String contentType, String body, HttpHeaders headers)
    {
        /**
         * A header's first value.
         *
         * @param name header name.
         * @return the value, or {@code null}.
         */
        public String header(final String name)
        {
            return headers.firstValue(name).orElse(null);
        }

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
        return builder().limits(limits).start();
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
        return builder().clock(clock).retention(retention).start();
    }

    /**
     * A node to be configured: keys, limits, overload bounds, security policy, TLS.
     *
     * @return a builder with the defaults of {@link #start()}.
     */
    public static Builder builder()
    {
        return new Builder();
    }

    /** Settings of a test node beyond the defaults. */
    public static final class Builder
    {
        private InputLimits limits = InputLimits.DEFAULT;
        private OverloadLimits overload = OverloadLimits.DEFAULT;
        private SecurityPolicy security = SecurityPolicy.DEFAULT;
        private ApiKeys keys = ApiKeys.NONE;
        private TlsFiles tls;
        private int eventLoops = 2;
        private Clock clock = Clock.systemUTC();
        private RetentionSettings retention = RetentionSettings.NONE;
        private RankingSettings ranking = RankingSettings.DEFAULT;
        private Duration establishedShown = GridSettings.ESTABLISHED_SHOWN_INTERVAL;
        private String cluster = "api-" + UUID.randomUUID();
        private int memberPort = -1;
        private List<String> members = List.of();
        private int httpPort;
        private Path dataDir;
        private WebhookSettings webhooks = WebhookSettings.DEFAULT;
        private Duration warmUp = Duration.ZERO;

        private Builder()
        {
        }

        /**
         * The node joins a cluster of other members (by default it is a cluster of its own).
         *
         * @param name       cluster name.
         * @param port       this node's member port.
         * @param addresses  every member's address, this one's included.
         * @return this.
         */
        public Builder cluster(final String name, final int port, final List<String> addresses)
        {
            this.cluster = name;
            this.memberPort = port;
            this.members = addresses;
            return this;
        }

        /**
         * The HTTP port (by default an ephemeral one): a node restarted on the same port and data directory is
         * the same node to its clients.
         *
         * @param port the port, from {@link GridFixtures#freePort()}.
         * @return this.
         */
        public Builder httpPort(final int port)
        {
            httpPort = port;
            return this;
        }

        /**
         * Persist to a data directory (by default nothing is written), so that a restarted node keeps its data.
         *
         * @param dir the directory.
         * @return this.
         */
        public Builder dataDir(final Path dir)
        {
            dataDir = dir;
            return this;
        }

        /**
         * Input limits.
         *
         * @param value limits.
         * @return this.
         */
        public Builder limits(final InputLimits value)
        {
            limits = value;
            return this;
        }

        /**
         * Overload bounds and timeouts.
         *
         * @param value bounds.
         * @return this.
         */
        public Builder overload(final OverloadLimits value)
        {
            overload = value;
            return this;
        }

        /**
         * Security policy (CORS origins, public-key address rate, proxies).
         *
         * @param value policy.
         * @return this.
         */
        public Builder security(final SecurityPolicy value)
        {
            security = value;
            return this;
        }

        /**
         * API keys, as keys-file text.
         *
         * @param keysFile lines as {@code tailor keys new} prints them.
         * @return this.
         */
        public Builder keys(final String keysFile)
        {
            keys = ApiKeysFile.parse(keysFile, "test keys");
            return this;
        }

        /**
         * Serve HTTPS.
         *
         * @param value PEM files.
         * @return this.
         */
        public Builder tls(final TlsFiles value)
        {
            tls = value;
            return this;
        }

        /**
         * HTTP event loops.
         *
         * @param value loops.
         * @return this.
         */
        public Builder eventLoops(final int value)
        {
            eventLoops = value;
            return this;
        }

        /**
         * Server time.
         *
         * @param value clock.
         * @return this.
         */
        public Builder clock(final Clock value)
        {
            clock = value;
            return this;
        }

        /**
         * How long idle profiles are kept.
         *
         * @param value retention.
         * @return this.
         */
        public Builder retention(final RetentionSettings value)
        {
            retention = value;
            return this;
        }

        /**
         * How often established products' impressions are merged into the grid (a short one lets a test see them
         * without moving the clock).
         *
         * @param value the interval.
         * @return this.
         */
        public Builder establishedShownInterval(final Duration value)
        {
            establishedShown = value;
            return this;
        }

        /**
         * Ranking settings.
         *
         * @param value the settings.
         * @return this.
         */
        public Builder ranking(final RankingSettings value)
        {
            ranking = value;
            return this;
        }

        /**
         * Starts the node.
         *
         * @return the node.
         */
        public ApiServer start()
        {
            final GridSettings grid = GridSettings.loopback(memberPort < 0 ? GridFixtures.freePort() : memberPort,
                dataDir).withClusterName(cluster).withMembers(members).withRetention(retention)
                .withEstablishedShownInterval(establishedShown);
            final ServerSettings settings = new ServerSettings("127.0.0.1", httpPort, eventLoops,
                Duration.ofMillis(50), limits, ranking, grid, overload.fitting(limits.maxBodyBytes()), security, keys,
                tls, webhooks, warmUp);
            return new ApiServer(TailorServer.start(settings, clock));
        }

        /**
         * The longest warm-up before the node reports ready (by default none).
         *
         * @param value the longest warm-up.
         * @return this.
         */
        public Builder warmUp(final Duration value)
        {
            warmUp = value;
            return this;
        }

        /**
         * Webhook retries and membership re-checks (short ones keep a test quick).
         *
         * @param value the settings.
         * @return this.
         */
        public Builder webhooks(final WebhookSettings value)
        {
            webhooks = value;
            return this;
        }
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
     * Any request, with an API key and headers.
     *
     * @param method      method.
     * @param path        path and query.
     * @param key         API key for {@code Authorization: Bearer}, or {@code null}.
     * @param contentType content type, or {@code null}.
     * @param body        body, or {@code null}.
     * @param headers     further headers, name then value.
     * @return the answer.
     */
    public Answer send(final String method, final String path, final String key, final String contentType,
        final String body, final String... headers)
    {
        final HttpRequest.Builder builder = HttpRequest.newBuilder(uri(path)).method(method, body == null ?
            HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (key != null)
        {
            builder.header("Authorization", "Bearer " + key);
        }
        if (contentType != null)
        {
            builder.header("Content-Type", contentType);
        }
        for (int i = 0; i + 1 < headers.length; i += 2)
        {
            builder.header(headers[i], headers[i + 1]);
        }
        return send(builder);
    }

    /**
     * GET with an API key.
     *
     * @param path path and query.
     * @param key  the key.
     * @return the answer.
     */
    public Answer get(final String path, final String key)
    {
        return send("GET", path, key, null, null);
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
        // A test class holds its ApiServer in a static field for as long as the fork runs; a closed node's heap
        // (grid maps, histograms, caches) must not stay reachable through it, or the fork runs out of heap.
        final TailorServer closing = server;
        if (closing != null)
        {
            server = null;
            closing.close();
        }
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
                response.body(), response.headers());
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

}
