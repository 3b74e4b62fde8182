package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.server.metrics.Metrics;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;

import java.time.Clock;
import java.util.concurrent.TimeUnit;

/**
 * The operations port of a dedicated grid member: {@code /health/live}, {@code /health/ready} and
 * {@code /metrics} (the JVM's, and the webhook deliveries this member sent: {@link MemberWebhooks}), for probes and
 * Prometheus; no API.
 */
public final class OpsServer implements AutoCloseable
{
    private final Vertx vertx;

    private OpsServer(final Vertx vertx)
    {
        this.vertx = vertx;
    }

    /**
     * Starts the ops port.
     *
     * @param grid  the member.
     * @param host  bind address.
     * @param port  port.
     * @param clock server time.
     * @return the running server.
     */
    public static OpsServer start(final TailorGrid grid, final String host, final int port, final Clock clock)
    {
        return start(grid, host, port, new Metrics(grid, clock));
    }

    /**
     * Starts the ops port, serving metrics the member also counts in (its webhook deliveries).
     *
     * @param grid    the member.
     * @param host    bind address.
     * @param port    port.
     * @param metrics the member's metrics.
     * @return the running server.
     */
    public static OpsServer start(final TailorGrid grid, final String host, final int port, final Metrics metrics)
    {
        final Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
        final Router router = Router.router(vertx);
        router.get("/health/live").handler(ctx -> Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("status", "UP");
            json.writeEndObject();
        }));
        router.get("/health/ready").handler(ctx ->
        {
            final boolean ready = grid.ready();
            Responses.json(ctx, ready ? 200 : 503, json ->
            {
                json.writeStartObject();
                json.writeStringField("status", ready ? "UP" : "DOWN");
                json.writeNumberField("members", grid.stats().members());
                json.writeEndObject();
            });
        });
        router.get("/metrics").handler(ctx -> ctx.response()
            .putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8").end(metrics.scrape()));
        try
        {
            final HttpServer server = vertx.createHttpServer(new HttpServerOptions().setHost(host).setPort(port))
                .requestHandler(router);
            server.listen().await(30, TimeUnit.SECONDS);
            return new OpsServer(vertx);
        }
        catch (final Exception ex)
        {
            vertx.close();
            throw new IllegalStateException("ops port " + host + ":" + port + " failed to start: " + ex.getMessage(),
                ex);
        }
    }

    @Override
    public void close()
    {
        try
        {
            vertx.close().await(10, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            // The JVM is stopping; nothing else to do.
            Thread.currentThread().interrupt();
        }
    }
}
