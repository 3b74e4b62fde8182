package io.tailor.server.api;

import io.tailor.scoring.event.EventType;
import io.tailor.server.security.ApiKey;
import io.tailor.server.security.ApiKeys;
import io.tailor.server.security.PublicKeyPolicy;
import io.tailor.server.security.Scope;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.SocketAddress;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

import java.util.List;

/**
 * Lets a request through only with a key that may make it, before its body is read: 401 without a valid
 * {@code Authorization: Bearer} key, 403 without the route's scope (or with a public key on a route not made
 * for browsers), 429 with {@code Retry-After} past the key's rate (and, for public keys, the client address's).
 * In development mode (no keys) every request passes. The key let in is kept in the context for the
 * handlers ({@link #caller}).
 */
final class AccessHandler implements PlatformHandler
{
    private static final String CALLER = "tailor.caller";
    private static final String BEARER = "Bearer ";
    private static final String AUTHORIZATION = "Authorization";
    private static final String WWW_AUTHENTICATE = "WWW-Authenticate";

    private final ServerContext server;
    private final Access access;
    private final String route;

    /**
     * The check of one route.
     *
     * @param server the node.
     * @param access who may call the route.
     * @param route  {@code METHOD /template}, for messages.
     */
    AccessHandler(final ServerContext server, final Access access, final String route)
    {
        this.server = server;
        this.access = access;
        this.route = route;
    }

    @Override
    public void handle(final RoutingContext ctx)
    {
        final ApiKeys keys = server.settings().keys();
        if (keys.isEmpty() || !access.secured())
        {
            ctx.next();
            return;
        }
        if (access.scope() == Scope.RECS_READ && ServedPathWarmUp.isWarmUp(ctx))
        {
            // the node's own warm-up, with its token: reads that record nothing, before the node is ready
            ctx.next();
            return;
        }
        final String header = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
        if (header == null)
        {
            ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer realm=\"tailor\"");
            Responses.problem(ctx, 401, "api-key-missing", "API key required",
                "send an API key as Authorization: Bearer <key>", AUTHORIZATION);
            return;
        }
        final ApiKey key = header.regionMatches(true, 0, BEARER, 0, BEARER.length()) ?
            keys.authenticate(header.substring(BEARER.length()).trim()) : null;
        if (key == null)
        {
            ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer realm=\"tailor\", error=\"invalid_token\"");
            Responses.problem(ctx, 401, "invalid-api-key", "Invalid API key",
                "the Authorization header does not hold a valid API key as Bearer <key>", AUTHORIZATION);
            return;
        }
        if (!key.has(access.scope()))
        {
            ctx.response().putHeader(WWW_AUTHENTICATE, "Bearer realm=\"tailor\", " +
                "error=\"insufficient_scope\", scope=\"" + access.scope().wireName() + "\"");
            Responses.problem(ctx, 403, "insufficient-scope", "Insufficient scope", "key " + key.name() +
                " lacks scope " + access.scope().wireName() + ", which " + route + " needs", AUTHORIZATION);
            return;
        }
        if (key.isPublic() && !access.publicKeys())
        {
            Responses.problem(ctx, 403, "public-key-not-allowed", "Not for public keys", route +
                " is not open to public (browser) keys; call it from your servers with a secret key", AUTHORIZATION);
            return;
        }
        final String origin = key.isPublic() ? ctx.request().getHeader(HttpHeaders.ORIGIN) : null;
        if (origin != null && !server.settings().security().allowedOrigins().contains(origin))
        {
            // A page of some other site is using this store's public key.
            Responses.problem(ctx, 403, "origin-not-allowed", "Origin not allowed", "public key " + key.name() +
                " may be used only from the origins in security.cors.allowedOrigins", "Origin");
            return;
        }
        final long now = System.nanoTime();
        long wait = key.tryAcquire(now);
        if (wait == 0 && key.isPublic())
        {
            wait = server.addressLimiter().tryAcquire(clientAddress(ctx.request(),
                server.settings().security().forwardedHops()), now);
        }
        if (wait > 0)
        {
            Responses.rateLimited(ctx, wait, key.isPublic() ? "key " + key.name() + " is over its rate limit " +
                "for this client address" : "key " + key.name() + " is over its rate limit");
            return;
        }
        ctx.put(CALLER, key);
        ctx.next();
    }

    /**
     * The key a request was let in with.
     *
     * @param ctx routing context.
     * @return the key, or {@code null} in development mode.
     */
    static ApiKey caller(final RoutingContext ctx)
    {
        return ctx.get(CALLER);
    }

    /**
     * Applies {@link PublicKeyPolicy} when the caller holds a public key, answering 403 if it refuses.
     *
     * @param ctx   routing context.
     * @param user      customer id the request names, or {@code null}.
     * @param loyaltyId loyalty card the request names, or {@code null}.
     * @param type      event type, or {@code null} for a read.
     * @param where     which element of a batch, e.g. {@code event 3}, or {@code null}.
     * @return true when the request was refused (and answered).
     */
    static boolean refusedToPublicKey(final RoutingContext ctx, final String user, final String loyaltyId,
        final EventType type, final String where)
    {
        final ApiKey key = caller(ctx);
        if (key == null || !key.isPublic())
        {
            return false;
        }
        final PublicKeyPolicy.Refusal refusal = PublicKeyPolicy.refusal(user, loyaltyId, type);
        if (refusal == null)
        {
            return false;
        }
        Responses.problem(ctx, 403, "public-key-not-allowed", "Not for public keys",
            where == null ? refusal.reason() : where + ": " + refusal.reason(), refusal.field());
        return true;
    }

    /**
     * The client's address: the TCP peer, or with {@code hops} trusted proxies in front, the
     * {@code X-Forwarded-For} entry that many places from the right (the one the outermost trusted proxy
     * saw; entries further left are whatever the client claimed).
     *
     * @param request the request.
     * @param hops    trusted proxies that append to {@code X-Forwarded-For}.
     * @return the address.
     */
    static String clientAddress(final HttpServerRequest request, final int hops)
    {
        if (hops > 0)
        {
            final List<String> headers = request.headers().getAll("X-Forwarded-For");
            if (!headers.isEmpty())
            {
                final String[] entries = String.join(",", headers).split(",");
                return entries[Math.max(0, entries.length - hops)].trim();
            }
        }
        final SocketAddress peer = request.remoteAddress();
        return peer == null || peer.host() == null ? "unknown" : peer.host();
    }
}
