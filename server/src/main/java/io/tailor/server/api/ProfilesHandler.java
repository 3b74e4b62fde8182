package io.tailor.server.api;

import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.profile.CustomerData;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.segment.Segment;
import io.tailor.server.json.ProductIdLookup;
import io.tailor.server.json.ProfileJsonWriter;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.concurrent.Executor;

/**
 * {@code GET} and {@code DELETE /v1/profiles/{user}}: what Tailor holds on a shopper (with consent, stated
 * preferences and segment memberships), and its erasure everywhere (anonymous ids with
 * {@code ?kind=anonymous}, loyalty cards with {@code ?kind=loyalty}).
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

    /**
     * Erases a shopper: the profile, every linked id (link and forward record), the impressions and activity it
     * held, and older copies in every member's data files. The answer says what was erased; 404 when Tailor
     * holds nothing on the shopper.
     *
     * @param ctx routing context.
     */
    void erase(final RoutingContext ctx)
    {
        final Shopper shopper = Shopper.of(ctx);
        if (shopper == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        ctx.vertx().<CustomerData.Erasure>executeBlocking(() ->
        {
            final CustomerData.Erasure erased = shopper.user() ?
                server.grid().customers().eraseCustomer(shopper.key(), nowMs) :
                server.grid().customers().eraseId(shopper.key(), nowMs);
            server.dispatcher().erased(shopper.key(), erased.linked());
            return erased;
        }, false).onComplete(done ->
            {
                if (done.failed())
                {
                    ctx.response().putHeader("Retry-After", "1");
                    Responses.gridUnavailable(ctx,
                        "the erasure may be incomplete; retry the request");
                    return;
                }
                final CustomerData.Erasure erasure = done.result();
                if (!erasure.erasedAnything())
                {
                    shopper.notFound(ctx);
                    return;
                }
                final Profile profile = erasure.profile() == null ? null :
                    ProfileCodec.decode(erasure.profile(), new Profile(server.grid().settings().dimensions()));
                final List<String> segments = profile == null ? List.of() : memberships(profile, nowMs);
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    shopper.write(json);
                    json.writeObjectFieldStart("erased");
                    json.writeBooleanField("profile", profile != null);
                    json.writeBooleanField("dataFiles", true);
                    json.writeArrayFieldStart("linkedIds");
                    for (final String key : erasure.linked())
                    {
                        Shopper.writeKey(json, key);
                    }
                    json.writeEndArray();
                    json.writeNumberField("impressions", profile == null ? 0 : profile.impressions().size());
                    json.writeNumberField("activity", profile == null ? 0 : profile.activityCount());
                    json.writeArrayFieldStart("segmentMemberships");
                    for (final String segment : segments)
                    {
                        json.writeString(segment);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                    json.writeEndObject();
                });
            });
    }

    /**
     * Reads and writes a profile.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final Shopper shopper = Shopper.of(ctx);
        if (shopper == null)
        {
            return;
        }
        load.started(1);
        server.grid().profiles().read(shopper.key()).whenCompleteAsync((bytes, error) ->
        {
            load.finished();
            if (error != null)
            {
                Responses.gridUnavailable(ctx);
                return;
            }
            if (bytes == null)
            {
                shopper.notFound(ctx);
                return;
            }
            final Profile profile = ProfileCodec.decode(bytes, new Profile(server.grid().settings().dimensions()));
            withProductIds(profile, products ->
            {
                final long nowMs = server.clock().millis();
                final long halfLife = server.grid().settings().profile().affinityHalfLife().toMillis();
                final List<String> segments = memberships(profile, nowMs);
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    ProfileJsonWriter.writeFields(json, shopper.user() ? shopper.id() : null,
                        shopper.kind().equals("anonymous") ? shopper.id() : null, profile, products, nowMs, halfLife);
                    if (shopper.kind().equals("loyalty"))
                    {
                        json.writeStringField("loyaltyId", shopper.id());
                    }
                    ProfileJsonWriter.writeCustomer(json, profile, products, segments);
                    json.writeEndObject();
                });
            });
        }, loop);
    }

    /**
     * Calls {@code then} on the event loop with the ids of a profile's products: from the catalog, and for products
     * outside it (named by events before their upload, or deleted since) from the grid's registry. When that read
     * fails the profile is still shown, such products by their keys.
     */
    private void withProductIds(final Profile profile, final Consumer<ProductIdLookup> then)
    {
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        final long[] outside = profile == null ? new long[0] : ProductIdLookup.outsideCatalog(profile, catalog);
        if (outside.length == 0)
        {
            then.accept(ProductIdLookup.catalogOnly(catalog));
            return;
        }
        server.grid().productIds().idsOf(outside).whenCompleteAsync((ids, error) ->
            then.accept(error != null ? ProductIdLookup.catalogOnly(catalog) : new ProductIdLookup(catalog, ids)),
            loop);
    }

    /**
     * The segments in force on this node that a profile is a member of now.
     *
     * @param profile the profile.
     * @param nowMs   the present.
     * @return segment ids, sorted.
     */
    List<String> memberships(final Profile profile, final long nowMs)
    {
        final List<String> ids = new ArrayList<>();
        for (final Segment segment : server.segments().current().all())
        {
            if (segment.member(profile, nowMs))
            {
                ids.add(segment.id());
            }
        }
        ids.sort(String::compareTo);
        return ids;
    }

    /** What is held on a shopper: where the id leads, that profile, and a customer's linked ids. */
    private record Held(String key, byte[] profile, List<Map.Entry<String, IdentityLink>> links, byte[] shown)
    {
    }

    /**
     * Exports everything Tailor holds on a shopper: the profile with its activity log, impressions and first
     * touches, which list last showed each product, consent, preferences, segment memberships, and a customer's
     * linked ids. 404 when nothing is
     * held (after an erasure, too).
     *
     * @param ctx routing context.
     */
    void export(final RoutingContext ctx)
    {
        final Shopper shopper = Shopper.of(ctx);
        if (shopper == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        ctx.vertx().<Held>executeBlocking(() ->
        {
            final String key = server.grid().profiles().resolve(shopper.key()).toCompletableFuture().get();
            return new Held(key, server.grid().profiles().read(key).toCompletableFuture().get(),
                ProfileKeys.isUser(key) ? server.grid().customers().linksOf(key) : List.of(),
                server.grid().profiles().impressions().read(key).toCompletableFuture().get());
        }, false).onComplete(done ->
        {
            if (done.failed())
            {
                Responses.gridUnavailable(ctx);
                return;
            }
            final Held held = done.result();
            if (held.profile() == null && held.links().isEmpty())
            {
                shopper.notFound(ctx);
                return;
            }
            final long halfLife = server.grid().settings().profile().affinityHalfLife().toMillis();
            final Profile profile = held.profile() == null ? null :
                ProfileCodec.decode(held.profile(), new Profile(server.grid().settings().dimensions()));
            final List<String> segments = profile == null ? List.of() : memberships(profile, nowMs);
            withProductIds(profile, products -> Responses.json(ctx, 200, json ->
            {
                json.writeStartObject();
                json.writeStringField(ProfileKeys.field(held.key()), ProfileKeys.id(held.key()));
                json.writeStringField("exportedAt", Instant.ofEpochMilli(nowMs).toString());
                json.writeArrayFieldStart("linkedIds");
                for (final Map.Entry<String, IdentityLink> link : held.links())
                {
                    json.writeStartObject();
                    json.writeStringField(ProfileKeys.field(link.getKey()), ProfileKeys.id(link.getKey()));
                    json.writeStringField("linkedAt", Instant.ofEpochMilli(link.getValue().linkedAtMs()).toString());
                    json.writeEndObject();
                }
                json.writeEndArray();
                if (profile != null)
                {
                    json.writeObjectFieldStart("profile");
                    ProfileJsonWriter.writeFields(json, null, null, profile, products, nowMs, halfLife);
                    ProfileJsonWriter.writeCustomer(json, profile, products, segments);
                    ProfileJsonWriter.writeDetails(json, profile, products);
                    ProfileJsonWriter.writeShown(json, held.shown(), products.catalog(), (placement, hash) ->
                    {
                        final Arm arm = server.experiments().current().armByNameHash(placement, hash);
                        return arm == null ? null : arm.name();
                    });
                    json.writeEndObject();
                }
                json.writeEndObject();
            }));
        });
    }
}
