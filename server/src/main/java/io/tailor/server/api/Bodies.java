package io.tailor.server.api;

import io.tailor.server.json.BatchReader;
import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

/**
 * Reading batch bodies: content type checked, small bodies parsed on the event loop, large ones on a
 * worker so that a 10,000-line import does not stall the recommendations sharing the loop.
 */
final class Bodies
{
    /** Bodies larger than this are parsed off the event loop. */
    static final int INLINE_PARSE_LIMIT = 64 * 1024;

    private Bodies()
    {
    }

    /**
     * Parses the request body with a batch reader and hands the result to {@code next} on the event loop;
     * answers with a problem itself when the body cannot be read at all.
     *
     * @param ctx    routing context, body already read by the body handler.
     * @param server the node, whose bound on queued parses applies.
     * @param reader batch reader.
     * @param next   continues with the parsed batch.
     * @param <T>    element type.
     */
    static <T> void parse(final RoutingContext ctx, final ServerContext server, final BatchReader<T> reader,
        final Handler<BatchReader.Result<T>> next)
    {
        final String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        final boolean ndjson;
        if (contentType == null || mediaType(contentType).equals("application/json"))
        {
            ndjson = false;
        }
        else if (mediaType(contentType).equals("application/x-ndjson"))
        {
            ndjson = true;
        }
        else
        {
            Responses.problem(ctx, 415, "unsupported-media-type", "Unsupported media type",
                "send application/json or application/x-ndjson, not " + mediaType(contentType), "Content-Type");
            return;
        }
        final Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0)
        {
            Responses.problem(ctx, 400, "invalid-body", "Invalid request body", "the body is empty", null);
            return;
        }
        final byte[] bytes = buffer.getBytes();
        if (bytes.length <= INLINE_PARSE_LIMIT)
        {
            final BatchReader.Result<T> result;
            try
            {
                result = reader.read(bytes, ndjson);
            }
            catch (final BatchReader.UnreadableBody ex)
            {
                unreadable(ctx, ex);
                return;
            }
            next.handle(result);
            return;
        }
        // The worker pool's queue is unbounded: this count bounds it.
        if (!server.queueParse())
        {
            server.metrics().refused("parse-queue");
            Responses.overloaded(ctx, "too many large bodies are waiting to be parsed on this node");
            return;
        }
        ctx.vertx().<BatchReader.Result<T>>executeBlocking(() -> reader.read(bytes, ndjson), false)
            .onComplete(ar ->
            {
                server.parseDone();
                if (ar.succeeded())
                {
                    next.handle(ar.result());
                }
                else if (ar.cause() instanceof BatchReader.UnreadableBody ex)
                {
                    unreadable(ctx, ex);
                }
                else
                {
                    ctx.fail(ar.cause());
                }
            });
    }

    private static void unreadable(final RoutingContext ctx, final BatchReader.UnreadableBody ex)
    {
        if (ex.tooLarge())
        {
            Responses.problem(ctx, 413, "batch-too-large", "Batch too large", ex.getMessage(), null);
        }
        else
        {
            Responses.problem(ctx, 400, "invalid-body", "Invalid request body", ex.getMessage(), null);
        }
    }

    /**
     * The media type of a Content-Type header, without parameters, lower case.
     *
     * @param contentType header value.
     * @return e.g. {@code application/json}.
     */
    static String mediaType(final String contentType)
    {
        final int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(
            java.util.Locale.ROOT);
    }
}
