package io.tailor.server.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The address a test page knows a node by: a loopback HTTP proxy in front of the node, so that a test can see
 * every request the browser sends (preflights included), restart the node behind the same address, make the node
 * slow (answers of chosen paths held until released) and lose one answer after the node has applied the request
 * (what a dropped connection does to a client that then retries).
 * <p>
 * A request the node cannot take (it is stopped) is answered by closing the connection, as a stopped node would.
 */
public final class NodeProxy implements AutoCloseable
{
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client;
    private final HttpServer server;
    private final List<Exchange> exchanges = new CopyOnWriteArrayList<>();
    private final List<Promise<Void>> held = new CopyOnWriteArrayList<>();
    private final AtomicBoolean loseNextEventsAnswer = new AtomicBoolean();
    private volatile int nodePort;
    private volatile String holdPath;

    private NodeProxy(final Vertx vertx, final int nodePort)
    {
        this.nodePort = nodePort;
        this.client = vertx.createHttpClient();
        this.server = await(vertx.createHttpServer().requestHandler(this::forward).listen(0, "127.0.0.1"));
    }

    /**
     * A proxy in front of a node.
     *
     * @param vertx    the test's Vert.x.
     * @param nodePort the node's HTTP port.
     * @return the proxy, listening.
     */
    public static NodeProxy start(final Vertx vertx, final int nodePort)
    {
        return new NodeProxy(vertx, nodePort);
    }

    /** The proxy's base URL, the page's endpoint. */
    public String url()
    {
        return "http://127.0.0.1:" + server.actualPort();
    }

    /** Sends what follows to another node (a restarted one). */
    public void target(final int port)
    {
        nodePort = port;
    }

    /** Holds the node's answers to requests on a path (the node turns slow) until {@link #release()}. */
    public void hold(final String path)
    {
        holdPath = path;
    }

    /** Sends the held answers (as far as their clients still wait) and holds no more. */
    public void release()
    {
        holdPath = null;
        held.forEach(Promise::tryComplete);
        held.clear();
    }

    /** How many answers are held now. */
    public int heldCount()
    {
        return held.size();
    }

    /** The next answer of the node to {@code POST /v1/events} is thrown away and the connection closed. */
    public void loseNextEventsAnswer()
    {
        loseNextEventsAnswer.set(true);
    }

    /** Every request so far, in arrival order; an entry is replaced by its completed form when answered. */
    public List<Exchange> exchanges()
    {
        return new ArrayList<>(exchanges);
    }

    /** Requests and answers of {@code POST /v1/events} that the node answered. */
    public List<Exchange> answeredEvents()
    {
        return exchanges().stream().filter(e -> e.method().equals("POST") && e.path().equals("/v1/events") &&
            e.status() > 0).toList();
    }

    @Override
    public void close()
    {
        release();
        await(server.close());
        await(client.close());
    }

    private void forward(final HttpServerRequest request)
    {
        request.body().onSuccess(body ->
        {
            final Exchange arrived = new Exchange(request.method().name(), request.path(), request.getHeader("Origin"),
                body.toString(), 0, null);
            exchanges.add(arrived);
            final String path = request.path();
            final RequestOptions options = new RequestOptions().setMethod(request.method()).setHost("127.0.0.1")
                .setPort(nodePort).setURI(request.uri());
            client.request(options)
                .compose(out ->
                {
                    out.headers().addAll(request.headers());
                    return out.send(body);
                })
                .compose(response -> response.body().map(answer -> new Reply(response, answer)))
                .onFailure(error -> request.connection().close())
                .onSuccess(reply ->
                {
                    final Exchange answered = new Exchange(arrived.method(), arrived.path(), arrived.origin(),
                        arrived.body(), reply.response().statusCode(), reply.body().toString());
                    exchanges.set(exchanges.indexOf(arrived), answered);
                    if (path.equals("/v1/events") && request.method().name().equals("POST") &&
                        loseNextEventsAnswer.compareAndSet(true, false))
                    {
                        request.connection().close();
                        return;
                    }
                    final Promise<Void> release = Promise.promise();
                    if (path.equals(holdPath) && !arrived.method().equals("OPTIONS"))
                    {
                        held.add(release);
                    }
                    else
                    {
                        release.complete();
                    }
                    release.future().onSuccess(ignored ->
                    {
                        if (!request.response().closed())
                        {
                            request.response().setStatusCode(reply.response().statusCode());
                            request.response().headers().addAll(reply.response().headers());
                            request.response().end(reply.body());
                        }
                    });
                });
        });
    }

    private record Reply(HttpClientResponse response, Buffer body)
    {
    }

    private static JsonNode read(final String text)
    {
        try
        {
            return JSON.readTree(text);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private static <T> T await(final io.vertx.core.Future<T> future)
    {
        try
        {
            return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException("proxy: " + ex.getMessage(), ex);
        }
    }

    /** A request that reached the proxy, with the node's answer once there is one. */
    public record Exchange(String method, String path, String origin, String body, int status, String answer)
    {
        /** The request's JSON body. */
        public JsonNode json()
        {
            return read(body);
        }

        /** The node's JSON answer. */
        public JsonNode answerJson()
        {
            return read(answer);
        }
    }
}
