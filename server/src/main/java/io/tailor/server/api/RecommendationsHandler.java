package io.tailor.server.api;

import io.tailor.grid.cluster.BackgroundErrors;
import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.ProductJsonReader;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Reason;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.scoring.util.Hashing;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * {@code GET /v1/recommendations}: the hot path.
 * <pre>
 *   event loop: parse and check parameters -> read the model once -> profile at hand on this owner?
 *       yes: decode into scratch -> recommend -> write JSON            (no thread hop, no lock)
 *       no:  read it from the owner (one hop there, one back) with a deadline timer;
 *            whichever comes first answers: the profile, or popular items marked degraded
 * </pre>
 * One instance per event loop: the recommender, request, result and profile are scratch objects reused
 * by every request on that loop.
 */
final class RecommendationsHandler
{
    private static final Logger LOG = LoggerFactory.getLogger(RecommendationsHandler.class);

    private final ServerContext server;
    private final Executor loop;
    private final Vertx vertx;
    private final Recommender recommender;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation result = new Recommendation();
    private final Profile profile;
    private final long deadlineTimerMs;
    private final String requestIdPrefix;
    private long requestSequence;

    RecommendationsHandler(final ServerContext server, final Executor loop, final Vertx vertx, final int loopIndex)
    {
        this.server = server;
        this.loop = loop;
        this.vertx = vertx;
        this.recommender = new Recommender(server.settings().ranking(), server.segments());
        this.profile = new Profile(server.grid().settings().dimensions());
        this.deadlineTimerMs = Math.max(1L, (server.settings().deadline().toNanos() + 999_999L) / 1_000_000L);
        this.requestIdPrefix = server.nodeTag() + "-" + loopIndex + "-";
    }

    /** Parameters of one request, checked, with indices in the model read for it. */
    private record Query(
        ItemModel model,
        String user,
        String anonymousId,
        Placement placement,
        int contextItem,
        int category,
        int k,
        boolean explain,
        String requestId)
    {
    }

    /**
     * Handles the request.
     *
     * @param ctx routing context.
     */
    void handle(final RoutingContext ctx)
    {
        final Query query;
        final String productId;
        final HttpServerRequest http = ctx.request();
        final ItemModel model = server.grid().models().current();
        try
        {
            final String user = optionalId(http, "user");
            final String anonymousId = optionalId(http, "anonymousId");
            if (user == null && anonymousId == null)
            {
                throw new InvalidInput("user", "user or anonymousId is required");
            }
            final Placement placement = placement(http.getParam("placement"));
            productId = optionalId(http, "product");
            if (placement == Placement.PRODUCT && productId == null)
            {
                throw new InvalidInput("product", "placement=product needs product");
            }
            if (productId != null && (placement == Placement.HOME || placement == Placement.EMAIL))
            {
                throw new InvalidInput("product", "product is only for placement=product or placement=cart");
            }
            final CatalogSnapshot catalog = model.catalog();
            final int category = category(http.getParam("category"), catalog);
            final int contextItem = productId == null ? CatalogSnapshot.MISSING : catalog.indexOf(productId);
            query = new Query(model, user, anonymousId, placement, contextItem, category,
                k(http.getParam("k")), flag(http.getParam("explain"), "explain"),
                requestIdPrefix + Long.toString(++requestSequence, 36));
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }

        if (productId != null && query.contextItem() == CatalogSnapshot.MISSING)
        {
            confirmProduct(ctx, query, productId);
            return;
        }
        answer(ctx, query);
    }

    /** A product missing from the local snapshot may be a minute old: ask the grid before refusing it. */
    private void confirmProduct(final RoutingContext ctx, final Query query, final String productId)
    {
        server.grid().catalog().get(productId).whenCompleteAsync((entry, error) ->
        {
            if (error == null && (entry == null || entry.removed()))
            {
                Responses.problem(ctx, 400, "unknown-product", "Unknown product", "no product with id " + productId,
                    "product");
                return;
            }
            answer(ctx, query);
        }, loop);
    }

    private void answer(final RoutingContext ctx, final Query query)
    {
        final String key = ProfileKeys.of(query.user(), query.anonymousId());
        final byte[] local = server.grid().profiles().local(key);
        if (local != null)
        {
            respond(ctx, query, local, false);
            return;
        }

        final boolean[] answered = new boolean[1];
        final long timer = vertx.setTimer(deadlineTimerMs, id ->
        {
            if (!answered[0])
            {
                answered[0] = true;
                respond(ctx, query, null, true);
            }
        });
        server.grid().profiles().read(key).whenCompleteAsync((bytes, error) ->
        {
            if (answered[0])
            {
                return;
            }
            answered[0] = true;
            vertx.cancelTimer(timer);
            if (error != null)
            {
                LOG.debug("profile read failed, answering the fallback", error);
            }
            respond(ctx, query, error == null ? bytes : null, error != null);
        }, loop);
    }

    private void respond(final RoutingContext ctx, final Query query, final byte[] bytes, final boolean degraded)
    {
        request.reset(server.clock().millis())
            .placement(query.placement())
            .k(query.k())
            .contextItem(query.contextItem())
            .categoryFilter(query.category())
            .explain(query.explain());
        Profile shopper = null;
        if (bytes != null)
        {
            try
            {
                shopper = ProfileCodec.decode(bytes, profile);
            }
            catch (final RuntimeException ex)
            {
                server.grid().errors().record(BackgroundErrors.PROFILE_DECODE, ex);
            }
        }
        recommender.recommend(query.model(), degraded ? null : shopper, request, result);
        if (degraded)
        {
            result.markDegraded();
            server.metrics().degraded();
        }
        final CatalogSnapshot catalog = query.model().catalog();
        Responses.json(ctx, 200, json -> write(json, query, catalog));
    }

    private void write(final JsonGenerator json, final Query query, final CatalogSnapshot catalog) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("requestId", query.requestId());
        json.writeStringField("user", query.user());
        if (query.anonymousId() != null)
        {
            json.writeStringField("anonymousId", query.anonymousId());
        }
        json.writeStringField("placement", query.placement().wireName());
        json.writeStringField("strategy", result.strategy().wireName());
        json.writeBooleanField("degraded", result.degraded());
        json.writeArrayFieldStart("items");
        for (int i = 0, count = result.count(); i < count; i++)
        {
            json.writeStartObject();
            json.writeStringField("product", catalog.product(result.item(i)).id());
            json.writeNumberField("score", result.score(i));
            json.writeArrayFieldStart("reasons");
            final List<Reason> reasons = result.reasons(i);
            for (int r = 0, size = reasons.size(); r < size; r++)
            {
                final Reason reason = reasons.get(r);
                json.writeStartObject();
                json.writeStringField("code", reason.code());
                json.writeStringField("text", reason.text());
                json.writeNumberField("contribution", reason.contribution());
                if (reason.product() != null)
                {
                    json.writeStringField("product", reason.product());
                }
                if (reason.category() != null)
                {
                    json.writeStringField("category", reason.category());
                }
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    private static String optionalId(final HttpServerRequest http, final String name) throws InvalidInput
    {
        final String value = http.getParam(name);
        return value == null ? null : Fields.id(name, value);
    }

    private static Placement placement(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return Placement.HOME;
        }
        final Placement placement = Placement.fromWireName(value);
        if (placement == null)
        {
            throw new InvalidInput("placement", "placement must be one of home, product, cart, email");
        }
        return placement;
    }

    private static int category(final String value, final CatalogSnapshot catalog) throws InvalidInput
    {
        if (value == null)
        {
            return CatalogSnapshot.MISSING;
        }
        final int category = catalog.categoryIndexOf(Hashing.key(ProductJsonReader.category(value)));
        if (category == CatalogSnapshot.MISSING)
        {
            throw new InvalidInput("category", "no product is in category " + value);
        }
        return category;
    }

    private static int k(final String value) throws InvalidInput
    {
        if (value == null)
        {
            return 10;
        }
        final int k;
        try
        {
            k = Integer.parseInt(value);
        }
        catch (final NumberFormatException ex)
        {
            throw new InvalidInput("k", "k must be an integer in 1.." + RecommendationRequest.MAX_K);
        }
        if (k < 1 || k > RecommendationRequest.MAX_K)
        {
            throw new InvalidInput("k", "k must be an integer in 1.." + RecommendationRequest.MAX_K);
        }
        return k;
    }

    private static boolean flag(final String value, final String name) throws InvalidInput
    {
        if (value == null || value.equals("false") || value.equals("0"))
        {
            return false;
        }
        if (value.isEmpty() || value.equals("true") || value.equals("1"))
        {
            return true;
        }
        throw new InvalidInput(name, name + " must be true or false");
    }
}
