package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.util.Hashing;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.PromotionJsonReader;
import io.tailor.server.json.PromotionSpec;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * {@code /v1/promotions}: exposure targets for products over a period, paced evenly, served through the lists'
 * promoted slot ({@code PromotedSlot}).
 * <pre>
 *   PUT    /{id}   define or redefine (400 with the JSON pointer of the wrong part: unknown products,
 *                  categories, brands or segment, until not after from or already past, target not positive)
 *                  201 new, 200 redefined (delivered impressions carry over)
 *   GET    /{id}   the definition with target, delivered, scheduled and state
 *   GET    /       every promotion this node knows, in id order
 *   DELETE /{id}   remove it
 * </pre>
 * Definitions live in the grid's {@code promotions} map, written by an entry processor on the owner and mirrored
 * by every node's {@link PromotionRegistry}; delivered impressions are merged cluster-wide by the registries.
 */
final class PromotionsHandler
{
    private final ServerContext server;
    private final Executor loop;
    private final PromotionJsonReader reader = new PromotionJsonReader();

    PromotionsHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Defines or redefines a promotion.
     *
     * @param ctx routing context.
     */
    void put(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        final byte[] body = id == null ? null : JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        final PromotionSpec spec;
        try
        {
            spec = reader.read(body, nowMs);
            checkAgainstNow(spec, nowMs);
        }
        catch (final InvalidInput ex)
        {
            invalid(ctx, ex);
            return;
        }
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        final List<Integer> notInSnapshot = new ArrayList<>();
        for (int i = 0; i < spec.products().size(); i++)
        {
            if (catalog.indexOf(spec.products().get(i)) == CatalogSnapshot.MISSING)
            {
                notInSnapshot.add(i);
            }
        }
        if (notInSnapshot.isEmpty())
        {
            store(ctx, id, spec, nowMs);
            return;
        }
        // A product missing from the local snapshot may be a minute old: ask the grid before refusing it.
        final List<CompletableFuture<CatalogEntry>> lookups = new ArrayList<>(notInSnapshot.size());
        for (final int i : notInSnapshot)
        {
            lookups.add(server.grid().catalog().get(spec.products().get(i)).toCompletableFuture());
        }
        CompletableFuture.allOf(lookups.toArray(new CompletableFuture<?>[0]))
            .whenCompleteAsync(Responses.onGridAnswer(ctx, done ->
        {
            for (int n = 0; n < lookups.size(); n++)
            {
                final CatalogEntry entry = lookups.get(n).join();
                if (entry == null || entry.removed())
                {
                    final int i = notInSnapshot.get(n);
                    invalid(ctx, new InvalidInput("/products/" + i, "no product with id " + spec.products().get(i)));
                    return;
                }
            }
            store(ctx, id, spec, nowMs);
        }), loop);
    }

    /** What the stored form cannot check, as it must read again later: the period and the audience exist now. */
    private void checkAgainstNow(final PromotionSpec spec, final long nowMs) throws InvalidInput
    {
        if (spec.untilMs() <= nowMs)
        {
            throw new InvalidInput("/until", "until is already past");
        }
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        for (int i = 0; i < spec.categories().size(); i++)
        {
            if (catalog.categoryIndexOf(Hashing.key(spec.categories().get(i))) == CatalogSnapshot.MISSING)
            {
                throw new InvalidInput("/audience/categories/" + i, "no product is in category " +
                    spec.categories().get(i));
            }
        }
        for (int i = 0; i < spec.brands().size(); i++)
        {
            if (catalog.brandIndexOf(Hashing.key(spec.brands().get(i))) == CatalogSnapshot.MISSING)
            {
                throw new InvalidInput("/audience/brands/" + i, "no product is of brand " + spec.brands().get(i));
            }
        }
        if (spec.segment() != null && server.segments().current().get(spec.segment()) == null)
        {
            throw new InvalidInput("/audience/segment", "no segment " + spec.segment());
        }
    }

    private void store(final RoutingContext ctx, final String id, final PromotionSpec spec, final long nowMs)
    {
        // a redefinition within the millisecond of the definition is told apart by what this node knew before
        final boolean knownBefore = server.promotions().known().containsKey(id);
        server.grid().promotions().put(id, spec.json(), nowMs).whenCompleteAsync(Responses.onGridAnswer(ctx, stored ->
        {
            final PromotionRegistry.Known known = server.promotions().update(id, stored);
            if (known == null)
            {
                Responses.gridUnavailable(ctx);
                return;
            }
            final boolean created = stored.version() == 1 ||
                !knownBefore && stored.createdAtMs() == stored.updatedAtMs();
            Responses.json(ctx, created ? 201 : 200,
                json -> write(json, id, known, server.clock().millis()));
        }), loop);
    }

    /**
     * One promotion.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        server.grid().promotions().get(id).whenCompleteAsync(Responses.onGridAnswer(ctx, definition ->
        {
            final PromotionRegistry.Known known = definition == null || definition.deleted() ? null :
                server.promotions().update(id, definition);
            if (known == null)
            {
                notFound(ctx, id);
                return;
            }
            Responses.json(ctx, 200, json -> write(json, id, known, server.clock().millis()));
        }), loop);
    }

    /**
     * Every promotion this node knows (the grid's, as mirrored here).
     *
     * @param ctx routing context.
     */
    void list(final RoutingContext ctx)
    {
        final Map<String, PromotionRegistry.Known> known = server.promotions().known();
        final long nowMs = server.clock().millis();
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeArrayFieldStart("promotions");
            for (final Map.Entry<String, PromotionRegistry.Known> entry : known.entrySet())
            {
                write(json, entry.getKey(), entry.getValue(), nowMs);
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * Deletes a promotion.
     *
     * @param ctx routing context.
     */
    void delete(final RoutingContext ctx)
    {
        final String id = PathIds.id(ctx);
        if (id == null)
        {
            return;
        }
        final long nowMs = server.clock().millis();
        server.grid().promotions().delete(id, nowMs).whenCompleteAsync(Responses.onGridAnswer(ctx, deleted ->
        {
            if (deleted == null)
            {
                notFound(ctx, id);
                return;
            }
            server.promotions().update(id, new PromotionDefinition(null, deleted.version() + 1,
                deleted.createdAtMs(), nowMs));
            Responses.deleted(ctx, id);
        }), loop);
    }

    private static void write(final JsonGenerator json, final String id, final PromotionRegistry.Known known,
        final long nowMs) throws IOException
    {
        final PromotionDefinition definition = known.definition();
        final Promotion promotion = known.promotion();
        json.writeStartObject();
        json.writeStringField("id", id);
        json.writeStringField("state", promotion.state(nowMs).wireName());
        json.writeNumberField("target", promotion.target());
        json.writeNumberField("delivered", promotion.delivery().delivered());
        json.writeNumberField("scheduled", (long)Math.floor(promotion.scheduled(nowMs)));
        json.writeStringField("from", Instant.ofEpochMilli(promotion.fromMs()).toString());
        json.writeStringField("until", Instant.ofEpochMilli(promotion.untilMs()).toString());
        json.writeNumberField("version", definition.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(definition.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(definition.updatedAtMs()).toString());
        json.writeFieldName("definition");
        json.writeRawValue(definition.json());
        json.writeEndObject();
    }

    private static void invalid(final RoutingContext ctx, final InvalidInput ex)
    {
        Responses.problem(ctx, 400, "invalid-promotion", "Invalid promotion", ex.reason(), ex.field());
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no promotion " + id);
    }
}
