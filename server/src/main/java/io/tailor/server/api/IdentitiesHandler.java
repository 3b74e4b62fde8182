package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.grid.profile.CustomerData;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.JsonTree;
import io.vertx.ext.web.RoutingContext;

import java.util.Locale;
import java.util.concurrent.Executor;

/**
 * {@code POST /v1/identities}: links an anonymous id ({@code {"anonymousId", "user"}}) or a loyalty card
 * ({@code {"user", "loyaltyId"}}) to a customer. The id's profile is merged into the customer's and the id's
 * later events and recommendations use the customer's profile. Linking again is harmless; a loyalty card of
 * another customer is a 409, a cookie of another customer moves (a shared device).
 */
final class IdentitiesHandler
{
    private final ServerContext server;
    private final Executor loop;

    IdentitiesHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Handles the request.
     *
     * @param ctx routing context.
     */
    void link(final RoutingContext ctx)
    {
        final byte[] body = JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final String user;
        final String anonymousId;
        final String loyaltyId;
        try
        {
            final JsonNode node = JsonTree.object(body);
            JsonTree.only(node, "user", "anonymousId", "loyaltyId");
            user = JsonTree.id(node, "user");
            anonymousId = JsonTree.id(node, "anonymousId");
            loyaltyId = JsonTree.id(node, "loyaltyId");
            if (user == null)
            {
                throw new InvalidInput("user", "user is required");
            }
            if ((anonymousId == null) == (loyaltyId == null))
            {
                throw new InvalidInput("anonymousId", "give exactly one of anonymousId and loyaltyId");
            }
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-identity", "Invalid identity link", ex.reason(), ex.field());
            return;
        }
        final String alias = anonymousId != null ? ProfileKeys.anonymous(anonymousId) : ProfileKeys.loyalty(loyaltyId);
        server.grid().customers().link(alias, ProfileKeys.user(user), server.clock().millis()).whenCompleteAsync(
            (link, error) ->
            {
                if (error != null)
                {
                    ctx.response().putHeader("Retry-After", "1");
                    Responses.gridUnavailable(ctx,
                        "the link may be incomplete; send it again (linking is idempotent)");
                    return;
                }
                if (link.status() == CustomerData.LinkStatus.CONFLICT)
                {
                    Responses.problem(ctx, 409, "identity-conflict", "Identity conflict", "loyalty card " + loyaltyId +
                        " belongs to another customer; erase that customer's card first", "loyaltyId");
                    return;
                }
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeStringField("user", user);
                    json.writeStringField(ProfileKeys.field(alias), ProfileKeys.id(alias));
                    json.writeStringField("status", link.status().name().toLowerCase(Locale.ROOT));
                    json.writeBooleanField("merged", link.merged());
                    json.writeEndObject();
                });
            }, loop);
    }
}
