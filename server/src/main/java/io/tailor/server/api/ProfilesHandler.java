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
 * {@code GET} and {@code DELETE /v1/profiles/{user}}: what Tailor holds on a customer, and its erasure
 * (anonymous ids with {@code ?kind=anonymous}).
 */
final class ProfilesHandler
{
    private final ServerContext server;
    private final Executor loop;
    private final LoopLoad load;

    ProfilesHandler(final ServerContext server, final Executor loop, final LoopLoad load)
    {
        this.server = server;
        this.loop = loop;
        this.load = load;
    }

    /** The shopper a request names: an id and whether it is anonymous. */
    private record Shopper(String id, boolean anonymous)
    {
        String key()
        {
            return anonymous ? ProfileKeys.anonymous(id) : ProfileKeys.user(id);
        }
    }

    private static Shopper shopper(final RoutingContext ctx)
    {
        try
        {
            final String id = Fields.id("user", ctx.pathParam("user"));
            final String kind = ctx.request().getParam("kind");
            if (kind != null && !kind.equals("user") && !kind.equals("anonymous"))
            {
                throw new InvalidInput("kind", "kind must be user or anonymous");
            }
            return new Shopper(id, "anonymous".equals(kind));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return null;
        }
    }

    /**
     * Erases a shopper: the profile becomes a tombstone everywhere and older copies leave every member's
     * data files. 404 when Tailor holds nothing on the shopper.
     *
     * @param ctx routing context.
     */
    void erase(final RoutingContext ctx)
    {
        final Shopper shopper = shopper(ctx);
        if (shopper == null)
        {
            return;
        }
        load.started(1);
        server.grid().profiles().erase(shopper.key(), server.clock().millis()).whenCompleteAsync((version, error) ->
        {
            load.finished();
            if (error != null)
            {
                Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
            }
            else if (version == 0L)
            {
                notFound(ctx, shopper);
            }
            else
            {
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeStringField(shopper.anonymous() ? "anonymousId" : "user", shopper.id());
                    json.writeObjectFieldStart("erased");
                    json.writeBooleanField("profile", true);
                    json.writeBooleanField("dataFiles", true);
                    json.writeEndObject();
                    json.writeEndObject();
                });
            }
        }, loop);
    }

    /**
     * Reads and writes a profile.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final Shopper shopper = shopper(ctx);
        if (shopper == null)
        {
            return;
        }
        final String id = shopper.id();
        final boolean anonymous = shopper.anonymous();
        load.started(1);
        server.grid().profiles().read(shopper.key()).whenCompleteAsync((bytes, error) ->
        {
            load.finished();
            if (error != null)
            {
                Responses.problem(ctx, 503, "grid-unavailable", "Grid unavailable", "retry the request", null);
                return;
            }
            if (bytes == null)
            {
                notFound(ctx, shopper);
                return;
            }
            final Profile profile = ProfileCodec.decode(bytes, new Profile(server.grid().settings().dimensions()));
            final long halfLife = server.grid().settings().profile().affinityHalfLife().toMillis();
            Responses.json(ctx, 200, json -> ProfileJsonWriter.write(json, anonymous ? null : id,
                anonymous ? id : null, profile, server.grid().models().current().catalog(), server.clock().millis(),
                halfLife));
        }, loop);
    }

    private static void notFound(final RoutingContext ctx, final Shopper shopper)
    {
        Responses.problem(ctx, 404, "not-found", "Not found", "Tailor holds no profile for " +
            (shopper.anonymous() ? "anonymous id " : "user ") + shopper.id(), "user");
    }
}
