package io.tailor.server.api;

import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.server.config.TlsFiles;
import io.tailor.server.json.RecommendationBodyReader;
import io.tailor.server.json.RerankBodyReader;
import io.tailor.server.metrics.Metrics;
import io.tailor.server.security.Scope;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.ext.web.Route;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import io.vertx.ext.web.handler.PlatformHandler;
import org.HdrHistogram.Histogram;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
    private final CorsHandler cors;
    private ConnectionGuard guard;
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
        this.cors = new CorsHandler(server.settings().security());
    }

    @Override
    public Future<?> start()
    {
        final ContextExecutor loop = new ContextExecutor(context);
        final LoopLoad load = new LoopLoad(server.settings().overload().maxGridOperationsPerLoop());
        final ProductsHandler products = new ProductsHandler(server, loop, load);
        final EventsHandler events = new EventsHandler(server, loop, load);
        final RecommendationsHandler recommendations = new RecommendationsHandler(server, loop, vertx, loopIndex,
            load);
        final ProfilesHandler profiles = new ProfilesHandler(server, loop, load);
        final ItemListsHandler itemLists = new ItemListsHandler(server, loop, load);
        guard = new ConnectionGuard(server.settings().overload());
        guard.start(vertx);

        // A recommendation query is a few hundred bytes: its route reads at most 64 KiB.
        final BodyHandler smallBody = BodyHandler.create(false).setBodyLimit(RecommendationBodyReader.MAX_BODY_BYTES);
        final BodyHandler rerankBody = BodyHandler.create(false).setBodyLimit(RerankBodyReader.MAX_BODY_BYTES);
        final BodyHandler body = BodyHandler.create(false).setBodyLimit(server.settings().limits().maxBodyBytes())
            .setHandleFileUploads(false);
        final Admission bodyAdmission = new Admission(server, load, true);
        final Admission gridAdmission = new Admission(server, load, false);

        final Router router = Router.router(vertx);
        router.route().handler(guard::arrived);
        router.route().handler(cors);

        // The route table: every route states here who may call it. A route registered any other way carries no
        // access and fails RouteAccessTest.
        ops(router.get("/health/live"), Access.OPEN).handler(HttpVerticle::live);
        ops(router.get("/health/ready"), Access.OPEN).handler(this::ready);
        // The storefront snippet is loaded by shoppers' browsers with a <script> tag: no key.
        ops(router.get(SdkFileHandler.SCRIPT_PATH), Access.OPEN).handler(SdkFileHandler.script());
        ops(router.get(SdkFileHandler.TYPES_PATH), Access.OPEN).handler(SdkFileHandler.types());
        // The contract and its reference page hold no data and are public anyway (the same text is in the
        // repository): open like the probes, so an integrator can read them before holding a key.
        final ApiReference reference = ApiReference.shared();
        final Buffer contract = Buffer.buffer(reference.yaml());
        final Buffer referencePage = Buffer.buffer(reference.html());
        ops(router.get("/openapi.yaml"), Access.OPEN).handler(ctx -> document(ctx, "application/yaml", contract));
        ops(router.get("/docs/"), Access.OPEN).handler(ctx -> document(ctx, "text/html; charset=utf-8",
            referencePage));
        ops(router.get("/docs"), Access.OPEN).handler(ctx -> ctx.response().setStatusCode(301)
            .putHeader(HttpHeaders.LOCATION, "/docs/").end());
        ops(router.get("/metrics"), Access.of(Scope.ADMIN)).handler(this::prometheus);
        ops(router.get("/metrics/latency"), Access.of(Scope.ADMIN)).handler(this::latency);
        ops(router.delete("/metrics/latency"), Access.of(Scope.ADMIN)).handler(this::resetLatency);
        final StatsHandler stats = new StatsHandler(server);
        api(router.get("/v1/stats"), Access.of(Scope.ADMIN)).handler(stats::handle);
        api(router.get("/v1/stats/history"), Access.of(Scope.ADMIN)).handler(stats::history);
        final ConsoleHandler console = new ConsoleHandler(!server.settings().keys().isEmpty());
        ops(router.get("/console"), Access.OPEN).handler(ConsoleHandler::toShell);
        ops(router.get("/console/*"), Access.OPEN).handler(console::headers).handler(console.files())
            .handler(console::shell);
        api(router.get("/v1/ping"), Access.of(Scope.RECS_READ)).handler(HttpVerticle::ping);
        // The storefront's per-page-view routes come before every route with a path parameter: the router tries
        // routes in order, and each parameterised route it tries first costs a regex Matcher (about 400 bytes a
        // request on the recommendation route, JFR of the served path).
        api(router.post("/v1/events"), Access.browser(Scope.EVENTS_WRITE))
            .handler(bodyAdmission).handler(body).handler(events::handle);
        api(router.get("/v1/recommendations"), Access.browser(Scope.RECS_READ))
            .handler(recommendations::handle);
        api(router.post("/v1/recommendations"), Access.browser(Scope.RECS_READ))
            .handler(smallBody).handler(recommendations::handlePost);
        api(router.post("/v1/rerank"), Access.browser(Scope.RECS_READ))
            .handler(rerankBody).handler(recommendations::handleRerank);
        api(router.put("/v1/products"), Access.of(Scope.CATALOG_WRITE))
            .handler(bodyAdmission).handler(body).handler(products::upsert);
        api(router.get("/v1/products/:id"), Access.of(Scope.CATALOG_WRITE))
            .handler(gridAdmission).handler(products::get);
        api(router.get("/v1/products/:id/stats"), Access.of(Scope.CATALOG_WRITE))
            .handler(products::stats);
        api(router.delete("/v1/products/:id"), Access.of(Scope.CATALOG_WRITE))
            .handler(gridAdmission).handler(products::delete);
        final FeedsHandler feeds = new FeedsHandler(server, loop);
        api(router.put("/v1/feeds/:id"), Access.of(Scope.CATALOG_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(feeds::put);
        api(router.get("/v1/feeds/:id"), Access.of(Scope.CATALOG_WRITE)).handler(gridAdmission).handler(feeds::get);
        api(router.get("/v1/feeds"), Access.of(Scope.CATALOG_WRITE)).handler(feeds::list);
        api(router.delete("/v1/feeds/:id"), Access.of(Scope.CATALOG_WRITE))
            .handler(gridAdmission).handler(feeds::delete);
        api(router.get("/v1/products/:id/similar"), Access.browser(Scope.RECS_READ))
            .handler(itemLists::similar);
        api(router.get("/v1/products/:id/bought-together"), Access.browser(Scope.RECS_READ))
            .handler(itemLists::boughtTogether);
        api(router.get("/v1/profiles/:user"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(profiles::get);
        api(router.delete("/v1/profiles/:user"), Access.of(Scope.PROFILES_WRITE))
            .handler(gridAdmission).handler(profiles::erase);
        customerRoutes(router, smallBody, gridAdmission, loop, profiles);

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
        if (loopIndex == 0)
        {
            server.routes(routes(router));
        }

        final HttpServerOptions options = new HttpServerOptions()
            .setHost(server.settings().host())
            .setPort(port)
            .setTcpNoDelay(true)
            .setCompressionSupported(false)
            // HTTP/1.1 only: the per-connection deadlines and the closing of refused connections are made for
            // it, and one HTTP/2 connection could hold a hundred streams (TLS has no ALPN, so no h2 there).
            .setHttp2ClearTextEnabled(false)
            .setMaxInitialLineLength(8 * 1024)
            .setMaxHeaderSize(16 * 1024)
            .setIdleTimeout((int)Math.max(1, server.settings().overload().idleTimeout().toSeconds()))
            .setIdleTimeoutUnit(TimeUnit.SECONDS);
        final TlsFiles tls = server.settings().tls();
        if (tls != null)
        {
            options.setSsl(true).setKeyCertOptions(new PemKeyCertOptions()
                .setCertPath(tls.certificate().toString())
                .setKeyPath(tls.privateKey().toString()));
        }
        return vertx.createHttpServer(options)
            .connectionHandler(guard::opened)
            .invalidRequestHandler(HttpVerticle::invalidRequest)
            .requestHandler(router)
            .listen()
            .onSuccess(s -> http = s);
    }

    @Override
    public Future<?> stop()
    {
        return http == null ? Future.succeededFuture() : http.shutdown(Duration.ofSeconds(10));
    }

    /**
     * Customer data: identities, consent and preferences, export, segments, audiences. Their bodies are small
     * JSON objects, read with the 64 KiB limit of a recommendation query.
     */
    private void customerRoutes(final Router router, final BodyHandler smallBody, final Admission gridAdmission,
        final ContextExecutor loop, final ProfilesHandler profiles)
    {
        final IdentitiesHandler identities = new IdentitiesHandler(server, loop);
        final ConsentHandler consent = new ConsentHandler(server, loop);
        final SegmentsHandler segments = new SegmentsHandler(server, loop);
        final AudiencesHandler audiences = new AudiencesHandler(server);
        final ExperimentsHandler experiments = new ExperimentsHandler(server, loop);
        final PromotionsHandler promotions = new PromotionsHandler(server, loop);
        final WebhooksHandler webhooks = new WebhooksHandler(server, loop);
        api(router.post("/v1/identities"), Access.of(Scope.EVENTS_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(identities::link);
        api(router.put("/v1/profiles/:user/consent"), Access.of(Scope.PROFILES_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(consent::consent);
        api(router.put("/v1/profiles/:user/preferences"), Access.of(Scope.PROFILES_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(consent::preferences);
        api(router.get("/v1/profiles/:user/export"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(profiles::export);
        api(router.get("/v1/segments"), Access.of(Scope.PROFILES_READ)).handler(segments::list);
        api(router.post("/v1/segments/preview"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(smallBody).handler(segments::preview);
        api(router.put("/v1/segments/:id"), Access.of(Scope.SEGMENTS_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(segments::put);
        api(router.get("/v1/segments/:id"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(segments::get);
        api(router.delete("/v1/segments/:id"), Access.of(Scope.SEGMENTS_WRITE))
            .handler(gridAdmission).handler(segments::delete);
        api(router.get("/v1/segments/:id/members"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(segments::members);
        api(router.get("/v1/segments/:id/export"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(segments::export);
        api(router.get("/v1/audiences/near-purchase"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(audiences::nearPurchase);
        api(router.put("/v1/experiments/:id"), Access.of(Scope.EXPERIMENTS_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(experiments::put);
        api(router.get("/v1/experiments/:id"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(experiments::get);
        api(router.get("/v1/experiments"), Access.of(Scope.PROFILES_READ)).handler(experiments::list);
        api(router.get("/v1/experiments/:id/results"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(experiments::results);
        api(router.post("/v1/experiments/:id/stop"), Access.of(Scope.EXPERIMENTS_WRITE))
            .handler(gridAdmission).handler(experiments::stop);
        api(router.delete("/v1/experiments/:id"), Access.of(Scope.EXPERIMENTS_WRITE))
            .handler(gridAdmission).handler(experiments::delete);
        api(router.put("/v1/promotions/:id"), Access.of(Scope.PROMOTIONS_WRITE))
            .handler(gridAdmission).handler(smallBody).handler(promotions::put);
        api(router.get("/v1/promotions/:id"), Access.of(Scope.PROFILES_READ))
            .handler(gridAdmission).handler(promotions::get);
        api(router.get("/v1/promotions"), Access.of(Scope.PROFILES_READ)).handler(promotions::list);
        api(router.delete("/v1/promotions/:id"), Access.of(Scope.PROMOTIONS_WRITE))
            .handler(gridAdmission).handler(promotions::delete);
        // Webhooks carry a secret and send customer ids out of Tailor: admin keys only.
        api(router.put("/v1/webhooks/:id"), Access.of(Scope.ADMIN))
            .handler(gridAdmission).handler(smallBody).handler(webhooks::put);
        api(router.get("/v1/webhooks/:id"), Access.of(Scope.ADMIN))
            .handler(gridAdmission).handler(webhooks::get);
        api(router.get("/v1/webhooks"), Access.of(Scope.ADMIN)).handler(webhooks::list);
        api(router.delete("/v1/webhooks/:id"), Access.of(Scope.ADMIN))
            .handler(gridAdmission).handler(webhooks::delete);
        api(router.get("/v1/webhooks/:id/dead-letters"), Access.of(Scope.ADMIN))
            .handler(gridAdmission).handler(webhooks::deadLetters);
    }

    /**
     * Registers an API route: timed from its first byte, then let in only with a key that may call it.
     *
     * @param route  the route, with one method and a path.
     * @param access who may call it.
     * @return the route, for its admission, body and handler.
     */
    private Route api(final Route route, final Access access)
    {
        final String method = method(route);
        final String template = template(route);
        route.putMetadata(Access.METADATA, access);
        route.handler(new TimingHandler(server.metrics().route(method, template), server.warmUp()));
        return route.handler(new AccessHandler(server, access, method + " " + template));
    }

    /**
     * Registers an operations route (probes, metrics): not timed, so benchmarks see only the API.
     *
     * @param route  the route.
     * @param access who may call it.
     * @return the route, for its handler.
     */
    private Route ops(final Route route, final Access access)
    {
        route.putMetadata(Access.METADATA, access);
        return route.handler(new AccessHandler(server, access, method(route) + " " + template(route)));
    }

    private static String method(final Route route)
    {
        final Set<HttpMethod> methods = route.methods();
        return methods == null || methods.size() != 1 ? "*" : methods.iterator().next().name();
    }

    /** The path as OpenAPI writes it: {@code /v1/products/:id} is {@code /v1/products/{id}}. */
    private static String template(final Route route)
    {
        return route.getPath() == null ? "?" : route.getPath().replaceAll(":([A-Za-z0-9_]+)", "{$1}");
    }

    private static List<ServerContext.RouteInfo> routes(final Router router)
    {
        final List<ServerContext.RouteInfo> routes = new ArrayList<>();
        for (final Route route : router.getRoutes())
        {
            // Routes without a path are the filters every request passes (connection guard, CORS).
            if (route.getPath() == null)
            {
                continue;
            }
            final String path = route.getPath();
            final Access access = route.getMetadata(Access.METADATA);
            final Set<HttpMethod> methods = route.methods();
            if (methods == null || methods.isEmpty())
            {
                routes.add(new ServerContext.RouteInfo("*", path, access));
                continue;
            }
            for (final HttpMethod method : methods)
            {
                routes.add(new ServerContext.RouteInfo(method.name(), path, access));
            }
        }
        return routes;
    }

    /** A request the HTTP decoder could not read (bad request line, headers too large, bad characters). */
    private static void invalidRequest(final HttpServerRequest request)
    {
        final Throwable cause = request.decoderResult() == null ? null : request.decoderResult().cause();
        if (cause instanceof TooLongHttpLineException)
        {
            Responses.problem(request, 414, "uri-too-long", "Request line too long",
                "the request line exceeds 8 KiB", null, List.of());
        }
        else if (cause instanceof TooLongHttpHeaderException)
        {
            Responses.problem(request, 431, "headers-too-large", "Request headers too large",
                "the request headers exceed 16 KiB", null, List.of());
        }
        else
        {
            Responses.problem(request, 400, "bad-request", "Bad request",
                "the request is not valid HTTP/1.1 (request line or headers)", null, List.of());
        }
    }

    /**
     * Starts the clock before anything else of the route runs (a platform handler may precede the body
     * handler) and stops it when the response is written.
     */
    private static final class TimingHandler implements PlatformHandler
    {
        private final Metrics.RouteTimers timers;
        private final ServedPathWarmUp warmUp;

        TimingHandler(final Metrics.RouteTimers timers, final ServedPathWarmUp warmUp)
        {
            this.timers = timers;
            this.warmUp = warmUp;
        }

        @Override
        public void handle(final RoutingContext ctx)
        {
            if (warmUp.admits(ctx.request()))
            {
                // the node's own warm-up: not the storefront's, so not in its timers and histograms
                ServedPathWarmUp.mark(ctx);
                ctx.next();
                return;
            }
            final long startNs = System.nanoTime();
            ctx.addEndHandler(done -> timers.record(ctx.response().getStatusCode(), System.nanoTime() - startNs));
            ctx.next();
        }
    }

    /** A fixed document: the contract or its reference page; no script, so nothing else may load. */
    private static void document(final RoutingContext ctx, final String contentType, final Buffer body)
    {
        ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, contentType)
            .putHeader("X-Content-Type-Options", "nosniff")
            .putHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'")
            .putHeader(HttpHeaders.CACHE_CONTROL, "no-cache")
            .end(body.copy());
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
        final boolean warmedUp = server.warmUp().done();
        final boolean ready = server.ready();
        Responses.json(ctx, ready ? 200 : 503, json ->
        {
            json.writeStartObject();
            json.writeStringField("status", ready ? "UP" : "DOWN");
            json.writeBooleanField("warmingUp", !warmedUp);
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
            // The route's template, not the path: paths hold shopper ids, which logs above debug never show.
            LOG.error("unexpected failure on {}", ctx.currentRoute() == null ? ctx.request().method() :
                method(ctx.currentRoute()) + " " + template(ctx.currentRoute()), failure);
            server.grid().errors().record(BackgroundErrors.HTTP, failure);
        }
        Responses.problem(ctx, 500, "internal", "Internal error",
            "Tailor failed to answer; the failure is logged", null);
    }
}
