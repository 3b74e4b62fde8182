package io.tailor.loadtest.http;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A plain HTTP client of Tailor's public API (Vert.x, keep-alive, no pipelining) for everything that is not
 * measured: bulk loading, readiness, the server's latency endpoint. Asynchronous calls complete on the
 * client's event loop; {@link #call} waits.
 */
public final class TailorClient implements AutoCloseable
{
    /**
     * An answer.
     *
     * @param status HTTP status.
     * @param body   the body bytes.
     */
    public record Response(int status, byte[] body)
    {
        /**
         * The body as text.
         *
         * @return UTF-8 text.
         */
        public String text()
        {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private final Vertx vertx;
    private final HttpClientAgent client;
    private final URI base;
    private final String authorization;

    /**
     * A client without an API key (a node in development mode).
     *
     * @param base        the server, {@code http://host:port}.
     * @param connections most connections at once.
     */
    public TailorClient(final URI base, final int connections)
    {
        this(base, connections, null);
    }

    /**
     * A client that sends an API key with every request.
     *
     * @param base        the server, {@code http://host:port}.
     * @param connections most connections at once.
     * @param apiKey      the key for {@code Authorization: Bearer}, or {@code null} for none.
     */
    public TailorClient(final URI base, final int connections, final String apiKey)
    {
        this.base = base;
        this.authorization = apiKey == null ? null : "Bearer " + ApiKeyOption.check(apiKey);
        this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1)
            .setInternalBlockingPoolSize(1));
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(base.getHost())
                .setDefaultPort(base.getPort() > 0 ? base.getPort() : 80)
                .setKeepAlive(true)
                .setPipelining(false)
                .setTcpNoDelay(true)
                .setConnectTimeout(5000)
                .setMaxInitialLineLength(8192),
            new PoolOptions().setHttp1MaxSize(Math.max(1, connections)).setMaxWaitQueueSize(-1));
    }

    /**
     * The server this client talks to.
     *
     * @return its base URL.
     */
    public URI base()
    {
        return base;
    }

    /**
     * Sends a request.
     *
     * @param method      method.
     * @param path        path and query.
     * @param contentType content type of the body, or null.
     * @param body        body bytes, or null.
     * @return the answer, completed on the client's event loop.
     */
    public CompletableFuture<Response> send(final HttpMethod method, final String path, final String contentType,
        final byte[] body)
    {
        final Future<Response> answer = client.request(new RequestOptions().setMethod(method).setURI(path))
            .compose(request ->
            {
                if (contentType != null)
                {
                    request.putHeader("Content-Type", contentType);
                }
                if (authorization != null)
                {
                    request.putHeader("Authorization", authorization);
                }
                return body == null ? request.send() : request.send(Buffer.buffer(body));
            })
            .compose(response -> response.body().map(bytes -> new Response(response.statusCode(), bytes.getBytes())));
        return answer.toCompletionStage().toCompletableFuture();
    }

    /**
     * Sends a request and waits for the answer.
     *
     * @param method      method.
     * @param path        path and query.
     * @param contentType content type, or null.
     * @param body        body, or null.
     * @param timeout     longest wait.
     * @return the answer.
     * @throws IOException when there is none (connection failed, timed out).
     */
    public Response call(final HttpMethod method, final String path, final String contentType, final byte[] body,
        final Duration timeout) throws IOException
    {
        try
        {
            return send(method, path, contentType, body).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted waiting for " + method + " " + path, ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IOException(method + " " + base + path + " failed: " + ex.getCause(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IOException(method + " " + base + path + " got no answer within " + timeout.toMillis() + " ms",
                ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            client.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // Closing is best effort: the process is about to finish with its results written.
            System.err.println("loadtest: closing the HTTP client: " + ex);
        }
    }
}
