package io.tailor.server.api;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;

/**
 * Reading single-object JSON bodies (identities, consent, preferences, segments): the content type is
 * checked and an empty body refused, answering the problem itself.
 */
final class JsonBodies
{
    private JsonBodies()
    {
    }

    /**
     * The body of a request that must carry one JSON object.
     *
     * @param ctx routing context, body already read by the body handler.
     * @return the bytes, or {@code null} when a problem was answered.
     */
    static byte[] object(final RoutingContext ctx)
    {
        final String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null)
        {
            final int semicolon = contentType.indexOf(';');
            final String media = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim()
                .toLowerCase(Locale.ROOT);
            if (!media.equals("application/json"))
            {
                Responses.problem(ctx, 415, "unsupported-media-type", "Unsupported media type",
                    "send application/json, not " + media, "Content-Type");
                return null;
            }
        }
        final Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0)
        {
            Responses.problem(ctx, 400, "invalid-body", "Invalid request body", "the body is empty", null);
            return null;
        }
        return buffer.getBytes();
    }
}
