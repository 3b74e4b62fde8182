package io.tailor.server.api;

import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.PlatformHandler;

/**
 * Takes a request on only if the node can afford it, before its body is read: 503 with {@code Retry-After}
 * when this loop's grid operations are at their bound, or when the request bodies the node holds would pass
 * theirs; 413 at once when the declared body is over the limit. The bytes of an admitted body count until its
 * answer is written.
 */
final class Admission implements PlatformHandler
{
    private final ServerContext server;
    private final LoopLoad load;
    private final boolean body;

    /**
     * Admission of one route.
     *
     * @param server the node.
     * @param load   this loop's grid load.
     * @param body   whether the route reads a body.
     */
    Admission(final ServerContext server, final LoopLoad load, final boolean body)
    {
        this.server = server;
        this.load = load;
        this.body = body;
    }

    @Override
    public void handle(final RoutingContext ctx)
    {
        if (load.saturated())
        {
            server.metrics().refused("grid");
            Responses.overloaded(ctx, "this node has " + load.inFlight() + " grid operations in flight on this " +
                "event loop, its bound");
            return;
        }
        if (body)
        {
            final long limit = server.settings().limits().maxBodyBytes();
            final long declared = contentLength(ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH));
            if (declared > limit)
            {
                Responses.problem(ctx, 413, "body-too-large", "Body too large", "the body (" + declared +
                    " bytes) exceeds " + limit + " bytes", "Content-Length");
                return;
            }
            final long reserved = declared >= 0 ? declared : limit;
            if (!server.reserveBodyBytes(reserved))
            {
                server.metrics().refused("body-bytes");
                Responses.overloaded(ctx, "this node holds as many request bodies as it may");
                return;
            }
            ctx.addEndHandler(done -> server.releaseBodyBytes(reserved));
        }
        ctx.next();
    }

    /** The declared length, -1 when absent; a malformed one counts as absent (the body limit then applies). */
    private static long contentLength(final String header)
    {
        if (header == null)
        {
            return -1;
        }
        try
        {
            return Long.parseLong(header.trim());
        }
        catch (final NumberFormatException ex)
        {
            return -1;
        }
    }
}
