package io.tailor.server.api;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP event loop: a router over the v1 API with its own handler instances (and so its own scratch
 * state), listening on the shared port. Vert.x spreads connections over the loops.
 */
public final class HttpVerticle extends VerticleBase
{
    private static final Logger LOG = LoggerFactory.getLogger(HttpVerticle.class);

    private final ServerContext server;
    private final int loopIndex;
    private final int port;
    private HttpServer http;

    /**
     * A verticle.
     *
     * @param server    shared server context.
     * @param loopIndex index of this loop, part of request ids.
     * @param port      port to listen on, the same for every verticle.
     */
    public HttpVerticle(final ServerContext server, final int loopIndex, final int port)
    {
        this.server = server;
        this.loopIndex = loopIndex;
        this.port = port;
    }

    @Override
    public Future<?> start()
    {
        final ContextExecutor loop = new ContextExecutor(context);
        final ProductsHandler products = new ProductsHandler(server, loop);
        final EventsHandler events = new EventsHandler(server, loop);
        final RecommendationsHandler recommendations = new RecommendationsHandler(server, loop, vertx, loopIndex);
        final ProfilesHandler profiles = new ProfilesHandler(server, loop);

        final BodyHandler body = BodyHandler.create(false).setBodyLimit(server.settings().limits().maxBodyBytes())
            .setHandleFileUploads(false);

        final Router router = Router.router(vertx);
        router.get("/v1/ping").handler(HttpVerticle::ping);
        router.get("/health/live").handler(HttpVerticle::live);
        router.get("/health/ready").handler(this::ready);
        router.put("/v1/products").handler(body).handler(products::upsert);
        router.get("/v1/products/:id").handler(products::get);
        router.delete("/v1/products/:id").handler(products::delete);
        router.post("/v1/events").handler(body).handler(events::handle);
        router.get("/v1/recommendations").handler(recommendations::handle);
        router.get("/v1/profiles/:user").handler(profiles::get);

        router.errorHandler(400, ctx -> Responses.problem(ctx, 400, "bad-request", "Bad request",
            "the request could not be read", null));
        router.errorHandler(404, ctx -> Responses.problem(ctx, 404, "not-found", "Not found",
            "no such resource: " + ctx.request().method() + " " + ctx.request().path(), null));
        router.errorHandler(405, ctx -> Responses.problem(ctx, 405, "method-not-allowed", "Method not allowed",
            ctx.request().method() + " is not allowed on " + ctx.request().path(), null));
        router.errorHandler(413, ctx -> Responses.problem(ctx, 413, "body-too-large", "Body too large",
            "the body exceeds " + server.settings().limits().maxBodyBytes() + " bytes", null));
        router.errorHandler(415, ctx -> Responses.problem(ctx, 415, "unsupported-media-type",
            "Unsupported media type", "send application/json or application/x-ndjson", "Content-Type"));
        router.errorHandler(500, this::internalError);

        final HttpServerOptions options = new HttpServerOptions()
            .setHost(server.settings().host())
            .setPort(port)
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            .setMaxInitialLineLength(8 * 1024)
            .setMaxHeaderSize(16 * 1024)
            .setIdleTimeout(60)
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
        return vertx.createHttpServer(options).requestHandler(router).listen().onSuccess(s -> http = s);
    }

    @Override
    public Future<?> stop()
    {
        return http == null ? Future.succeededFuture() : http.shutdown(Duration.ofSeconds(10));
    }

    private static void ping(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("status", "ok");
            json.writeEndObject();
        });
    }

    private static void live(final RoutingContext ctx)
    {
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("status", "UP");
            json.writeEndObject();
        });
    }

    private void ready(final RoutingContext ctx)
    {
        final boolean ready = server.grid().ready();
        Responses.json(ctx, ready ? 200 : 503, json ->
        {
            json.writeStartObject();
            json.writeStringField("status", ready ? "UP" : "DOWN");
            json.writeNumberField("members", server.grid().hazelcast().getCluster().getMembers().size());
            json.writeNumberField("products", server.grid().models().current().catalog().size());
            json.writeEndObject();
        });
    }

    private void internalError(final RoutingContext ctx)
    {
        final Throwable failure = ctx.failure();
        if (failure != null)
        {
            LOG.error("unexpected failure on {} {}", ctx.request().method(), ctx.request().path(), failure);
            server.grid().errors().record("http " + ctx.request().method(), failure);
        }
        Responses.problem(ctx, 500, "internal", "Internal error",
            "Tailor failed to answer; the failure is logged", null);
    }
}
