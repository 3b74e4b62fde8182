package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.rank.BoughtTogether;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.JsonNames;
import io.tailor.server.json.ProductIdJson;
import io.tailor.server.json.ReasonJsonWriter;
import io.vertx.ext.web.RoutingContext;

import java.io.IOException;
import java.util.concurrent.Executor;

/**
 * Item-to-item lists, the same for every shopper: {@code GET /v1/products/{id}/similar} (what the product
 * page would show without a shopper: seen together, same taste, popular nearby) and
 * {@code GET /v1/products/{id}/bought-together} (co-purchases with their lift). Both read this node's model
 * snapshot on the event loop; store rules (stock, blocked products) apply. One instance per event loop.
 */
final class ItemListsHandler
{
    private static final int DEFAULT_K = 10;

    private final ServerContext server;
    private final Executor loop;
    private final LoopLoad load;
    private final Recommender recommender;
    private final BoughtTogether boughtTogether;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation result = new Recommendation();
    private final ProductIdJson productIds = new ProductIdJson();

    ItemListsHandler(final ServerContext server, final Executor loop, final LoopLoad load)
    {
        this.server = server;
        this.loop = loop;
        this.load = load;
        this.recommender = new Recommender(server.settings().ranking());
        this.boughtTogether = new BoughtTogether(server.settings().ranking());
    }

    /**
     * Products similar to one.
     *
     * @param ctx routing context.
     */
    void similar(final RoutingContext ctx)
    {
        final String id;
        final int k;
        final boolean explain;
        try
        {
            id = Fields.id("id", ctx.pathParam("id"));
            k = QueryParams.k(QueryParams.get(ctx.request(), "k"), DEFAULT_K);
            explain = QueryParams.flag(QueryParams.get(ctx.request(), "explain"), "explain", false);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final ItemModel model = server.grid().models().current();
        final int item = model.catalog().indexOf(id);
        if (item == CatalogSnapshot.MISSING)
        {
            unknownHere(ctx, id);
            return;
        }
        recommender.recommend(model, null, request.reset(server.clock().millis()).placement(Placement.PRODUCT)
            .contextItem(item).k(k).explain(explain), result);
        final CatalogSnapshot catalog = model.catalog();
        Responses.json(ctx, 200, json ->
        {
            start(json, id);
            json.writeStringField("strategy", result.strategy().wireName());
            json.writeArrayFieldStart("items");
            for (int i = 0, count = result.count(); i < count; i++)
            {
                json.writeStartObject();
                json.writeFieldName(JsonNames.PRODUCT);
                json.writeString(productIds.of(catalog, result.item(i)));
                json.writeNumberField("score", result.score(i));
                ReasonJsonWriter.write(json, result.reasons(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    /**
     * Products frequently bought together with one.
     *
     * @param ctx routing context.
     */
    void boughtTogether(final RoutingContext ctx)
    {
        final String id;
        final int k;
        try
        {
            id = Fields.id("id", ctx.pathParam("id"));
            k = QueryParams.k(QueryParams.get(ctx.request(), "k"), DEFAULT_K);
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final ItemModel model = server.grid().models().current();
        final int item = model.catalog().indexOf(id);
        if (item == CatalogSnapshot.MISSING)
        {
            unknownHere(ctx, id);
            return;
        }
        final BoughtTogether list = boughtTogether.select(model, item, k);
        final CatalogSnapshot catalog = model.catalog();
        Responses.json(ctx, 200, json ->
        {
            start(json, id);
            json.writeArrayFieldStart("items");
            for (int i = 0, count = list.count(); i < count; i++)
            {
                json.writeStartObject();
                json.writeFieldName(JsonNames.PRODUCT);
                json.writeString(productIds.of(catalog, list.item(i)));
                json.writeNumberField("score", list.score(i));
                json.writeNumberField("lift", list.lift(i));
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        });
    }

    private static void start(final JsonGenerator json, final String id) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("product", id);
    }

    /**
     * A product this node's snapshot does not have: 404 if the grid has none either; if it was uploaded on
     * another node moments ago, an empty list (nothing is known about it yet).
     */
    private void unknownHere(final RoutingContext ctx, final String id)
    {
        if (load.saturated())
        {
            Responses.overloaded(ctx, "this node has too many grid operations in flight");
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
                Responses.notFound(ctx, "no product with id " + id);
            }
            else
            {
                Responses.json(ctx, 200, json ->
                {
                    start(json, id);
                    json.writeArrayFieldStart("items");
                    json.writeEndArray();
                    json.writeEndObject();
                });
            }
        }, loop);
    }
}
