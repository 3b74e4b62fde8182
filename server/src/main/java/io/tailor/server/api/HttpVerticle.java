package io.tailor.server.api;

import io.tailor.grid.cluster.BackgroundErrors;
import io.tailor.server.metrics.Metrics;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.Map;
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
        router.get("/health/live").handler(HttpVerticle::live);
        router.get("/health/ready").handler(this::ready);
        router.get("/metrics").handler(this::prometheus);
        router.get("/metrics/latency").handler(this::latency);
        router.delete("/metrics/latency").handler(this::resetLatency);
        timed(router.get("/v1/ping"), "GET", "/v1/ping").handler(HttpVerticle::ping);
        timed(router.put("/v1/products"), "PUT", "/v1/products").handler(body).handler(products::upsert);
        timed(router.get("/v1/products/:id"), "GET", "/v1/products/{id}").handler(products::get);
        timed(router.delete("/v1/products/:id"), "DELETE", "/v1/products/{id}").handler(products::delete);
        timed(router.post("/v1/events"), "POST", "/v1/events").handler(body).handler(events::handle);
        timed(router.get("/v1/recommendations"), "GET", "/v1/recommendations").handler(recommendations::handle);
        timed(router.get("/v1/profiles/:user"), "GET", "/v1/profiles/{user}").handler(profiles::get);
        timed(router.delete("/v1/profiles/:user"), "DELETE", "/v1/profiles/{user}").handler(profiles::erase);
        customerRoutes(router, body, loop, profiles);

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

    /** Customer data: identities, consent and preferences, export, segments, audiences. */
    private void customerRoutes(final Router router, final BodyHandler body, final ContextExecutor loop,
        final ProfilesHandler profiles)
    {
        final IdentitiesHandler identities = new IdentitiesHandler(server, loop);
        final ConsentHandler consent = new ConsentHandler(server, loop);
        final SegmentsHandler segments = new SegmentsHandler(server, loop);
        final AudiencesHandler audiences = new AudiencesHandler(server);
        timed(router.post("/v1/identities"), "POST", "/v1/identities").handler(body).handler(identities::link);
        timed(router.put("/v1/profiles/:user/consent"), "PUT", "/v1/profiles/{user}/consent").handler(body)
            .handler(consent::consent);
        timed(router.put("/v1/profiles/:user/preferences"), "PUT", "/v1/profiles/{user}/preferences").handler(body)
            .handler(consent::preferences);
        timed(router.get("/v1/profiles/:user/export"), "GET", "/v1/profiles/{user}/export").handler(profiles::export);
        timed(router.put("/v1/segments/:id"), "PUT", "/v1/segments/{id}").handler(body).handler(segments::put);
        timed(router.get("/v1/segments/:id"), "GET", "/v1/segments/{id}").handler(segments::get);
        timed(router.delete("/v1/segments/:id"), "DELETE", "/v1/segments/{id}").handler(segments::delete);
        timed(router.get("/v1/segments/:id/members"), "GET", "/v1/segments/{id}/members").handler(segments::members);
        timed(router.get("/v1/segments/:id/export"), "GET", "/v1/segments/{id}/export").handler(segments::export);
        timed(router.get("/v1/audiences/near-purchase"), "GET", "/v1/audiences/near-purchase")
            .handler(audiences::nearPurchase);
    }

    /** Times every request of a route, from received to response written, by status. */
    private Route timed(final Route route, final String method, final String template)
    {
        return route.handler(new TimingHandler(server.metrics().route(method, template)));
    }

    /**
     * Starts the clock before anything else of the route runs (a platform handler may precede the body
     * handler) and stops it when the response is written.
     */
    private static final class TimingHandler implements PlatformHandler
    {
        private final Metrics.RouteTimers timers;

        TimingHandler(final Metrics.RouteTimers timers)
        {
            this.timers = timers;
        }

        @Override
        public void handle(final RoutingContext ctx)
        {
            final long startNs = System.nanoTime();
            ctx.addEndHandler(done -> timers.record(ctx.response().getStatusCode(), System.nanoTime() - startNs));
            ctx.next();
        }
    }

    private void prometheus(final RoutingContext ctx)
    {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/plain; version=0.0.4; charset=utf-8")
            .end(server.metrics().scrape());
    }

    private void latency(final RoutingContext ctx)
    {
        final Map<String, Histogram> routes = server.metrics().latency().snapshot();
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeObjectFieldStart("routes");
            for (final Map.Entry<String, Histogram> route : routes.entrySet())
            {
                final Histogram h = route.getValue();
                json.writeObjectFieldStart(route.getKey());
                json.writeNumberField("count", h.getTotalCount());
                json.writeNumberField("meanUs", h.getMean() / 1000.0);
                json.writeNumberField("p50Us", h.getValueAtPercentile(50) / 1000.0);
                json.writeNumberField("p90Us", h.getValueAtPercentile(90) / 1000.0);
                json.writeNumberField("p99Us", h.getValueAtPercentile(99) / 1000.0);
                json.writeNumberField("p999Us", h.getValueAtPercentile(99.9) / 1000.0);
                json.writeNumberField("maxUs", h.getMaxValue() / 1000.0);
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeEndObject();
        });
    }

    private void resetLatency(final RoutingContext ctx)
    {
        server.metrics().latency().reset();
        ctx.response().setStatusCode(204).end();
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
            json.writeNumberField("members", server.grid().stats().members());
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
            server.grid().errors().record(BackgroundErrors.HTTP, failure);
        }
        Responses.problem(ctx, 500, "internal", "Internal error",
            "Tailor failed to answer; the failure is logged", null);
    }
}
