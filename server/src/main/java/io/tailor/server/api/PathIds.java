package io.tailor.server.api;

import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

/**
 * The {@code {id}} of a definition route ({@code /v1/segments/{id}}, experiments, promotions, webhooks, feeds),
 * checked like every id; a bad one is answered here.
 */
final class PathIds
{
    private PathIds()
    {
    }

    /**
     * The route's {@code id} path parameter.
     *
     * @param ctx routing context.
     * @return the id, or {@code null} once a 400 problem naming {@code id} has been answered.
     */
    static String id(final RoutingContext ctx)
    {
        try
        {
            return Fields.id("id", ctx.pathParam("id"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return null;
        }
    }
}
