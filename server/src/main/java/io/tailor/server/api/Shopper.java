package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;

/**
 * The shopper a {@code /v1/profiles/{user}...} request names: the path's id, a customer id unless
 * {@code ?kind=anonymous} or {@code ?kind=loyalty} says otherwise.
 *
 * @param id   the id.
 * @param kind {@code user}, {@code anonymous} or {@code loyalty}.
 */
record Shopper(String id, String kind)
{
    /**
     * The shopper of a request, or {@code null} after answering a 400.
     *
     * @param ctx routing context.
     * @return the shopper, or {@code null}.
     */
    static Shopper of(final RoutingContext ctx)
    {
        try
        {
            final String id = Fields.id("user", ctx.pathParam("user"));
            final String kind = QueryParams.get(ctx.request(), "kind");
            if (kind != null && !kind.equals("user") && !kind.equals("anonymous") && !kind.equals("loyalty"))
            {
                throw new InvalidInput("kind", "kind must be user, anonymous or loyalty");
            }
            return new Shopper(id, kind == null ? "user" : kind);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return null;
        }
    }

    /**
     * The profile key.
     *
     * @return {@code u:...}, {@code a:...} or {@code l:...}.
     */
    String key()
    {
        return switch (kind)
        {
            case "anonymous" -> ProfileKeys.anonymous(id);
            case "loyalty" -> ProfileKeys.loyalty(id);
            default -> ProfileKeys.user(id);
        };
    }

    /**
     * Whether the id is a customer id.
     *
     * @return true for {@code kind=user}.
     */
    boolean user()
    {
        return kind.equals("user");
    }

    /**
     * Writes {@code "user": id} (or {@code anonymousId}, {@code loyaltyId}).
     *
     * @param json generator, inside an object.
     * @throws IOException never in practice.
     */
    void write(final JsonGenerator json) throws IOException
    {
        json.writeStringField(ProfileKeys.field(key()), id);
    }

    /**
     * Writes the id a profile key names, as {@code {"user": ...}} or the like.
     *
     * @param json generator.
     * @param key  profile key.
     * @throws IOException never in practice.
     */
    static void writeKey(final JsonGenerator json, final String key) throws IOException
    {
        json.writeStartObject();
        json.writeStringField(ProfileKeys.field(key), ProfileKeys.id(key));
        json.writeEndObject();
    }

    /**
     * Answers 404 for a shopper Tailor holds nothing on.
     *
     * @param ctx routing context.
     */
    void notFound(final RoutingContext ctx)
    {
        Responses.problem(ctx, 404, "not-found", "Not found", "Tailor holds nothing on " +
            (user() ? "user " : kind + " id ") + id, "user");
    }
}
