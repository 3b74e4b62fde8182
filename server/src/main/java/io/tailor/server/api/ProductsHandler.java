package io.tailor.server.api;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.server.json.BatchReader;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.ProductJsonWriter;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.Exposure;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.Hashing;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code PUT /v1/products}, {@code GET /v1/products/{id}}, {@code DELETE /v1/products/{id}}.
 */
final class ProductsHandler
{
    private final ServerContext server;
    private final Executor loop;
    private final LoopLoad load;

    ProductsHandler(final ServerContext server, final Executor loop, final LoopLoad load)
    {
        this.server = server;
        this.loop = loop;
        this.load = load;
    }

    /**
     * Upserts a JSON array or NDJSON of products: valid ones are stored, invalid ones named.
     *
     * @param ctx routing context.
     */
    void upsert(final RoutingContext ctx)
    {
        Bodies.parse(ctx, server, server.productBatches(), batch ->
        {
            final List<BatchReader.Rejection> rejected = batch.rejections();
            if (batch.accepted().isEmpty())
            {
                final BatchReader.Rejection first = rejected.get(0);
                Responses.problem(ctx, 400, "invalid-product", "Invalid product",
                    batch.single() ? first.reason() : "no product in the batch is valid", first.field(),
                    batch.single() ? List.of() : rejected);
                return;
            }
            final Map<String, Product> unique = new LinkedHashMap<>();
            for (final Product product : batch.accepted())
            {
                unique.put(product.id(), product);
            }
            load.started(1);
            server.grid().catalog().upsert(List.copyOf(unique.values())).whenCompleteAsync((ok, error) ->
            {
                load.finished();
                if (error != null)
                {
                    Responses.gridUnavailable(ctx,
                        "the products could not be stored; retry the request");
                    return;
                }
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeNumberField("upserted", unique.size());
                    json.writeArrayFieldStart("rejected");
                    for (final BatchReader.Rejection rejection : rejected)
                    {
                        Responses.writeRejection(json, rejection);
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                });
            }, loop);
        });
    }

    /**
     * Reads one product from the grid.
     *
     * @param ctx routing context.
     */
    void get(final RoutingContext ctx)
    {
        final String id = productId(ctx);
        if (id == null)
        {
            return;
        }
        load.started(1);
        server.grid().catalog().get(id).whenCompleteAsync((entry, error) ->
        {
            load.finished();
            if (error != null)
            {
                Responses.gridUnavailable(ctx);
            }
            else if (entry == null || entry.removed())
            {
                notFound(ctx, id);
            }
            else
            {
                Responses.json(ctx, 200, json -> ProductJsonWriter.write(json, entry.product()));
            }
        }, loop);
    }

    /**
     * How a product fares, from this node's item model and its copy of the item stats: popularity (0 to 1, the
     * most popular being 1) and its rank, signals merged into its stats (events and co-occurrence pairs), and
     * impressions and clicks of about the last day (sums fading with a one-day time constant; every product a served
     * list showed is counted, a new arrival within a flush, an established product within
     * {@code GridSettings.establishedShownInterval}). 404 when this node's model does not have the product.
     *
     * @param ctx routing context.
     */
    void stats(final RoutingContext ctx)
    {
        final String id = productId(ctx);
        if (id == null)
        {
            return;
        }
        final ItemModel model = server.grid().models().current();
        final CatalogSnapshot catalog = model.catalog();
        final int item = catalog.indexOf(id);
        if (item == CatalogSnapshot.MISSING)
        {
            notFound(ctx, id);
            return;
        }
        final float popularity = model.popularity(item);
        int rank = 1;
        for (int other = 0; other < catalog.size(); other++)
        {
            if (model.popularity(other) > popularity)
            {
                rank++;
            }
        }
        final int popularityRank = rank;
        final long nowMs = server.clock().millis();
        final ItemStats stats = server.grid().itemEvidence().stats(catalog.key(item));
        final Exposure exposure = stats == null ? null : stats.exposure();
        Responses.json(ctx, 200, json ->
        {
            json.writeStartObject();
            json.writeStringField("product", id);
            json.writeNumberField("popularity", popularity);
            json.writeNumberField("popularityRank", popularityRank);
            json.writeNumberField("products", catalog.size());
            json.writeNumberField("signals", stats == null ? 0 : stats.interactions());
            json.writeNumberField("shownLastDay", exposure == null ? 0 : exposure.shownAt(nowMs));
            json.writeNumberField("clickedLastDay", exposure == null ? 0 : exposure.clickedAt(nowMs));
            // what the exploration slot draws from: the model's counts, per placement
            json.writeObjectFieldStart("placements");
            for (final Placement placement : Placement.values())
            {
                json.writeObjectFieldStart(placement.wireName());
                json.writeNumberField("shownLastDay", model.shownLately(item, placement.ordinal()));
                json.writeNumberField("clickedLastDay", model.clickedLately(item, placement.ordinal()));
                json.writeEndObject();
            }
            json.writeEndObject();
            json.writeStringField("modelBuiltAt", Instant.ofEpochMilli(model.builtAtMs()).toString());
            json.writeEndObject();
        });
    }

    /**
     * Removes one product.
     *
     * @param ctx routing context.
     */
    void delete(final RoutingContext ctx)
    {
        final String id = productId(ctx);
        if (id == null)
        {
            return;
        }
        load.started(1);
        server.grid().catalog().remove(id).whenCompleteAsync((CatalogEntry old, Throwable error) ->
        {
            load.finished();
            if (error != null)
            {
                Responses.gridUnavailable(ctx);
            }
            else if (old == null)
            {
                notFound(ctx, id);
            }
            else
            {
                // profiles that hold the product go on showing its id
                server.grid().productIds().remember(Hashing.key(id), id);
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeStringField("deleted", id);
                    json.writeEndObject();
                });
            }
        }, loop);
    }

    private static String productId(final RoutingContext ctx)
    {
        try
        {
            return Fields.id("id", ctx.pathParam("id"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), "id");
            return null;
        }
    }

    private static void notFound(final RoutingContext ctx, final String id)
    {
        Responses.notFound(ctx, "no product with id " + id);
    }
}
