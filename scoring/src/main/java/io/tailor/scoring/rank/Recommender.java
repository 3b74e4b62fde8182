package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.FactorSearch;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.BestFirst;
import io.tailor.scoring.util.Decay;
import io.tailor.scoring.util.Hashing;
import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import io.tailor.scoring.vector.VectorMath;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;

/**
 * Answers "what should this shopper see here?" from a profile and an item model.
 * <pre>
 *   candidates: neighbours (seen or bought together) of the page's product, the cart, recent and bought
 *               products; top categories' popular and new items, the page's category, recent items'
 *               categories; popular and new overall as fill
 *   filter:     purchased or rated (unless due for replenishment), touched in the last recentExclusion, the
 *               page's product, blocked, out of stock, sensitive items outside the page's category, category
 *               filter, shown as often as the frequency cap allows, disliked by the shopper, blocked for a
 *               segment the shopper is in; each exclusion is counted by rule
 *   pinned:     the placement's pinned products first, then those of the shopper's segments, when no rule
 *               rejects them
 *   stated:     liked categories and brands count more than any inferred one; a stated size lifts products
 *               offered in it and lowers those that are not (product attribute "size")
 *   score:      affinity.v + session.v + context.v + co-occurrence + category + brand + popularity + freshness
 *               + price fit
 *   select:     greedy, best score less a redundancy penalty per repeat of a brand or category, never over
 *               the placement's hard caps, top k
 *   explain:    every factor that added to the score, strongest first (only when asked)
 * </pre>
 * A shopper who withdrew personalization consent gets the non-personal answer ({@link Strategy#POPULAR}).
 * One instance per thread: it keeps scratch arrays sized to the catalog and reuses them, so a request
 * without explanations allocates nothing. Work per request is bounded by the candidate limits in
 * {@link RankingSettings}, not by the catalog size.
 */
public final class Recommender
{
    private static final int MAX_INTEREST_CATEGORIES = 4;
    private static final int RECENT_CATEGORY_SOURCES = 6;
    private static final int NEW_ARRIVALS_PER_SOURCE = 16;
    private static final int GLOBAL_NEW_ARRIVALS = 32;
    private static final float PRICE_SIGMA = 0.7f;
    private static final float REASON_THRESHOLD = 0.02f;
    private static final float CONTEXT_NEIGHBOR_WEIGHT = 2.0f;
    private static final float OWNED_NEIGHBOR_WEIGHT = 0.3f;
    /**
     * Each older product of the session counts this much less as a source of "seen together" candidates
     * than the one after it: what a shopper looked at last says most about what comes next. Measured on
     * MovieLens-latest-small (benchmarks/RESULTS.md): NDCG@10 0.035 without, 0.042 with 0.7; 0.5 and 0.85
     * were worse.
     */
    private static final float SESSION_POSITION_DECAY = 0.7f;
    private static final int OWNED_NEIGHBOR_SOURCES = 8;
    /**
     * Clusters of the factor index searched per request, and products taken from them ("vector top-K"). Each
     * probed cluster is a cold block of memory (about 260 rows of 128 bytes at 100,000 products); 4 clusters
     * and 32 candidates cost about half of 8 and 64, for the same quality on MovieLens-latest-small and a recall
     * of 0.997 against 0.999 of the exact 32 nearest (benchmarks/RESULTS.md).
     */
    private static final int FACTOR_PROBES = 4;
    private static final int FACTOR_CANDIDATES = 32;
    /** {@link RuleKind#values()} once: each call of values() copies the array. */
    private static final RuleKind[] RULES = RuleKind.values();
    /**
     * Most "seen or bought together" candidates scored per request, the strongest: with 64 neighbours per
     * product and up to 20 recent products as sources there can be over a thousand, and each costs a
     * vector read from a large table; the weak ones could not reach the top k anyway.
     */
    private static final int MAX_COOCCURRENCE_CANDIDATES = 256;
    /** Scores query . item vector for all candidates in one pass; the same bits as {@link VectorMath#dot}. */
    private static final DotKernel KERNEL = DotKernels.best();
    /** Interest in a stated liked category when choosing candidate categories: above any inferred one. */
    private static final float LIKED_AFFINITY = 1.5f;
    /** Share of the category weight a stated size adds to a product offered in it (or takes from one not). */
    private static final float SIZE_FIT = 0.5f;
    private static final String SIZE_ATTRIBUTE = "size";
    private static final int MAX_SEGMENT_PINS = 64;

    private final RankingSettings settings;
    private final SegmentSource segments;
    private final long[] segmentPins = new long[MAX_SEGMENT_PINS];
    private int segmentPinCount;
    private Profile sizes;
    private boolean hasLiked;
    private int[] likedCategory = new int[0];
    private int[] likedBrand = new int[0];
    private final LongHashSet blockedKeys = new LongHashSet();
    private final Map<Placement, long[]> pinnedKeys = new EnumMap<>(Placement.class);
    private final Long2LongHashMap replenishIntervals = new Long2LongHashMap(-1L);
    private final int capImpressions;
    private final long capWindowMs;
    private final long sessionHalfLifeMs;
    private final long freshnessHalfLifeMs;
    private final long newArrivalWindowMs;
    private final long recentExclusionMs;

    private int stamp;
    private int[] seen = new int[0];
    private int[] excluded = new int[0];
    private byte[] excludedBy = new byte[0];
    private final int[] capped = new int[Profile.MAX_IMPRESSIONS_SEEN];
    private int cappedCount;
    private Profile shopper;
    private Recommendation result;
    private float[] categoryAffinity = new float[0];
    private float[] brandAffinity = new float[0];
    private int[] categoryUsed = new int[0];
    private int[] brandUsed = new int[0];
    private final int[] touchedCategories = new int[Profile.MAX_CATEGORIES * 16];
    private int touchedCategoryCount;
    private final int[] touchedBrands = new int[Profile.MAX_BRANDS];
    private int touchedBrandCount;

    private ItemFactors factors = ItemFactors.NONE;
    private boolean hasTaste;
    private float[] taste = new float[0];
    private final FactorSearch factorSearch = new FactorSearch();
    /** Excluded products and products already candidates are not taken again from the factor index. */
    private final IntPredicate notNearestCandidate = item -> excluded[item] == stamp || seen[item] == stamp;
    private final int[] nearestItems = new int[FACTOR_CANDIDATES];
    private final float[] nearestScores = new float[FACTOR_CANDIDATES];

    private int[] candidates = new int[2048];
    private int candidateCount;
    private float[] candidateDots = new float[2048];
    private float[] candidateTaste = new float[2048];
    private int[] tasteRows = new int[2048];
    private int[] tasteSlots = new int[2048];
    private float[] tasteDots = new float[2048];

    private float[] cooc = new float[0];
    private int[] coocStamp = new int[0];
    private int[] coocItems = new int[1024];
    private int coocCount;
    /** Largest accumulated co-occurrence of this request; the term is relative to it (0 to 1). */
    private float coocMax;

    private int dimensions;
    private float[] query = new float[0];
    private float[] affinityUnit = new float[0];
    private float[] sessionUnit = new float[0];
    private float[] contextUnit = new float[0];
    private final int[] sessionItems = new int[Profile.MAX_RECENT];
    private final float[] sessionWeights = new float[Profile.MAX_RECENT];
    private final int[] sessionRecent = new int[Profile.MAX_RECENT];
    private int sessionCount;

    private final int[] poolItems = new int[RecommendationRequest.MAX_K * 4];
    private final float[] poolScores = new float[RecommendationRequest.MAX_K * 4];
    private int poolCount;

    private ScoringWeights weights;
    private long nowMs;
    private int allowedSensitiveCategory;
    private boolean hasAffinity;
    private boolean hasSession;
    private boolean hasCategories;
    private boolean hasContext;
    private boolean useVector;
    private float priceMean;

    private final int[] interestCategories = new int[MAX_INTEREST_CATEGORIES];
    private final float[] interestWeights = new float[MAX_INTEREST_CATEGORIES];
    private int interestCount;

    /**
     * Recommender with settings.
     *
     * @param settings ranking settings.
     */
    public Recommender(final RankingSettings settings)
    {
        this(settings, SegmentSource.NONE);
    }

    /**
     * Recommender with settings and the segments whose members get pinned or blocked products.
     *
     * @param settings ranking settings.
     * @param segments segments in force.
     */
    public Recommender(final RankingSettings settings, final SegmentSource segments)
    {
        this.settings = settings;
        this.segments = segments;
        this.sessionHalfLifeMs = settings.sessionHalfLife().toMillis();
        this.freshnessHalfLifeMs = settings.freshnessHalfLife().toMillis();
        this.newArrivalWindowMs = settings.newArrivalWindow().toMillis();
        this.recentExclusionMs = settings.recentExclusion().toMillis();
        this.capImpressions = settings.frequencyCap().maxImpressions();
        this.capWindowMs = settings.frequencyCap().window().toMillis();
        final MerchandisingRules rules = settings.rules();
        for (final String id : rules.blocked())
        {
            blockedKeys.add(Hashing.key(id));
        }
        rules.pinned().forEach((placement, ids) ->
            pinnedKeys.put(placement, ids.stream().mapToLong(Hashing::key).toArray()));
        rules.replenishable().forEach((path, interval) ->
            replenishIntervals.put(Hashing.key(path), interval.toMillis()));
    }

    /**
     * Recommends products.
     *
     * @param model   item model, with the catalog it describes.
     * @param shopper the shopper's profile, or {@code null} for an unknown shopper or a non-personal answer.
     * @param request what is asked; its context item and category filter are indices in {@code model}'s catalog.
     * @param out     result to fill; cleared first.
     * @return {@code out}.
     */
    public Recommendation recommend(final ItemModel model, final Profile shopper, final RecommendationRequest request,
        final Recommendation out)
    {
        final Profile profile = consented(shopper);
        out.clear();
        final CatalogSnapshot catalog = model.catalog();
        if (catalog.size() == 0)
        {
            return out;
        }
        result = out;
        final boolean personal = prepareShopper(model, profile, request);

        addPinned(model, request, out);
        collectCandidates(model, profile, request, personal, allowedSensitiveCategory);
        out.candidates(candidateCount);

        poolCount = 0;
        final int poolLimit = Math.min(poolItems.length, Math.max(request.k() * 4, 40));
        if (useVector)
        {
            if (candidateDots.length < candidateCount)
            {
                candidateDots = new float[candidates.length];
            }
            KERNEL.dotRows(query, model.vectors(), candidates, candidateCount, dimensions, candidateDots);
        }
        if (hasTaste)
        {
            tasteOfCandidates();
        }
        for (int n = 0; n < candidateCount; n++)
        {
            final int item = candidates[n];
            offerToPool(item, score(model, catalog, item, useVector ? candidateDots[n] : 0f,
                hasTaste ? candidateTaste[n] : 0f), poolLimit);
        }

        select(catalog, request, out);

        out.strategy(hasContext ? Strategy.SIMILAR : personal ? Strategy.PERSONALIZED : Strategy.POPULAR);
        if (request.explain())
        {
            explain(model, profile, request, out);
        }
        clearAffinities();
        return out;
    }

    /**
     * Scores given products for a shopper with exactly the blend {@link #recommend} ranks by, without
     * candidate generation or filters: for offline evaluation against sampled negatives.
     *
     * @param model   item model.
     * @param shopper the shopper's profile, or {@code null}.
     * @param request the request (placement, context, time).
     * @param items   product indices in {@code model}'s catalog.
     * @param count   how many of {@code items} to score.
     * @param scores  receives one score per item.
     */
    public void score(final ItemModel model, final Profile shopper, final RecommendationRequest request,
        final int[] items, final int count, final float[] scores)
    {
        final Profile profile = consented(shopper);
        final CatalogSnapshot catalog = model.catalog();
        if (catalog.size() == 0)
        {
            return;
        }
        result = null;
        prepareShopper(model, profile, request);
        for (int n = 0; n < count; n++)
        {
            scores[n] = score(model, catalog, items[n]);
        }
        clearAffinities();
    }

    /** The profile when it may be used to personalise, else {@code null}. */
    private static Profile consented(final Profile profile)
    {
        return profile != null && ProfileFlags.personalization(profile.flags()) ? profile : null;
    }

    /**
     * Sets up everything about the shopper and the request that scoring needs: exclusions, the query
     * vector, category and brand affinities, the price level.
     *
     * @return whether anything personal is known.
     */
    private boolean prepareShopper(final ItemModel model, final Profile profile, final RecommendationRequest request)
    {
        final CatalogSnapshot catalog = model.catalog();
        prepare(catalog);

        weights = settings.weightsFor(request.placement());
        nowMs = request.nowMs();
        final int context = request.contextItem();
        allowedSensitiveCategory = context != CatalogSnapshot.MISSING ? catalog.categoryOf(context) :
            request.categoryFilter();

        shopper = profile != null && profile.hasHistory() ? profile : null;
        for (int c = 0; c < request.contextCount(); c++)
        {
            exclude(request.contextAt(c), RuleKind.REQUEST);
        }
        for (int e = 0; e < request.excludedCount(); e++)
        {
            exclude(request.excludedAt(e), RuleKind.REQUEST);
        }

        hasAffinity = false;
        hasSession = false;
        hasCategories = false;
        sessionCount = 0;
        priceMean = Float.NaN;
        coocCount = 0;
        coocMax = 0f;
        segmentPinCount = 0;
        hasLiked = false;
        sizes = profile != null && profile.sizeCount() > 0 ? profile : null;
        if (profile != null && (profile.hasHistory() || profile.hasPreferences()))
        {
            excludeDisliked(profile, catalog);
            applySegments(profile, catalog);
            for (int i = 0, owned = profile.ownedCount(); i < owned; i++)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING && !dueForReplenishment(catalog, item, profile.ownedAtMs(i)))
                {
                    exclude(item, RuleKind.PURCHASED);
                }
            }
            for (int i = profile.recentCount() - 1; i >= 0 && nowMs - profile.recentAtMs(i) < recentExclusionMs; i--)
            {
                final int item = catalog.indexOf(profile.recentKey(i));
                if (item != CatalogSnapshot.MISSING && excluded[item] != stamp)
                {
                    exclude(item, RuleKind.RECENTLY_SEEN);
                }
            }
            hasAffinity = profile.hasAffinity() && profile.dimensions() == dimensions &&
                unit(profile.affinity(), 0, affinityUnit);
            hasSession = buildSession(profile, catalog, nowMs, allowedSensitiveCategory);
            hasCategories = fillAffinities(profile, catalog);
            if (profile.priceSamples() >= 2)
            {
                priceMean = profile.priceLogMean();
            }
        }
        cappedCount = 0;
        if (profile != null && capImpressions > 0)
        {
            for (int i = 0; i < profile.impressionCount(); i++)
            {
                if (profile.impressionCountAt(i) >= capImpressions &&
                    nowMs - profile.impressionSinceMs(i) < capWindowMs)
                {
                    capped[cappedCount++] = profile.impressionKey(i);
                }
            }
        }
        hasContext = request.contextCount() > 0 && contextVector(catalog, request);
        collectNeighbors(model, profile, request);
        hasTaste = buildTaste(model, profile, request);
        coocMax = 0f;
        for (int i = 0; i < coocCount; i++)
        {
            coocMax = Math.max(coocMax, cooc[coocItems[i]]);
        }
        Arrays.fill(query, 0f);
        if (hasAffinity)
        {
            VectorMath.addScaled(query, affinityUnit, 0, weights.affinity(), dimensions);
        }
        if (hasSession)
        {
            VectorMath.addScaled(query, sessionUnit, 0, weights.session(), dimensions);
        }
        if (hasContext)
        {
            VectorMath.addScaled(query, contextUnit, 0, weights.context(), dimensions);
        }
        useVector = hasAffinity || hasSession || hasContext;
        return hasAffinity || hasSession || hasCategories || hasLiked || sizes != null ||
            ((coocCount > 0 || hasTaste) && !hasContext);
    }

    /** Products the shopper said they never want to see. */
    private void excludeDisliked(final Profile profile, final CatalogSnapshot catalog)
    {
        for (int i = 0, disliked = profile.dislikedCount(); i < disliked; i++)
        {
            final int item = catalog.indexOf(profile.dislikedKey(i));
            if (item != CatalogSnapshot.MISSING)
            {
                exclude(item, RuleKind.DISLIKED);
            }
        }
    }

    /** Blocked and pinned products of the segments with such rules that the shopper is a member of now. */
    private void applySegments(final Profile profile, final CatalogSnapshot catalog)
    {
        final Segment[] treating = segments.current().treating();
        for (int s = 0; s < treating.length; s++)
        {
            final Segment segment = treating[s];
            if (!segment.member(profile, nowMs))
            {
                continue;
            }
            final long[] blocked = segment.blockedKeys();
            for (int i = 0; i < blocked.length; i++)
            {
                final int item = catalog.indexOf(blocked[i]);
                if (item != CatalogSnapshot.MISSING)
                {
                    exclude(item, RuleKind.SEGMENT);
                }
            }
            final long[] pins = segment.pinnedKeys();
            for (int i = 0; i < pins.length && segmentPinCount < MAX_SEGMENT_PINS; i++)
            {
                segmentPins[segmentPinCount++] = pins[i];
            }
        }
    }

    private void exclude(final int item, final RuleKind rule)
    {
        excluded[item] = stamp;
        excludedBy[item] = (byte)rule.ordinal();
    }

    /** Whether a purchase in a replenishable category is old enough to be recommended again. */
    private boolean dueForReplenishment(final CatalogSnapshot catalog, final int item, final long boughtAtMs)
    {
        final long interval = replenishInterval(catalog, item);
        return interval >= 0 && nowMs - boughtAtMs >= interval;
    }

    /** Replenishment interval of a product's category or its closest configured ancestor; -1 for none. */
    private long replenishInterval(final CatalogSnapshot catalog, final int item)
    {
        if (replenishIntervals.isEmpty())
        {
            return -1L;
        }
        for (int c = catalog.categoryOf(item); c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
        {
            final long interval = replenishIntervals.get(catalog.categoryKey(c));
            if (interval >= 0)
            {
                return interval;
            }
        }
        return -1L;
    }

    /**
     * Why a candidate cannot be recommended, or {@code null}: every rule that filters candidates, checked
     * in one place so that pinned items obey them too.
     */
    private RuleKind rejection(final CatalogSnapshot catalog, final int item, final int filter)
    {
        if (excluded[item] == stamp)
        {
            return RULES[excludedBy[item]];
        }
        final long key = catalog.key(item);
        if (!blockedKeys.isEmpty() && blockedKeys.contains(key))
        {
            return RuleKind.BLOCKED;
        }
        if (!catalog.inStock(item))
        {
            return RuleKind.OUT_OF_STOCK;
        }
        if (!signalAllowed(catalog, item, allowedSensitiveCategory))
        {
            return RuleKind.SENSITIVE;
        }
        if (filter != CatalogSnapshot.MISSING && !catalog.categoryWithin(catalog.categoryOf(item), filter))
        {
            return RuleKind.CATEGORY_FILTER;
        }
        if (shopper != null && shopper.ownedFilterContains(key) && replenishInterval(catalog, item) < 0)
        {
            return RuleKind.PURCHASED;
        }
        if (cappedCount > 0)
        {
            final int fingerprint = Profile.impressionFingerprint(key);
            for (int i = 0; i < cappedCount; i++)
            {
                if (capped[i] == fingerprint)
                {
                    return RuleKind.FREQUENCY_CAP;
                }
            }
        }
        return null;
    }

    /**
     * Pinned products of the placement go first, then those of the shopper's segments, when no rule rejects
     * them.
     */
    private void addPinned(final ItemModel model, final RecommendationRequest request, final Recommendation out)
    {
        final long[] pins = pinnedKeys.get(request.placement());
        if (pins != null)
        {
            addPins(model, request, out, pins, pins.length);
        }
        if (segmentPinCount > 0)
        {
            addPins(model, request, out, segmentPins, segmentPinCount);
        }
    }

    private void addPins(final ItemModel model, final RecommendationRequest request, final Recommendation out,
        final long[] pins, final int pinCount)
    {
        final CatalogSnapshot catalog = model.catalog();
        for (int p = 0; p < pinCount && out.count() < request.k(); p++)
        {
            final int item = catalog.indexOf(pins[p]);
            if (item == CatalogSnapshot.MISSING || seen[item] == stamp)
            {
                continue;
            }
            seen[item] = stamp;
            final RuleKind rule = rejection(catalog, item, request.categoryFilter());
            if (rule != null)
            {
                out.countExcluded(rule);
                continue;
            }
            out.add(item, score(model, catalog, item));
            out.markPinned(out.count() - 1);
        }
    }

    /** The unit mean of the context products' vectors (the page's product, or the cart's lines). */
    private boolean contextVector(final CatalogSnapshot catalog, final RecommendationRequest request)
    {
        final int d = dimensions;
        Arrays.fill(contextUnit, 0f);
        for (int c = 0; c < request.contextCount(); c++)
        {
            VectorMath.addScaled(contextUnit, catalog.vectors(), request.contextAt(c) * d, 1f, d);
        }
        return unit(contextUnit, 0, contextUnit);
    }

    /**
     * Accumulates, for every product, how strongly it was seen or bought together with the context
     * products, the shopper's recent products (by their session weight) and the shopper's purchases.
     */
    private void collectNeighbors(final ItemModel model, final Profile profile, final RecommendationRequest request)
    {
        final CatalogSnapshot catalog = model.catalog();
        final boolean cart = request.placement() == Placement.CART;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final int item = request.contextAt(c);
            addNeighbors(model.neighbors(item), model.neighborScores(item), CONTEXT_NEIGHBOR_WEIGHT / (cart ? 2 : 1));
            if (cart)
            {
                addNeighbors(model.boughtTogether(item), model.boughtTogetherScores(item), CONTEXT_NEIGHBOR_WEIGHT);
            }
        }
        for (int s = 0; s < sessionCount; s++)
        {
            addNeighbors(model.neighbors(sessionItems[s]), model.neighborScores(sessionItems[s]), sessionWeights[s]);
        }
        if (profile != null)
        {
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < OWNED_NEIGHBOR_SOURCES; i--)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING && signalAllowed(catalog, item, allowedSensitiveCategory))
                {
                    addNeighbors(model.boughtTogether(item), model.boughtTogetherScores(item), OWNED_NEIGHBOR_WEIGHT);
                    sources++;
                }
            }
        }
    }

    private void addNeighbors(final int[] items, final float[] scores, final float weight)
    {
        if (items.length == 0 || !(weight > 0f))
        {
            return;
        }
        for (int n = 0; n < items.length; n++)
        {
            final int item = items[n];
            if (coocStamp[item] != stamp)
            {
                coocStamp[item] = stamp;
                cooc[item] = 0f;
                if (coocCount == coocItems.length)
                {
                    coocItems = Arrays.copyOf(coocItems, coocCount * 2);
                }
                coocItems[coocCount++] = item;
            }
            cooc[item] += weight * scores[n];
        }
    }

    /**
     * How strongly a product goes with the context and the shopper's products, relative to the product that
     * goes best with them: 0 to 1, on the scale of the other terms (popularity is 0 to 1 too). An absolute
     * scale (a weighted mean of shrunk cosines, typically 0.01 to 0.1) let popularity drown it: on
     * MovieLens-latest-small, HR@10 went from 0.038 to 0.080 with this normalisation.
     */
    private float cooccurrence(final int item)
    {
        return coocStamp[item] == stamp && coocMax > 0f ? cooc[item] / coocMax : 0f;
    }

    /**
     * The shopper's unit taste . a product's collaborative vector: a cosine scaled by the evidence behind the
     * product's vector (see {@link ItemFactors}); 0 when it has none.
     */
    private float collaborative(final int item)
    {
        final int row = factors.row(item);
        return row < 0 ? 0f : VectorMath.dot(taste, 0, factors.rows(), row, factors.rank());
    }

    /**
     * The shopper's taste in the collaborative space: the unit sum of the factor vectors of the context
     * products, the recent products (by their session weight) and the latest purchases, weighted as for
     * co-occurrence. Built per request from what the profile lists, never stored, so a refactorisation, whose
     * axes are new, needs no migration of profiles.
     *
     * @return whether there is a taste to score by.
     */
    private boolean buildTaste(final ItemModel model, final Profile profile, final RecommendationRequest request)
    {
        final CatalogSnapshot catalog = model.catalog();
        factors = model.factors();
        if (!factors.indexes(catalog) || weights.collaborative() == 0f)
        {
            return false;
        }
        final int rank = factors.rank();
        if (taste.length != rank)
        {
            taste = new float[rank];
        }
        Arrays.fill(taste, 0f);
        boolean any = false;
        for (int c = 0; c < request.contextCount(); c++)
        {
            any |= addTaste(request.contextAt(c), CONTEXT_NEIGHBOR_WEIGHT);
        }
        for (int s = 0; s < sessionCount; s++)
        {
            any |= addTaste(sessionItems[s], sessionWeights[s]);
        }
        if (profile != null)
        {
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < OWNED_NEIGHBOR_SOURCES; i--)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING && signalAllowed(catalog, item, allowedSensitiveCategory))
                {
                    any |= addTaste(item, OWNED_NEIGHBOR_WEIGHT);
                    sources++;
                }
            }
        }
        return any && VectorMath.normalize(taste, rank);
    }

    private boolean addTaste(final int item, final float weight)
    {
        final int row = factors.row(item);
        if (row < 0 || !(weight > 0f))
        {
            return false;
        }
        VectorMath.addScaled(taste, factors.rows(), row, weight, factors.rank());
        return true;
    }

    /**
     * The taste dot products of all candidates into {@link #candidateTaste}, in one batch over the candidates that
     * have a collaborative vector: the rows are scattered over the table, and gathering them in one loop lets
     * the CPU overlap the cache misses that scoring them one by one would take in turn.
     */
    private void tasteOfCandidates()
    {
        if (candidateTaste.length < candidateCount)
        {
            candidateTaste = new float[candidates.length];
            tasteRows = new int[candidates.length];
            tasteSlots = new int[candidates.length];
            tasteDots = new float[candidates.length];
        }
        final int rank = factors.rank();
        int withVector = 0;
        for (int n = 0; n < candidateCount; n++)
        {
            candidateTaste[n] = 0f;
            final int row = factors.row(candidates[n]);
            if (row >= 0)
            {
                tasteRows[withVector] = row / rank;
                tasteSlots[withVector++] = n;
            }
        }
        KERNEL.dotRows(taste, factors.rows(), tasteRows, withVector, rank, tasteDots);
        for (int t = 0; t < withVector; t++)
        {
            candidateTaste[tasteSlots[t]] = tasteDots[t];
        }
    }

    /** The blended score of one product for the prepared shopper. */
    private float score(final ItemModel model, final CatalogSnapshot catalog, final int item)
    {
        return score(model, catalog, item,
            useVector ? KERNEL.dot(query, 0, model.vectors(), item * dimensions, dimensions) : 0f,
            hasTaste ? collaborative(item) : 0f);
    }

    /**
     * The blended score of one product whose query . vector, {@code queryDot}, and taste . factor vector,
     * {@code tasteDot}, are already computed.
     */
    private float score(final ItemModel model, final CatalogSnapshot catalog, final int item, final float queryDot,
        final float tasteDot)
    {
        final ScoringWeights w = weights;
        float score = w.popularity() * model.popularity(item) + w.freshness() * freshness(catalog, item, nowMs);
        if (useVector)
        {
            score += queryDot;
        }
        if (coocCount > 0)
        {
            score += w.cooccurrence() * cooccurrence(item);
        }
        if (hasTaste)
        {
            score += w.collaborative() * tasteDot;
        }
        if (hasCategories)
        {
            score += w.category() * categoryAffinity[catalog.categoryOf(item)];
            final int brand = catalog.brandOf(item);
            if (brand != CatalogSnapshot.MISSING)
            {
                score += w.brand() * brandAffinity[brand];
            }
        }
        if (priceMean == priceMean)
        {
            score += w.priceFit() * priceFit(catalog.price(item), priceMean);
        }
        if (hasLiked)
        {
            score += likedBonus(catalog, item);
        }
        if (sizes != null)
        {
            score += w.category() * sizeFit(catalog, item, sizes);
        }
        return score;
    }

    /** +{@link #SIZE_FIT} when offered in a stated size, -{@link #SIZE_FIT} when sized but not in one, else 0. */
    private static float sizeFit(final CatalogSnapshot catalog, final int item, final Profile shopper)
    {
        final List<String> offered = catalog.product(item).attributes().get(SIZE_ATTRIBUTE);
        if (offered == null || offered.isEmpty())
        {
            return 0f;
        }
        for (int i = 0, size = offered.size(); i < size; i++)
        {
            if (shopper.statesSize(offered.get(i)))
            {
                return SIZE_FIT;
            }
        }
        return -SIZE_FIT;
    }

    private void prepare(final CatalogSnapshot catalog)
    {
        final int size = catalog.size();
        if (seen.length < size)
        {
            final int capacity = Math.max(size, seen.length * 2);
            seen = new int[capacity];
            excluded = new int[capacity];
            excludedBy = new byte[capacity];
            cooc = new float[capacity];
            coocStamp = new int[capacity];
            stamp = 0;
        }
        if (categoryAffinity.length < catalog.categoryCount())
        {
            categoryAffinity = new float[catalog.categoryCount()];
            categoryUsed = new int[catalog.categoryCount()];
        }
        if (likedCategory.length < catalog.categoryCount())
        {
            likedCategory = new int[catalog.categoryCount()];
        }
        if (likedBrand.length < catalog.brandCount())
        {
            likedBrand = new int[catalog.brandCount()];
        }
        if (brandAffinity.length < catalog.brandCount())
        {
            brandAffinity = new float[catalog.brandCount()];
            brandUsed = new int[catalog.brandCount()];
        }
        if (dimensions != catalog.dimensions())
        {
            dimensions = catalog.dimensions();
            query = new float[dimensions];
            affinityUnit = new float[dimensions];
            sessionUnit = new float[dimensions];
            contextUnit = new float[dimensions];
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(seen, 0);
            Arrays.fill(excluded, 0);
            Arrays.fill(coocStamp, 0);
            Arrays.fill(categoryUsed, 0);
            Arrays.fill(brandUsed, 0);
            Arrays.fill(likedCategory, 0);
            Arrays.fill(likedBrand, 0);
            stamp = 1;
        }
    }

    /** Short-term intent: recent products weighted by interaction and by how recent they are. */
    private boolean buildSession(final Profile profile, final CatalogSnapshot catalog, final long nowMs,
        final int allowedSensitiveCategory)
    {
        sessionCount = 0;
        Arrays.fill(sessionUnit, 0f);
        final float[] vectors = catalog.vectors();
        final int d = dimensions;
        float positionWeight = 1f;
        for (int i = profile.recentCount() - 1; i >= 0; i--)
        {
            final int item = catalog.indexOf(profile.recentKey(i));
            if (item == CatalogSnapshot.MISSING || !signalAllowed(catalog, item, allowedSensitiveCategory))
            {
                continue;
            }
            final float weight = (float)(sessionWeight(profile.recentType(i)) *
                Decay.factor(nowMs - profile.recentAtMs(i), sessionHalfLifeMs));
            if (weight < 1e-3f)
            {
                continue;
            }
            VectorMath.addScaled(sessionUnit, vectors, item * d, weight, d);
            sessionItems[sessionCount] = item;
            sessionWeights[sessionCount] = weight * positionWeight;
            positionWeight *= SESSION_POSITION_DECAY;
            sessionRecent[sessionCount] = i;
            sessionCount++;
        }
        return sessionCount > 0 && unit(sessionUnit, 0, sessionUnit);
    }

    /** Normalised category and brand affinities; parents of a liked category get half its weight. */
    private boolean fillAffinities(final Profile profile, final CatalogSnapshot catalog)
    {
        touchedCategoryCount = 0;
        touchedBrandCount = 0;
        float maxCategory = 0f;
        for (int i = 0; i < profile.categoryCount(); i++)
        {
            maxCategory = Math.max(maxCategory, profile.categoryWeight(i));
        }
        int interests = 0;
        if (maxCategory > 0f)
        {
            for (int i = 0; i < profile.categoryCount(); i++)
            {
                final int category = catalog.categoryIndexOf(profile.categoryKey(i));
                if (category == CatalogSnapshot.MISSING)
                {
                    continue;
                }
                float value = profile.categoryWeight(i) / maxCategory;
                interests = addInterest(category, value, interests);
                for (int c = category; c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
                {
                    if (categoryUsed[c] != stamp)
                    {
                        categoryUsed[c] = stamp;
                        categoryAffinity[c] = 0f;
                        if (touchedCategoryCount < touchedCategories.length)
                        {
                            touchedCategories[touchedCategoryCount++] = c;
                        }
                    }
                    categoryAffinity[c] = Math.max(categoryAffinity[c], value);
                    value *= 0.5f;
                }
            }
        }
        float maxBrand = 0f;
        for (int i = 0; i < profile.brandCount(); i++)
        {
            maxBrand = Math.max(maxBrand, profile.brandWeight(i));
        }
        if (maxBrand > 0f)
        {
            for (int i = 0; i < profile.brandCount(); i++)
            {
                final int brand = catalog.brandIndexOf(profile.brandKey(i));
                if (brand != CatalogSnapshot.MISSING && brandUsed[brand] != stamp)
                {
                    brandUsed[brand] = stamp;
                    brandAffinity[brand] = profile.brandWeight(i) / maxBrand;
                    touchedBrands[touchedBrandCount++] = brand;
                }
            }
        }
        interests = fillStated(profile, catalog, interests);
        interestCount = interests;
        return touchedCategoryCount > 0;
    }

    /**
     * Marks the stated liked categories (with everything below them) and brands for {@link #likedBonus}, and
     * makes liked categories the first categories of interest.
     *
     * @return the new number of categories of interest.
     */
    private int fillStated(final Profile profile, final CatalogSnapshot catalog, final int interestsSoFar)
    {
        int interests = interestsSoFar;
        hasLiked = false;
        for (int i = 0; i < profile.likedCategoryCount(); i++)
        {
            final int liked = catalog.categoryIndexOf(profile.likedCategoryKey(i));
            if (liked == CatalogSnapshot.MISSING)
            {
                continue;
            }
            interests = addInterest(liked, LIKED_AFFINITY, interests);
            for (int c = 0, categories = catalog.categoryCount(); c < categories; c++)
            {
                if (catalog.categoryWithin(c, liked))
                {
                    likedCategory[c] = stamp;
                    hasLiked = true;
                }
            }
        }
        for (int i = 0; i < profile.likedBrandCount(); i++)
        {
            final int brand = catalog.brandIndexOf(profile.likedBrandKey(i));
            if (brand != CatalogSnapshot.MISSING)
            {
                likedBrand[brand] = stamp;
                hasLiked = true;
            }
        }
        return interests;
    }

    /**
     * What stated likes add to a product: for a liked category, and again for a liked brand, as much as the
     * strongest inferred evidence could (a perfect affinity and session match plus the category or brand
     * weight), so what the shopper said outranks what their behaviour suggests.
     */
    private float likedBonus(final CatalogSnapshot catalog, final int item)
    {
        final ScoringWeights w = weights;
        float bonus = 0f;
        if (likedCategory[catalog.categoryOf(item)] == stamp)
        {
            bonus += w.affinity() + w.session() + w.category();
        }
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING && likedBrand[brand] == stamp)
        {
            bonus += w.affinity() + w.session() + w.brand();
        }
        return bonus;
    }

    /** Keeps the strongest categories of interest, strongest first. */
    private int addInterest(final int category, final float weight, final int count)
    {
        return BestFirst.offer(interestCategories, interestWeights, count, MAX_INTEREST_CATEGORIES, category, weight);
    }

    private void clearAffinities()
    {
        for (int i = 0; i < touchedCategoryCount; i++)
        {
            categoryAffinity[touchedCategories[i]] = 0f;
        }
        for (int i = 0; i < touchedBrandCount; i++)
        {
            brandAffinity[touchedBrands[i]] = 0f;
        }
        touchedCategoryCount = 0;
        touchedBrandCount = 0;
        interestCount = 0;
    }

    /**
     * Moves the {@code keep} products with the largest accumulated co-occurrence to the front of
     * {@code items} (in no particular order among themselves), by quickselect: O(count), no allocation.
     *
     * @return how many to take from the front: {@code min(count, keep)}.
     */
    private int strongestFirst(final int[] items, final int count, final int keep)
    {
        if (count <= keep)
        {
            return count;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo < hi)
        {
            final float pivot = cooc[items[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (cooc[items[i]] > pivot)
                {
                    i++;
                }
                while (cooc[items[j]] < pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    final int swap = items[i];
                    items[i] = items[j];
                    items[j] = swap;
                    i++;
                    j--;
                }
            }
            if (keep - 1 <= j)
            {
                hi = j;
            }
            else if (keep - 1 >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }
        return keep;
    }

    private void collectCandidates(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final boolean personal, final int allowedSensitiveCategory)
    {
        candidateCount = 0;
        final CatalogSnapshot catalog = model.catalog();
        final int perCategory = settings.candidatesPerCategory();
        final int filter = request.categoryFilter();
        final int context = request.contextItem();

        addCandidates(catalog, coocItems, strongestFirst(coocItems, coocCount, MAX_COOCCURRENCE_CANDIDATES),
            filter, allowedSensitiveCategory);
        if (hasTaste && request.contextCount() == 0)
        {
            // Vector top-K: the products nearest the taste among all that have a collaborative vector. Not on a
            // product or cart page, whose products' own neighbours and categories supply the candidates: there
            // the search cost a storefront node a fifth of its throughput (benchmarks/RESULTS.md) for lists
            // that the taste term already reorders.
            final int nearest = factorSearch.nearest(factors, taste, FACTOR_PROBES, notNearestCandidate, nearestItems,
                nearestScores);
            addCandidates(catalog, nearestItems, nearest, filter, allowedSensitiveCategory);
        }
        if (filter != CatalogSnapshot.MISSING)
        {
            addCandidates(catalog, model.categoryTop(filter), perCategory * 2, filter, allowedSensitiveCategory);
            addCandidates(catalog, catalog.categoryNewArrivals(filter), NEW_ARRIVALS_PER_SOURCE, filter,
                allowedSensitiveCategory);
        }
        if (context != CatalogSnapshot.MISSING)
        {
            final int leaf = catalog.categoryOf(context);
            addCandidates(catalog, model.categoryTop(leaf), perCategory, filter, allowedSensitiveCategory);
            addCandidates(catalog, catalog.categoryNewArrivals(leaf), NEW_ARRIVALS_PER_SOURCE, filter,
                allowedSensitiveCategory);
            final int parent = catalog.categoryParent(leaf);
            if (parent != CatalogSnapshot.MISSING)
            {
                addCandidates(catalog, model.categoryTop(parent), perCategory / 2, filter, allowedSensitiveCategory);
            }
        }
        if (personal)
        {
            for (int i = 0; i < interestCount; i++)
            {
                final int category = interestCategories[i];
                addCandidates(catalog, model.categoryTop(category), perCategory, filter, allowedSensitiveCategory);
                addCandidates(catalog, catalog.categoryNewArrivals(category), NEW_ARRIVALS_PER_SOURCE, filter,
                    allowedSensitiveCategory);
            }
            int sources = 0;
            for (int i = 0; i < sessionCount && sources < RECENT_CATEGORY_SOURCES; i++, sources++)
            {
                final int leaf = catalog.categoryOf(sessionItems[i]);
                addCandidates(catalog, model.categoryTop(leaf), perCategory / 2, filter, allowedSensitiveCategory);
            }
        }
        addCandidates(catalog, model.globalTop(), settings.popularCandidates(), filter, allowedSensitiveCategory);
        addCandidates(catalog, catalog.newArrivals(), GLOBAL_NEW_ARRIVALS, filter, allowedSensitiveCategory);
    }

    private void addCandidates(final CatalogSnapshot catalog, final int[] source, final int limit, final int filter,
        final int allowedSensitiveCategory)
    {
        final int end = Math.min(limit, source.length);
        for (int n = 0; n < end; n++)
        {
            final int item = source[n];
            if (seen[item] == stamp)
            {
                continue;
            }
            seen[item] = stamp;
            final RuleKind rule = rejection(catalog, item, filter);
            if (rule != null)
            {
                if (result != null)
                {
                    result.countExcluded(rule);
                }
                continue;
            }
            if (candidateCount == candidates.length)
            {
                candidates = Arrays.copyOf(candidates, candidateCount * 2);
            }
            candidates[candidateCount++] = item;
        }
    }

    /** A sensitive product is used, as a signal or a candidate, only within its own category. */
    private static boolean signalAllowed(final CatalogSnapshot catalog, final int item, final int allowedCategory)
    {
        return !catalog.sensitive(item) ||
            (allowedCategory != CatalogSnapshot.MISSING && catalog.categoryWithin(catalog.categoryOf(item),
                allowedCategory));
    }

    private void offerToPool(final int item, final float score, final int limit)
    {
        poolCount = BestFirst.offer(poolItems, poolScores, poolCount, limit, item, score);
    }

    /**
     * Greedy selection from the pool: each step takes the item with the best score less the redundancy
     * penalty for its brand and category already in the list, skipping items over a hard cap.
     */
    private void select(final CatalogSnapshot catalog, final RecommendationRequest request, final Recommendation out)
    {
        final int k = request.k();
        final Diversity diversity = settings.diversityFor(request.placement());
        final int maxPerBrand = diversity.maxPerBrand(k);
        final int maxPerCategory = diversity.maxPerCategory(k);
        final float penalty = (float)diversity.redundancyPenalty();
        final boolean capped = maxPerBrand < k || maxPerCategory < k;
        if (!capped && penalty == 0f)
        {
            for (int n = 0; n < poolCount && out.count() < k; n++)
            {
                out.add(poolItems[n], poolScores[n]);
            }
            return;
        }
        while (out.count() < k)
        {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int n = 0; n < poolCount; n++)
            {
                final int item = poolItems[n];
                if (item < 0 || poolScores[n] - 0f <= bestValue && penalty == 0f)
                {
                    continue;
                }
                final int brand = catalog.brandOf(item);
                final int sameBrand = brand == CatalogSnapshot.MISSING ? 0 : countBrand(catalog, out, brand);
                final int sameCategory = countCategory(catalog, out, catalog.categoryOf(item));
                if (sameBrand >= maxPerBrand || sameCategory >= maxPerCategory)
                {
                    poolItems[n] = -1;
                    out.countExcluded(RuleKind.DIVERSITY);
                    continue;
                }
                final float value = poolScores[n] - penalty * (sameBrand + sameCategory);
                if (value > bestValue)
                {
                    bestValue = value;
                    best = n;
                }
            }
            if (best < 0)
            {
                return;
            }
            out.add(poolItems[best], poolScores[best]);
            poolItems[best] = -1;
        }
    }

    private static int countBrand(final CatalogSnapshot catalog, final Recommendation out, final int brand)
    {
        int count = 0;
        for (int i = 0; i < out.count(); i++)
        {
            if (catalog.brandOf(out.item(i)) == brand)
            {
                count++;
            }
        }
        return count;
    }

    private static int countCategory(final CatalogSnapshot catalog, final Recommendation out, final int category)
    {
        int count = 0;
        for (int i = 0; i < out.count(); i++)
        {
            if (catalog.categoryOf(out.item(i)) == category)
            {
                count++;
            }
        }
        return count;
    }

    private float freshness(final CatalogSnapshot catalog, final int item, final long nowMs)
    {
        final long launched = catalog.launchedAt(item);
        if (launched == Product.UNKNOWN_LAUNCH || launched > nowMs ||
            nowMs - launched > newArrivalWindowMs)
        {
            return 0f;
        }
        return (float)Decay.factor(nowMs - launched, freshnessHalfLifeMs);
    }

    private static float priceFit(final float price, final float logMean)
    {
        if (!(price > 0f))
        {
            return 0f;
        }
        final float z = ((float)Math.log(price) - logMean) / PRICE_SIGMA;
        return (float)Math.exp(-0.5f * z * z);
    }

    private static float sessionWeight(final EventType type)
    {
        return switch (type)
        {
            case ADD_TO_CART -> 3f;
            case PURCHASE -> 2f;
            case CLICK -> 1.5f;
            case RATING -> 1f;
            case VIEW -> 1f;
            default -> 0f;
        };
    }

    /** Copies the unit vector of {@code source[offset..offset+d)} into {@code target}; false for a zero vector. */
    private boolean unit(final float[] source, final int offset, final float[] target)
    {
        final int d = dimensions;
        float sum = 0f;
        for (int i = 0; i < d; i++)
        {
            sum += source[offset + i] * source[offset + i];
        }
        if (!(sum > 1e-12f))
        {
            return false;
        }
        final float scale = (float)(1.0 / Math.sqrt(sum));
        for (int i = 0; i < d; i++)
        {
            target[i] = source[offset + i] * scale;
        }
        return true;
    }

    private void explain(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final Recommendation out)
    {
        final int context = request.contextItem();
        final CatalogSnapshot catalog = model.catalog();
        final float[] vectors = model.vectors();
        final int d = dimensions;
        for (int n = 0; n < out.count(); n++)
        {
            final int item = out.item(n);
            final int row = item * d;
            final List<Reason> reasons = new ArrayList<>(4);
            final String leaf = catalog.categoryPath(catalog.categoryOf(item));
            if (out.pinned(n))
            {
                reasons.add(new Reason("pinned", "pinned by the store for this placement", 0f, null, null));
            }
            if (hasSession)
            {
                int best = -1;
                float bestValue = 0f;
                for (int s = 0; s < sessionCount; s++)
                {
                    if (catalog.sensitive(sessionItems[s]))
                    {
                        continue;
                    }
                    final float value =
                        sessionWeights[s] * VectorMath.dot(vectors, sessionItems[s] * d, vectors, row, d);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = s;
                    }
                }
                final float contribution = weights.session() * VectorMath.dot(sessionUnit, 0, vectors, row, d);
                if (best >= 0 && contribution > REASON_THRESHOLD)
                {
                    final int source = sessionItems[best];
                    final EventType type = profile.recentType(sessionRecent[best]);
                    reasons.add(new Reason(verbCode(type), verb(type) + " " + title(catalog, source) + " " +
                        ago(nowMs - profile.recentAtMs(sessionRecent[best])), contribution,
                        catalog.product(source).id(), null));
                }
            }
            if (hasContext)
            {
                final float contribution = weights.context() * VectorMath.dot(contextUnit, 0, vectors, row, d);
                if (contribution > REASON_THRESHOLD)
                {
                    final boolean named = !catalog.sensitive(context);
                    reasons.add(new Reason("similar", named ? "similar to " + title(catalog, context) :
                        "similar to the product on this page", contribution,
                        named ? catalog.product(context).id() : null, null));
                }
            }
            if (coocCount > 0)
            {
                final float contribution = weights.cooccurrence() * cooccurrence(item);
                if (contribution > REASON_THRESHOLD)
                {
                    final Reason together = togetherReason(model, profile, request, item, contribution);
                    if (together != null)
                    {
                        reasons.add(together);
                    }
                }
            }
            if (hasTaste)
            {
                final float contribution = weights.collaborative() * collaborative(item);
                if (contribution > REASON_THRESHOLD)
                {
                    final int source = tasteSource(profile, request, item);
                    if (source != CatalogSnapshot.MISSING)
                    {
                        reasons.add(new Reason("also_liked", "shoppers who chose " + title(catalog, source) +
                            " also chose this", contribution, catalog.product(source).id(), null));
                    }
                }
            }
            if (hasAffinity)
            {
                final float contribution = weights.affinity() * VectorMath.dot(affinityUnit, 0, vectors, row, d);
                if (contribution > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("taste", "matches what you usually like", contribution, null, null));
                }
            }
            if (hasCategories)
            {
                final float categoryContribution = weights.category() * categoryAffinity[catalog.categoryOf(item)];
                if (categoryContribution > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("category", "you often shop " + leaf, categoryContribution, null, leaf));
                }
                final int brand = catalog.brandOf(item);
                if (brand != CatalogSnapshot.MISSING)
                {
                    final float brandContribution = weights.brand() * brandAffinity[brand];
                    if (brandContribution > REASON_THRESHOLD)
                    {
                        reasons.add(new Reason("brand", "you like " + catalog.brandName(brand), brandContribution,
                            null, null));
                    }
                }
            }
            if (hasLiked)
            {
                explainLiked(catalog, item, leaf, reasons);
            }
            final float popularity = weights.popularity() * model.popularity(item);
            if (popularity > REASON_THRESHOLD)
            {
                reasons.add(new Reason("popular", "popular in " + leaf, popularity, null, leaf));
            }
            final float freshness = weights.freshness() * freshness(catalog, item, nowMs);
            if (freshness > REASON_THRESHOLD)
            {
                reasons.add(new Reason("new_arrival", "new arrival in " + leaf, freshness, null, leaf));
            }
            if (priceMean == priceMean)
            {
                final float fit = weights.priceFit() * priceFit(catalog.price(item), priceMean);
                if (fit > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("price", "in your usual price range", fit, null, null));
                }
            }
            reasons.sort((l, r) -> l.code().equals("pinned") ? -1 : r.code().equals("pinned") ? 1 :
                Float.compare(r.contribution(), l.contribution()));
            out.addReasons(reasons);
        }
    }

    private void explainLiked(final CatalogSnapshot catalog, final int item, final String leaf,
        final List<Reason> reasons)
    {
        final ScoringWeights w = weights;
        if (likedCategory[catalog.categoryOf(item)] == stamp)
        {
            reasons.add(new Reason("category", "you said you like " + leaf, w.affinity() + w.session() +
                w.category(), null, leaf));
        }
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING && likedBrand[brand] == stamp)
        {
            reasons.add(new Reason("brand", "you said you like " + catalog.brandName(brand), w.affinity() +
                w.session() + w.brand(), null, null));
        }
    }

    /** Names the product the candidate goes best with: a context product, a recent one, or a purchase. */
    private Reason togetherReason(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final int item, final float contribution)
    {
        final CatalogSnapshot catalog = model.catalog();
        int best = CatalogSnapshot.MISSING;
        float bestValue = 0f;
        boolean bought = request.placement() == Placement.CART;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final int source = request.contextAt(c);
            final float value = CONTEXT_NEIGHBOR_WEIGHT * Math.max(scoreOf(model.neighbors(source),
                model.neighborScores(source), item), scoreOf(model.boughtTogether(source),
                model.boughtTogetherScores(source), item));
            if (value > bestValue)
            {
                bestValue = value;
                best = source;
            }
        }
        for (int s = 0; s < sessionCount; s++)
        {
            final float value = sessionWeights[s] * scoreOf(model.neighbors(sessionItems[s]),
                model.neighborScores(sessionItems[s]), item);
            if (value > bestValue)
            {
                bestValue = value;
                best = sessionItems[s];
                bought = false;
            }
        }
        if (profile != null)
        {
            for (int i = profile.ownedCount() - 1; i >= 0; i--)
            {
                final int source = catalog.indexOf(profile.ownedKey(i));
                if (source != CatalogSnapshot.MISSING)
                {
                    final float value = OWNED_NEIGHBOR_WEIGHT * scoreOf(model.boughtTogether(source),
                        model.boughtTogetherScores(source), item);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = source;
                        bought = true;
                    }
                }
            }
        }
        if (best == CatalogSnapshot.MISSING || catalog.sensitive(best))
        {
            return null;
        }
        return bought ?
            new Reason("bought_together", "often bought together with " + title(catalog, best), contribution,
                catalog.product(best).id(), null) :
            new Reason("viewed_together", "often viewed together with " + title(catalog, best), contribution,
                catalog.product(best).id(), null);
    }

    /**
     * The product whose part of the taste is closest to a candidate: the context products, the recent ones and
     * the purchases, weighted as in {@link #buildTaste}. Sensitive products have no factors, so none is named.
     */
    private int tasteSource(final Profile profile, final RecommendationRequest request, final int item)
    {
        final int target = factors.row(item);
        int best = CatalogSnapshot.MISSING;
        float bestValue = 0f;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final float value = CONTEXT_NEIGHBOR_WEIGHT * factorDot(request.contextAt(c), target);
            if (value > bestValue)
            {
                bestValue = value;
                best = request.contextAt(c);
            }
        }
        for (int s = 0; s < sessionCount; s++)
        {
            final float value = sessionWeights[s] * factorDot(sessionItems[s], target);
            if (value > bestValue)
            {
                bestValue = value;
                best = sessionItems[s];
            }
        }
        if (profile != null)
        {
            final CatalogSnapshot catalog = factors.catalog();
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < OWNED_NEIGHBOR_SOURCES; i--)
            {
                final int source = catalog.indexOf(profile.ownedKey(i));
                if (source != CatalogSnapshot.MISSING && signalAllowed(catalog, source, allowedSensitiveCategory))
                {
                    sources++;
                    final float value = OWNED_NEIGHBOR_WEIGHT * factorDot(source, target);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = source;
                    }
                }
            }
        }
        return best;
    }

    private float factorDot(final int item, final int targetRow)
    {
        final int row = factors.row(item);
        return row < 0 || targetRow < 0 ? 0f :
            VectorMath.dot(factors.rows(), row, factors.rows(), targetRow, factors.rank());
    }

    private static float scoreOf(final int[] items, final float[] scores, final int item)
    {
        for (int n = 0; n < items.length; n++)
        {
            if (items[n] == item)
            {
                return scores[n];
            }
        }
        return 0f;
    }

    private static String title(final CatalogSnapshot catalog, final int item)
    {
        final String title = catalog.product(item).title();
        return title.isEmpty() ? catalog.product(item).id() : title;
    }

    private static String verbCode(final EventType type)
    {
        return switch (type)
        {
            case ADD_TO_CART -> "carted";
            case PURCHASE -> "bought";
            case RATING -> "rated";
            default -> "viewed";
        };
    }

    private static String verb(final EventType type)
    {
        return switch (type)
        {
            case ADD_TO_CART -> "added";
            case PURCHASE -> "bought";
            case RATING -> "rated";
            case CLICK -> "clicked";
            default -> "viewed";
        };
    }

    /**
     * A human phrase for an elapsed time.
     *
     * @param elapsedMs milliseconds elapsed.
     * @return e.g. "just now", "3 minutes ago", "2 hours ago", "5 days ago".
     */
    static String ago(final long elapsedMs)
    {
        final long seconds = Math.max(0L, elapsedMs / 1000L);
        if (seconds < 60)
        {
            return "just now";
        }
        final long minutes = seconds / 60;
        if (minutes < 60)
        {
            return minutes == 1 ? "1 minute ago" : minutes + " minutes ago";
        }
        final long hours = minutes / 60;
        if (hours < 48)
        {
            return hours == 1 ? "1 hour ago" : hours + " hours ago";
        }
        return hours / 24 + " days ago";
    }
}
