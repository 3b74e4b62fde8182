package io.tailor.server.api;

import io.tailor.grid.audience.NearPurchaseAggregator;
import io.tailor.grid.audience.NearPurchaseCandidates;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.segment.NearPurchase;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.vertx.ext.web.RoutingContext;

import java.time.Instant;

/**
 * {@code GET /v1/audiences/near-purchase?product=&limit=}: the shoppers most likely to buy a product soon.
 * <p>
 * They viewed, clicked or carted it, have not bought it, gave marketing consent, and the time since their first
 * interest lies within the product's usual time to purchase (10th to 90th percentile of what was learnt from
 * the event stream: the product's own once it has enough purchases, else its category's). Each comes with
 * the probability of buying within that window and the reason.
 */
final class AudiencesHandler
{
    private static final int DEFAULT_LIMIT = 100;
    private static final int MAX_LIMIT = 1_000;

    private final ServerContext server;

    AudiencesHandler(final ServerContext server)
    {
        this.server = server;
    }

    /**
     * Handles the request.
     *
     * @param ctx routing context.
     */
    void nearPurchase(final RoutingContext ctx)
    {
        final String product;
        final int limit;
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        try
        {
            final String value = QueryParams.get(ctx.request(), "product");
            if (value == null)
            {
                throw new InvalidInput("product", "product is required");
            }
            product = Fields.id("product", value);
            limit = limit(QueryParams.get(ctx.request(), "limit"));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        final int item = catalog.indexOf(product);
        if (item == CatalogSnapshot.MISSING)
        {
            Responses.problem(ctx, 400, "unknown-product", "Unknown product", "no product with id " + product,
                "product");
            return;
        }
        final long nowMs = server.clock().millis();
        final long productKey = catalog.key(item);
        final int dimensions = server.grid().settings().dimensions();
        final NearPurchase estimator = NearPurchase.forProduct(catalog, item, server.grid().itemEvidence());
        ctx.vertx().<NearPurchaseCandidates>executeBlocking(() -> estimator == null ? null :
            server.grid().profiles().aggregate(new NearPurchaseAggregator(productKey, estimator, nowMs, limit,
            dimensions)), false).onComplete(done ->
            {
                if (done.failed())
                {
                    Responses.gridUnavailable(ctx);
                    return;
                }
                final NearPurchaseCandidates found = done.result();
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    json.writeStringField("product", product);
                    json.writeStringField("basis", estimator == null ? "none" : estimator.basis().wireName());
                    if (estimator != null)
                    {
                        json.writeObjectFieldStart("timeToPurchase");
                        json.writeNumberField("purchases", estimator.distribution().count());
                        json.writeNumberField("p10Minutes", estimator.opensMs() / 60_000L);
                        json.writeNumberField("medianMinutes", estimator.distribution().quantile(0.5) / 60_000L);
                        json.writeNumberField("p90Minutes", estimator.closesMs() / 60_000L);
                        json.writeEndObject();
                    }
                    json.writeArrayFieldStart("shoppers");
                    for (int i = 0; found != null && i < found.size(); i++)
                    {
                        json.writeStartObject();
                        json.writeStringField(io.tailor.grid.profile.ProfileKeys.field(found.key(i)),
                            io.tailor.grid.profile.ProfileKeys.id(found.key(i)));
                        json.writeNumberField("probability", Math.round(found.probability(i) * 10_000.0) / 10_000.0);
                        json.writeStringField("interest", found.carted(i) ? "carted" : "viewed");
                        json.writeStringField("firstInterest", Instant.ofEpochMilli(found.firstInterest(i)).toString());
                        json.writeStringField("reason", estimator.reason(new NearPurchase.Assessment(
                            found.probability(i), found.firstInterest(i), found.carted(i)), nowMs));
                        json.writeEndObject();
                    }
                    json.writeEndArray();
                    json.writeEndObject();
                });
            });
    }

    private static int limit(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return DEFAULT_LIMIT;
        }
        try
        {
            final int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT)
            {
                return limit;
            }
        }
        catch (final NumberFormatException ex)
        {
            // answered below
        }
        throw new InvalidInput("limit", "limit must be an integer in 1.." + MAX_LIMIT);
    }
}
