package io.tailor.server.api;

import io.tailor.grid.support.BackgroundErrors;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.JsonNames;
import io.tailor.server.json.ProductIdJson;
import io.tailor.server.json.ProductJsonReader;
import io.tailor.server.json.ReasonJsonWriter;
import io.tailor.server.json.RecommendationBodyReader;
import io.tailor.server.json.RawJsonValue;
import io.tailor.server.json.RerankBodyReader;
import io.tailor.server.json.ScoreText;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.experiment.Experiment;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.model.ItemModel;
import io.tailor.grid.profile.ImpressionStore;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Reason;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.scoring.rank.RuleKind;
import io.tailor.scoring.rank.Strategy;
import io.tailor.scoring.util.Hashing;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code GET} and {@code POST /v1/recommendations}: the hot path.
 * <pre>
 *   event loop: parse and check parameters -> read the model once -> this node owns the shopper?
 *       yes: decode the replica's profile into scratch, or none -> recommend -> write JSON
 *            (no thread hop, no lock; "no profile" is as authoritative here as a profile)
 *       no:  read it from the owner (one hop there, one back) with a deadline timer;
 *            whichever comes first answers: the profile, or popular items marked degraded
 * </pre>
 * One instance per event loop: the recommender, request, result and profile are scratch objects reused
 * by every request on that loop.
 * <p>
 * In a placement with a running experiment, the shopper's arm is a hash of the experiment id and the shopper's
 * assignment bucket (from the profile when there is one, else from the canonical key: no grid read); the arm may
 * serve the bestseller list or rank with its own settings (a recommender per arm and loop, made on first use).
 * The answer's {@code requestId} carries placement, strategy and arm, so an event that sends it back is credited
 * without a lookup ({@link RequestIds}).
 */
final class RecommendationsHandler
{
    /** A shopper's exploration draws stay the same this long: a reloaded page shows what it showed. */
    private static final long SEED_PERIOD_MS = 600_000L;

    private static final Logger LOG = LoggerFactory.getLogger(RecommendationsHandler.class);
    private static final int DEFAULT_K = 10;
    /** A query without context or exclusions (every GET) shares this instead of two empty arrays per request. */
    private static final int[] NO_ITEMS = new int[0];
    private static final RuleKind[] RULES = RuleKind.values();
    /** An item without reasons, written as one piece: these around its id and score. */
    private static final byte[] ITEM_START = "{\"product\":\"".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEM_SCORE = "\",\"score\":".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] ITEM_END = ",\"reasons\":[]}".getBytes(StandardCharsets.US_ASCII);

    private final ServerContext server;
    private final Executor loop;
    private final Vertx vertx;
    private final Recommender recommender;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation result = new Recommendation();
    /** Per supplied position of a re-ranked list: the rule that removed the product, or -1. */
    private final int[] removedBy = new int[RecommendationRequest.MAX_RERANK];
    /** Per product of a re-ranked answer, in its order: the position it was supplied at. */
    private final int[] rerankedPositions = new int[RecommendationRequest.MAX_RERANK];
    /** One item's JSON without reasons: an id (up to 128 characters; grows for a longer escaped one) and a score. */
    private final RawJsonValue itemText = new RawJsonValue(ITEM_START.length + 128 + ITEM_SCORE.length +
        ScoreText.MAX_LENGTH + ITEM_END.length);
    private final Profile profile;
    private final long deadlineTimerMs;
    private final String requestIdPrefix;
    private final LoopLoad load;
    private final long impressionWindowMs;
    private final long[] shownKeys = new long[RecommendationRequest.MAX_K];
    /** A served list's product keys for the item-signal ring: new arrivals from the front, the others from the back. */
    private final long[] listedKeys = new long[RecommendationRequest.MAX_K];
    private final long newArrivalWindowMs;
    /** A score's text, written as a raw JSON value. */
    private final RawJsonValue scoreText = new RawJsonValue(ScoreText.MAX_LENGTH);
    private final StringBuilder requestIdText = new StringBuilder(64);
    private final ProductIdJson productIds = new ProductIdJson();
    private final Map<Arm, Recommender> armRecommenders = new IdentityHashMap<>();
    private Experiments armRecommendersOf = Experiments.EMPTY;
    private long requestSequence;

    RecommendationsHandler(final ServerContext server, final Executor loop, final Vertx vertx, final int loopIndex,
        final LoopLoad load)
    {
        this.server = server;
        this.load = load;
        this.loop = loop;
        this.vertx = vertx;
        this.recommender = new Recommender(server.settings().ranking(), server.segments(), server.promotions(),
            server.recentSessions());
        this.profile = new Profile(server.grid().settings().dimensions());
        this.deadlineTimerMs = Math.max(1L, (server.settings().deadline().toNanos() + 999_999L) / 1_000_000L);
        this.requestIdPrefix = server.nodeTag() + "-" + loopIndex + "-";
        this.impressionWindowMs = server.grid().settings().profile().impressionWindow().toMillis();
        this.newArrivalWindowMs = server.settings().ranking().newArrivalWindow().toMillis();
    }

    /**
     * Parameters of one request, checked, with indices in the model read for it.
     *
     * @param contextItem the page's product, or {@link CatalogSnapshot#MISSING}.
     * @param context     further context products (cart lines, session), indices; unknown ones left out.
     * @param excluded    products to leave out, indices; unknown ones left out.
     */
    private record Query(
        ItemModel model,
        String user,
        String anonymousId,
        Placement placement,
        int contextItem,
        int[] context,
        int[] excluded,
        int category,
        int k,
        boolean explain,
        boolean recordImpressions,
        long sequence,
        int[] supplied,
        List<String> suppliedIds)
    {
        /** Whether this is a supplied list to re-rank ({@code POST /v1/rerank}) rather than a recommendation. */
        boolean rerank()
        {
            return supplied != null;
        }
    }

    /**
     * {@code GET /v1/recommendations}: parameters in the query string.
     *
     * @param ctx routing context.
     */
    void handle(final RoutingContext ctx)
    {
        final HttpServerRequest http = ctx.request();
        final Query query;
        final String productId;
        try
        {
            productId = QueryParams.optionalId(http, "product");
            query = query(QueryParams.optionalId(http, "user"), QueryParams.optionalId(http, "anonymousId"),
                QueryParams.get(http, "placement"), productId, List.of(), List.of(), QueryParams.get(http, "category"),
                QueryParams.k(QueryParams.get(http, "k"), DEFAULT_K),
                QueryParams.flag(QueryParams.get(http, "explain"), "explain", false),
                QueryParams.flag(QueryParams.get(http, "recordImpressions"), "recordImpressions", true), List.of());
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-parameter", "Invalid parameter", ex.reason(), ex.field());
            return;
        }
        answerChecked(ctx, query, productId);
    }

    /**
     * {@code POST /v1/recommendations}: the same with a JSON body, which can also carry the cart's contents,
     * other context products and products to leave out.
     *
     * @param ctx routing context, body read.
     */
    void handlePost(final RoutingContext ctx)
    {
        final String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !Bodies.mediaType(contentType).equals("application/json"))
        {
            Responses.problem(ctx, 415, "unsupported-media-type", "Unsupported media type",
                "send application/json, not " + Bodies.mediaType(contentType), "Content-Type");
            return;
        }
        final Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0)
        {
            Responses.problem(ctx, 400, "invalid-body", "Invalid request body", "the body is empty", null);
            return;
        }
        if (buffer.length() > RecommendationBodyReader.MAX_BODY_BYTES)
        {
            Responses.problem(ctx, 413, "body-too-large", "Body too large", "a recommendation query may have at " +
                "most " + RecommendationBodyReader.MAX_BODY_BYTES + " bytes", null);
            return;
        }
        final Query query;
        final RecommendationBodyReader.Body body;
        try
        {
            body = RecommendationBodyReader.read(buffer.getBytes());
            query = query(body.user(), body.anonymousId(), body.placement(), body.product(), body.cart(),
                body.context(), body.category(), body.k() == 0 ? DEFAULT_K : body.k(), body.explain(),
                body.recordImpressions(), body.exclude());
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, ex.field() == null ? "invalid-body" : "invalid-field",
                ex.field() == null ? "Invalid request body" : "Invalid field", ex.reason(), ex.field());
            return;
        }
        answerChecked(ctx, query, body.product());
    }

    /**
     * {@code POST /v1/rerank}: a list the storefront supplies (a search result, a category page) ordered for the
     * shopper with the profile, rules and reasons of a recommendation ({@link Recommender#rerank}); products the
     * catalog does not know keep their relative order at the end, products a rule removes are listed with it.
     *
     * @param ctx routing context, body read.
     */
    void handleRerank(final RoutingContext ctx)
    {
        final String contentType = ctx.request().getHeader(HttpHeaders.CONTENT_TYPE);
        if (contentType != null && !Bodies.mediaType(contentType).equals("application/json"))
        {
            Responses.problem(ctx, 415, "unsupported-media-type", "Unsupported media type",
                "send application/json, not " + Bodies.mediaType(contentType), "Content-Type");
            return;
        }
        final Buffer buffer = ctx.body().buffer();
        if (buffer == null || buffer.length() == 0)
        {
            Responses.problem(ctx, 400, "invalid-body", "Invalid request body", "the body is empty", null);
            return;
        }
        final Query query;
        try
        {
            final RerankBodyReader.Body body = RerankBodyReader.read(buffer.getBytes());
            final ItemModel model = server.grid().models().current();
            final CatalogSnapshot catalog = model.catalog();
            // The keys were hashed as the body was read: this loop is only the table's lookups, back to back (a
            // cache miss each in a 100,000-product table; 15 us a request against 43 us when each id was hashed
            // and looked up in turn, perf in benchmarks/RESULTS.md, "Re-rank").
            final long[] keys = body.keys();
            final int[] supplied = new int[keys.length];
            for (int i = 0; i < supplied.length; i++)
            {
                supplied[i] = catalog.indexOf(keys[i]);
            }
            query = new Query(model, body.user(), body.anonymousId(), placement(body.placement()),
                CatalogSnapshot.MISSING, NO_ITEMS, NO_ITEMS, CatalogSnapshot.MISSING,
                body.k() == 0 ? supplied.length : body.k(), body.explain(), body.recordImpressions(),
                ++requestSequence, supplied, body.items());
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, ex.field() == null ? "invalid-body" : "invalid-field",
                ex.field() == null ? "Invalid request body" : "Invalid field", ex.reason(), ex.field());
            return;
        }
        answerChecked(ctx, query, null);
    }

    private Query query(final String user, final String anonymousId, final String placementName,
        final String productId, final List<String> cart, final List<String> context, final String categoryPath,
        final int k, final boolean explain, final boolean recordImpressions, final List<String> exclude)
        throws InvalidInput
    {
        if (user == null && anonymousId == null)
        {
            throw new InvalidInput("user", "user or anonymousId is required");
        }
        final Placement placement = placement(placementName);
        if (placement == Placement.PRODUCT && productId == null)
        {
            throw new InvalidInput("product", "placement=product needs product");
        }
        if (productId != null && (placement == Placement.HOME || placement == Placement.EMAIL))
        {
            throw new InvalidInput("product", "product is only for placement=product or placement=cart");
        }
        final ItemModel model = server.grid().models().current();
        final CatalogSnapshot catalog = model.catalog();
        final int category = category(categoryPath, catalog);
        final int contextItem = productId == null ? CatalogSnapshot.MISSING : catalog.indexOf(productId);
        final int[] contextItems = cart.isEmpty() && context.isEmpty() ? NO_ITEMS :
            new int[cart.size() + context.size()];
        int contextCount = 0;
        for (final String id : cart)
        {
            contextItems[contextCount++] = catalog.indexOf(id);
        }
        for (final String id : context)
        {
            contextItems[contextCount++] = catalog.indexOf(id);
        }
        final int[] excluded = exclude.isEmpty() ? NO_ITEMS : new int[exclude.size()];
        for (int i = 0; i < excluded.length; i++)
        {
            excluded[i] = catalog.indexOf(exclude.get(i));
        }
        return new Query(model, user, anonymousId, placement, contextItem, contextItems, excluded, category, k,
            explain, recordImpressions, ++requestSequence, null, null);
    }

    /**
     * Answers, once a page product missing from the local snapshot is confirmed by the grid; a browser
     * (public) key naming a customer id is refused first.
     */
    private void answerChecked(final RoutingContext ctx, final Query query, final String productId)
    {
        if (AccessHandler.refusedToPublicKey(ctx, query.user(), null, null, null))
        {
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
        if (load.saturated())
        {
            answer(ctx, query);
            return;
        }
        load.started(1);
        server.grid().catalog().get(productId).whenCompleteAsync((entry, error) ->
        {
            load.finished();
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
        final ProfileStore profiles = server.grid().profiles();
        String key = ProfileKeys.of(query.user(), query.anonymousId());
        int partition = profiles.partitionOf(key);
        byte[] local = profiles.local(key, partition);
        if (local != null && ForwardRecord.isForward(local))
        {
            // A linked id: the customer's profile serves it, and the customer's record counts what it is shown.
            key = ForwardRecord.target(local);
            partition = profiles.partitionOf(key);
            local = profiles.local(key, partition);
            if (local != null && ForwardRecord.isForward(local))
            {
                local = null;
            }
        }
        if (local == ProfileStore.NO_PROFILE)
        {
            // This node owns the shopper and knows there is no profile: as good an answer as a profile.
            respond(ctx, query, null, null, key, false);
            return;
        }
        if (local != null)
        {
            respond(ctx, query, local, profiles.impressions().local(key, partition), key, false);
            return;
        }

        if (load.saturated())
        {
            // This loop has as much grid work in flight as it may: popular items now beat a queued read.
            respond(ctx, query, null, null, null, true);
            return;
        }
        final boolean[] answered = new boolean[1];
        final long timer = vertx.setTimer(deadlineTimerMs, id ->
        {
            if (!answered[0])
            {
                answered[0] = true;
                respond(ctx, query, null, null, null, true);
            }
        });
        load.started(1);
        profiles.readFound(key, loop).whenCompleteAsync((found, error) ->
        {
            load.finished();
            if (answered[0])
            {
                return;
            }
            answered[0] = true;
            vertx.cancelTimer(timer);
            if (error != null)
            {
                LOG.debug("profile read failed, answering the fallback", error);
                respond(ctx, query, null, null, null, true);
                return;
            }
            // The owner laid the shopper's impression record over the profile it sent.
            respond(ctx, query, found.bytes(), null, found.key(), false);
        }, loop);
    }

    /**
     * Recommends and answers.
     *
     * @param bytes       the shopper's profile, or {@code null} for none (or unknown, when degraded).
     * @param impressions the shopper's impression record to lay over the profile, or {@code null} / no record.
     * @param profileKey  key the profile was found under (the customer's for a linked id), or {@code null}.
     * @param degraded    whether this is the fallback answer.
     */
    private void respond(final RoutingContext ctx, final Query query, final byte[] bytes, final byte[] impressions,
        final String profileKey, final boolean degraded)
    {
        final long nowMs = server.clock().millis();
        Profile shopper = null;
        if (bytes != null)
        {
            try
            {
                shopper = ProfileCodec.decode(bytes, profile);
                ImpressionRecord.overlay(impressions, shopper, nowMs, impressionWindowMs);
            }
            catch (final RuntimeException ex)
            {
                server.grid().errors().record(BackgroundErrors.PROFILE_DECODE, ex);
                shopper = null;
            }
        }

        // The experiment running here, if any, and the shopper's arm in it: none for a degraded answer (the
        // canonical id is unknown) nor for a shopper who objected to personalization (counted apart).
        final Experiment experiment = degraded || profileKey == null || query.rerank() ? null :
            server.experiments().current().running(query.placement());
        Arm arm = null;
        int armSlot = Experiments.NONE_SLOT;
        long shopperHash = Hashing.NONE;
        if (experiment != null)
        {
            if (shopper != null && !ProfileFlags.personalization(shopper.flags()))
            {
                armSlot = Experiments.OPTED_OUT_SLOT;
            }
            else
            {
                shopperHash = Hashing.key(profileKey);
                final int bucket = shopper != null && ProfileFlags.assigned(shopper.flags()) ?
                    ProfileFlags.assignmentBucket(shopper.flags(), 0) : ProfileFlags.bucketOf(shopperHash);
                arm = experiment.arm(experiment.armOf(bucket));
                armSlot = arm.metricSlot();
            }
        }
        final boolean popularArm = arm != null && arm.popular();

        request.reset(nowMs)
            .placement(query.placement())
            .k(Math.min(query.k(), RecommendationRequest.MAX_K))
            .categoryFilter(query.category())
            .explain(query.explain())
            .promotions(!degraded)
            .exploration(!degraded)
            .shopperSeed(Hashing.mix(Hashing.key(query.user() != null ? query.user() :
                query.anonymousId() != null ? query.anonymousId() : "") ^ nowMs / SEED_PERIOD_MS));
        if (profileKey != null)
        {
            // The shopper's own session is in this node's recent sessions: not a neighbour of itself.
            request.shopperKey(Hashing.key(profileKey));
        }
        if (popularArm)
        {
            // The bestseller list: nothing of the shopper or the page shapes it, but what is on the page or in the
            // cart is not offered again.
            request.exclude(query.contextItem());
            for (final int item : query.context())
            {
                request.exclude(item);
            }
        }
        else
        {
            request.contextItem(query.contextItem());
            for (final int item : query.context())
            {
                request.addContextItem(item);
            }
        }
        for (final int item : query.excluded())
        {
            request.exclude(item);
        }
        final Recommender chosen = arm == null || arm.settings() == null ? recommender : recommenderFor(arm);
        if (query.rerank())
        {
            chosen.rerank(query.model(), degraded ? null : shopper, request, query.supplied(), query.supplied().length,
                query.k(), removedBy, result);
            for (int i = 0, count = result.count(); i < count; i++)
            {
                rerankedPositions[i] = chosen.rerankedPosition(i);
            }
        }
        else
        {
            chosen.recommend(query.model(), degraded || popularArm ? null : shopper, request, result);
        }
        if (degraded)
        {
            result.markDegraded();
            if (!ServedPathWarmUp.isWarmUp(ctx))
            {
                server.metrics().degraded();
            }
        }
        // Whether this list goes into the shopper's impression store; the id says so, so that an impression event
        // naming the list later does not count it towards the frequency cap twice.
        final boolean storesImpressions = query.recordImpressions() && result.count() > 0 && !degraded &&
            shopper != null;
        final String requestId = requestId(query, nowMs, result.strategy(), arm, storesImpressions);
        final CatalogSnapshot catalog = query.model().catalog();
        if (query.recordImpressions())
        {
            server.metrics().attribution().served(query.placement(), result.strategy(), armSlot);
            if (arm != null)
            {
                arm.tally().served(shopperHash);
            }
            if (result.count() > 0 && !degraded)
            {
                countShown(catalog, query.placement(), nowMs);
                if (result.promoted() >= 0)
                {
                    // the promoted slot's impression counts towards its promotion's target, whoever the shopper
                    result.promotion().delivery().shown();
                }
                server.coverage().shown(query.placement(), result, catalog, nowMs);
                if (storesImpressions)
                {
                    recordImpressions(requestId, catalog, shopper, profileKey, nowMs, ImpressionRecord.tag(
                        query.placement().ordinal(), result.strategy().ordinal(), arm != null),
                        arm == null ? 0 : arm.name().hashCode());
                }
            }
        }
        final Experiment shown = arm == null ? null : experiment;
        final Arm shownArm = arm;
        Responses.json(ctx, 200, json -> write(json, query, requestId, shown, shownArm, catalog));
    }

    /** The recommender of an arm with its own ranking settings, made on this loop when first asked for. */
    private Recommender recommenderFor(final Arm arm)
    {
        final Experiments experiments = server.experiments().current();
        if (experiments != armRecommendersOf)
        {
            armRecommenders.clear();
            armRecommendersOf = experiments;
        }
        Recommender chosen = armRecommenders.get(arm);
        if (chosen == null)
        {
            chosen = new Recommender(arm.settings(), server.segments(), server.promotions(), server.recentSessions());
            armRecommenders.put(arm, chosen);
        }
        return chosen;
    }

    /** This answer's id: unique on the node, and carrying what the answer is credited to. */
    private String requestId(final Query query, final long nowMs, final Strategy strategy, final Arm arm,
        final boolean storesImpressions)
    {
        final StringBuilder text = requestIdText;
        text.setLength(0);
        text.append(requestIdPrefix);
        RequestIds.append(text, query.sequence(), nowMs, query.placement(), strategy,
            arm == null ? null : arm.name(), storesImpressions);
        return text.toString();
    }

    /**
     * Counts every product of a served list, any shopper's, as shown on its placement: one record in the item-signal
     * ring, no allocation, merged cluster-wide like popularity. The new arrivals go first in the record, counted at
     * once towards their daily exposure floor and the exploration draws (see {@code NewArrivalSlot}); the established
     * products after them, counted for their stats on a slower cadence ({@code ItemSignalAggregator}).
     */
    private void countShown(final CatalogSnapshot catalog, final Placement placement, final long nowMs)
    {
        final int count = result.count();
        int fresh = 0;
        int established = count;
        for (int i = 0; i < count; i++)
        {
            final int item = result.item(i);
            final long launched = catalog.launchedAt(item);
            if (launched != Product.UNKNOWN_LAUNCH && launched <= nowMs && nowMs - launched <= newArrivalWindowMs)
            {
                listedKeys[fresh++] = catalog.key(item);
            }
            else
            {
                listedKeys[--established] = catalog.key(item);
            }
        }
        server.grid().signals().shown(listedKeys, count, fresh, placement.ordinal(), nowMs);
    }

    /**
     * Counts the answer's items as shown to the shopper, for the frequency cap: queued without allocation for
     * the impression store, which applies it on the owner within {@link ImpressionStore#FLUSH_INTERVAL_MS}; the
     * answer does not wait. Only a shopper with a profile and personalization consent is counted (a shopper
     * Tailor knows nothing about, or one who objected, leaves nothing); a degraded answer, which did not read
     * the profile, is not counted. A full ring drops the list (counted as shed). The same record says which list
     * last showed each product (tag and arm), for crediting a purchase that carries no request id.
     */
    private void recordImpressions(final String requestId, final CatalogSnapshot catalog, final Profile shopper,
        final String profileKey, final long nowMs, final int tag, final int armHash)
    {
        if (!shopper.hasAnyHistory() || !ProfileFlags.personalization(shopper.flags()))
        {
            server.metrics().impressions(Boolean.FALSE, null);
            return;
        }
        final int count = result.count();
        for (int i = 0; i < count; i++)
        {
            shownKeys[i] = catalog.key(result.item(i));
        }
        if (server.grid().profiles().impressions().record(profileKey, Hashing.key(requestId), nowMs,
            shownKeys, count, tag, armHash))
        {
            server.metrics().impressions(Boolean.TRUE, null);
        }
        else
        {
            server.metrics().impressionsShed();
        }
    }

    private void write(final JsonGenerator json, final Query query, final String requestId,
        final Experiment experiment, final Arm arm, final CatalogSnapshot catalog) throws IOException
    {
        if (query.rerank())
        {
            writeReranked(json, query, requestId);
            return;
        }
        writeHead(json, query, requestId);
        if (arm != null)
        {
            json.writeObjectFieldStart("experiment");
            json.writeStringField("id", experiment.id());
            json.writeStringField("arm", arm.name());
            json.writeEndObject();
        }
        json.writeArrayFieldStart("items");
        for (int i = 0, count = result.count(); i < count; i++)
        {
            writeItem(json, productIds.of(catalog, result.item(i)), result.score(i), result.reasons(i));
        }
        json.writeEndArray();
        if (query.explain())
        {
            writeRules(json);
        }
        json.writeEndObject();
    }

    /**
     * One recommended item. Without reasons (the answer is not explained, the common case) the object is assembled
     * as bytes around the id's escaped UTF-8 (encoded once per product, {@link ProductIdJson}) and handed to the
     * generator in one call instead of nine. The JSON answer was 3.4 us of a served list's event-loop CPU, 2.5 us of
     * it in {@link #write} with the generator's calls inlined (perf of the served path, benchmarks/RESULTS.md,
     * eleventh slice).
     */
    private void writeItem(final JsonGenerator json, final SerializableString id, final float score,
        final List<Reason> reasons) throws IOException
    {
        if (reasons.isEmpty() && writeItemText(json, itemText.clear().append(ITEM_START).append(id.asQuotedUTF8()),
            score))
        {
            return;
        }
        json.writeStartObject();
        json.writeFieldName(JsonNames.PRODUCT);
        json.writeString(id);
        writeItemRest(json, score, reasons);
    }

    /**
     * Ends an item without reasons begun as text (up to its id) and writes it, when six decimals can say its score.
     *
     * @return false, with nothing written, when they cannot.
     */
    private static boolean writeItemText(final JsonGenerator json, final RawJsonValue text, final float score)
        throws IOException
    {
        text.append(ITEM_SCORE);
        if (!text.appendScore(score))
        {
            return false;
        }
        json.writeRawValue(text.append(ITEM_END));
        return true;
    }

    /** An item object's fields after its product, and its end. */
    private void writeItemRest(final JsonGenerator json, final float score, final List<Reason> reasons)
        throws IOException
    {
        json.writeFieldName(JsonNames.SCORE);
        writeScore(json, score);
        ReasonJsonWriter.write(json, reasons);
        json.writeEndObject();
    }

    /** How many products were scored and how many each rule took out, for an explained answer. */
    private void writeRules(final JsonGenerator json) throws IOException
    {
        json.writeNumberField("candidates", result.candidates());
        json.writeArrayFieldStart("rules");
        for (final RuleKind rule : RuleKind.values())
        {
            final int excluded = result.excluded(rule);
            if (excluded > 0)
            {
                json.writeStartObject();
                json.writeStringField("rule", rule.wireName());
                json.writeNumberField("excluded", excluded);
                json.writeEndObject();
            }
        }
        json.writeEndArray();
    }

    /** The fields every answer starts with, recommendations and re-ranks alike. */
    private void writeHead(final JsonGenerator json, final Query query, final String requestId) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("requestId", requestId);
        json.writeStringField("user", query.user());
        if (query.anonymousId() != null)
        {
            json.writeStringField("anonymousId", query.anonymousId());
        }
        json.writeStringField("placement", query.placement().wireName());
        json.writeStringField("strategy", result.strategy().wireName());
        json.writeBooleanField("degraded", result.degraded());
    }

    /**
     * A re-ranked list's answer: the shape of a recommendation (no experiment: a supplied list is never in one),
     * then the unknown and the removed products. Each ordered product's id is the string the storefront sent
     * (the same id: the catalog found it by it), which the body's reading just had in hand, rather than the
     * catalog's encoding of it: 500 of those are 500 objects spread over the heap, and fetching them was the
     * largest cost of answering 500 items (perf of the event loops, benchmarks/RESULTS.md, "Re-rank").
     */
    private void writeReranked(final JsonGenerator json, final Query query, final String requestId)
        throws IOException
    {
        writeHead(json, query, requestId);
        json.writeArrayFieldStart("items");
        final List<String> ids = query.suppliedIds();
        for (int i = 0, count = result.count(); i < count; i++)
        {
            writeRerankedItem(json, ids.get(rerankedPositions[i]), result.score(i), result.reasons(i));
        }
        writeUnknown(json, query);
        json.writeEndArray();
        writeRemoved(json, query);
        if (query.explain())
        {
            writeRules(json);
        }
        json.writeEndObject();
    }

    /**
     * One ordered item, as {@link #writeItem} writes an item: its id is the string the storefront sent, an id (no
     * character to escape).
     */
    private void writeRerankedItem(final JsonGenerator json, final String id, final float score,
        final List<Reason> reasons) throws IOException
    {
        if (reasons.isEmpty() && writeItemText(json, itemText.clear().append(ITEM_START).appendAscii(id), score))
        {
            return;
        }
        json.writeStartObject();
        json.writeFieldName(JsonNames.PRODUCT);
        json.writeString(id);
        writeItemRest(json, score, reasons);
    }

    /** A score's value: six decimals at most ({@link ScoreText}), else as Jackson writes a float. */
    private void writeScore(final JsonGenerator json, final float score) throws IOException
    {
        scoreText.clear();
        if (scoreText.appendScore(score))
        {
            json.writeRawValue(scoreText);
        }
        else
        {
            json.writeNumber(score);
        }
    }

    /**
     * A re-ranked list's products the catalog does not know, after the ordered ones in the order supplied: never
     * dropped, so a storefront's search result keeps every product it found.
     */
    private static void writeUnknown(final JsonGenerator json, final Query query) throws IOException
    {
        for (int i = 0; i < query.supplied().length; i++)
        {
            if (query.supplied()[i] == CatalogSnapshot.MISSING)
            {
                json.writeStartObject();
                json.writeStringField("product", query.suppliedIds().get(i));
                json.writeNullField("score");
                json.writeBooleanField("known", false);
                json.writeArrayFieldStart("reasons");
                json.writeEndArray();
                json.writeEndObject();
            }
        }
    }

    /** A re-ranked list's products a rule took out, each with its rule, in the order supplied. */
    private void writeRemoved(final JsonGenerator json, final Query query) throws IOException
    {
        json.writeArrayFieldStart("removed");
        for (int i = 0; i < query.supplied().length; i++)
        {
            if (removedBy[i] >= 0)
            {
                json.writeStartObject();
                json.writeStringField("product", query.suppliedIds().get(i));
                json.writeStringField("rule", RULES[removedBy[i]].wireName());
                json.writeEndObject();
            }
        }
        json.writeEndArray();
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


}
