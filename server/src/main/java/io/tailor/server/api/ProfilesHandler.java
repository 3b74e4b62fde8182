package io.tailor.server.api;

import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.ProfileJsonWriter;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.vertx.ext.web.RoutingContext;

import java.util.concurrent.Executor;

/**
 * {@code GET /v1/profiles/{user}}: what Tailor holds on a customer ({@code ?anonymousId=} style ids are
 * read with {@code /v1/profiles/{id}?kind=anonymous}).
 */
final class ProfilesHandler
{
    private final ServerContext server;
    private final Executor loop;

    ProfilesHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Reads and writes a profile.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final String id;
        final boolean anonymous;
        try
        {
            id = Fields.id("user", ctx.pathParam("user"));
            final String kind = ctx.request().getParam("kind");
            if (kind != null && !kind.equals("user") && !kind.equals("anonymous"))
            {
                throw new InvalidInput("kind", "kind must be user or anonymous");
            }
            anonymous = "anonymous".equals(kind);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final String key = anonymous ? ProfileKeys.anonymous(id) : ProfileKeys.user(id);
        server.grid().profiles().read(key).whenCompleteAsync((bytes, error) ->
        {
            if (error != null)
            {
                Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
                return;
            }
            if (bytes == null)
            {
                Responses.problem(ctx, 404, "not-found", "Not found", "Tailor holds no profile for " +
                    (anonymous ? "anonymous id " : "user ") + id, "user");
                return;
            }
            final Profile profile = ProfileCodec.decode(bytes, new Profile(server.grid().settings().dimensions()));
            final long halfLife = server.grid().settings().profile().affinityHalfLife().toMillis();
            Responses.json(ctx, 200, json -> ProfileJsonWriter.write(json, anonymous ? null : id,
                anonymous ? id : null, profile, server.grid().models().current().catalog(), server.clock().millis(),
                halfLife));
        }, loop);
    }
}
