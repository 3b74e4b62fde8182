package io.tailor.server.api;

import io.tailor.server.config.SecurityPolicy;
import io.vertx.core.Handler;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;

import java.util.Set;

/**
 * Cross-origin calls from storefront pages (CORS), for the origins the configuration names and no other.
 * <p>
 * A preflight ({@code OPTIONS} with {@code Access-Control-Request-Method}) from an allowed origin is answered
 * 204 with the methods and the {@code Authorization} and {@code Content-Type} headers allowed; from any other
 * origin 403. Answers to an allowed origin carry {@code Access-Control-Allow-Origin} with that origin (never
 * {@code *}) and expose {@code Retry-After}. Credentials (cookies) are never allowed: keys travel in the
 * {@code Authorization} header. A public key presented from an origin that is not allowed is refused by
 * {@link AccessHandler}.
 */
final class CorsHandler implements Handler<RoutingContext>
{
    private static final String METHODS = "GET, POST, PUT, DELETE";
    private static final String HEADERS = "Authorization, Content-Type";

    private final Set<String> origins;
    private final String maxAgeSeconds;

    /**
     * CORS by a policy.
     *
     * @param policy the allowed origins and preflight cache time.
     */
    CorsHandler(final SecurityPolicy policy)
    {
        this.origins = Set.copyOf(policy.allowedOrigins());
        this.maxAgeSeconds = Long.toString(policy.corsMaxAge().toSeconds());
    }

    /**
     * Whether pages of an origin may call the API.
     *
     * @param origin the {@code Origin} header.
     * @return true when the configuration names it.
     */
    boolean allows(final String origin)
    {
        return origins.contains(origin);
    }

    @Override
    public void handle(final RoutingContext ctx)
    {
        final HttpServerRequest request = ctx.request();
        final String origin = request.getHeader(HttpHeaders.ORIGIN);
        if (origin == null)
        {
            ctx.next();
            return;
        }
        final boolean preflight = request.method() == HttpMethod.OPTIONS &&
            request.getHeader(HttpHeaders.ACCESS_CONTROL_REQUEST_METHOD) != null;
        ctx.response().putHeader(HttpHeaders.VARY, "Origin");
        if (!allows(origin))
        {
            if (preflight)
            {
                Responses.problem(ctx, 403, "origin-not-allowed", "Origin not allowed", origins.isEmpty() ?
                    "this node allows no browser origins (security.cors.allowedOrigins)" :
                    "this origin is not in security.cors.allowedOrigins", "Origin");
                return;
            }
            ctx.next();
            return;
        }
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_ORIGIN, origin);
        if (preflight)
        {
            ctx.response()
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_METHODS, METHODS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_ALLOW_HEADERS, HEADERS)
                .putHeader(HttpHeaders.ACCESS_CONTROL_MAX_AGE, maxAgeSeconds)
                .setStatusCode(204)
                .end();
            return;
        }
        ctx.response().putHeader(HttpHeaders.ACCESS_CONTROL_EXPOSE_HEADERS, "Retry-After");
        ctx.next();
    }
}
