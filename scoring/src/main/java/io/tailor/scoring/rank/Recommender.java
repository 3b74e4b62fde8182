package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.RadixSort;

/**
 * Answers "what should this shopper see here?" from a profile and an item model, as a pipeline of stages, each
 * a class of this package that owns its scratch state:
 * <pre>
 *   1 interests   ShopperInterests, CooccurrenceSignal, TransitionSignal, SessionNeighbourSignal, CollaborativeTaste
 *                 affinity, session (recent products by interaction, recency and position), the page's
 *                 products, category and brand affinities; stated likes count more than any inferred interest
 *                 and a stated size lifts products offered in it (product attribute "size"); products seen or
 *                 bought together with the page, the session and the purchases; products viewed next after
 *                 the page's and the session's latest products; the products of the recent sessions most like
 *                 this one (when the recommender has a RecentSessionIndex); the collaborative taste
 *   2 exclusions  Exclusions
 *                 purchased or rated (unless due for replenishment), touched in the last recentExclusion, the
 *                 page's product, blocked, out of stock, sensitive items outside the page's category, category
 *                 filter, shown as often as the frequency cap allows, disliked by the shopper, blocked for a
 *                 segment the shopper is in; each exclusion is counted by rule
 *   3 pins        PinnedProducts
 *                 the placement's pinned products first, then those of the shopper's segments, when no rule
 *                 rejects them
 *  3b re-show    RecentlyViewed
 *                 on a placement that re-shows them, the products viewed recently and not carted or bought,
 *                 obeying every rule of stage 2 but the recent exclusion, scored with a bonus
 *   4 candidates  CandidateSources
 *                 products viewed next after the page's and the latest products; products of similar sessions;
 *                 neighbours (seen or bought
 *                 together) of the page's product, the cart, recent and bought products; products near the
 *                 taste; top categories' popular and new items, the page's category, recent items' categories;
 *                 popular and new overall as fill
 *   5 score       Scorer
 *                 affinity.v + session.v + context.v + co-occurrence + transition + similar sessions + taste
 *                 + category + brand + popularity + freshness + price fit + stated likes and size
 *   6 select      DiverseSelection
 *                 greedy, best score less a redundancy penalty per repeat of a brand or category, never over
 *                 the placement's hard caps, top k
 *  6b explore     NewArrivalSlot
 *                 at most one slot for a new arrival short of its daily exposure floor, matching the shopper's
 *                 interest categories, obeying every rule of stage 2, picked by Thompson sampling on clicks
 *  6c promote     PromotedSlot
 *                 at most one slot for a product of a promotion behind its delivery schedule whose audience the
 *                 shopper is in, obeying every rule of stage 2
 *   7 explain     Explainer
 *                 every factor that added to the score, strongest first (only when asked)
 * </pre>
 * A shopper who withdrew personalization consent gets the non-personal answer ({@link Strategy#POPULAR}).
 * One instance per thread: its stages keep scratch arrays sized to the catalog and reuse them, so a request
 * without explanations allocates nothing. Work per request is bounded by the candidate limits in
 * {@link RankingSettings}, not by the catalog size.
 */
public final class Recommender
{
    private final ShopperInterests interests;
    private final CooccurrenceSignal together;
    private final TransitionSignal transitions;
    private final SessionNeighbourSignal similarSessions;
    private final RecentSessionIndex sessions;
    private final CollaborativeTaste taste;
    private final Exclusions exclusions;
    private final PinnedProducts pins;
    private final CandidateSources candidates;
    private final RecentlyViewed reshow;
    private final Scorer scorer;
    private final DiverseSelection selection;
    private final NewArrivalSlot exploration;
    private final PromotedSlot promotion;
    private final Explainer explainer;
    /** Re-rank scratch: (descending score, supplied position) packed per kept product, sorted in place. */
    private final long[] rerankOrder = new long[RecommendationRequest.MAX_RERANK];
    private final RadixSort rerankSort = new RadixSort(RecommendationRequest.MAX_RERANK);
    /** A re-ranked list's products that pass the rules, their supplied positions and scores. */
    private final int[] rerankItems = new int[RecommendationRequest.MAX_RERANK];
    private final int[] rerankPositions = new int[RecommendationRequest.MAX_RERANK];
    private final float[] rerankScores = new float[RecommendationRequest.MAX_RERANK];

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
        this(settings, segments, PromotionSource.NONE);
    }

    /**
     * Recommender with settings, the segments whose members get pinned or blocked products, and the promotions
     * with exposure targets.
     *
     * @param settings   ranking settings.
     * @param segments   segments in force.
     * @param promotions promotions in force.
     */
    public Recommender(final RankingSettings settings, final SegmentSource segments,
        final PromotionSource promotions)
    {
        this(settings, segments, promotions, null);
    }

    /**
     * Recommender with settings, segments, promotions, and the recent sessions whose neighbours of the
     * shopper's session supply candidates and a score ({@link SessionNeighbourSignal}).
     *
     * @param settings   ranking settings.
     * @param segments   segments in force.
     * @param promotions promotions in force.
     * @param sessions   recent sessions, shared by every thread's recommender; {@code null} for none.
     */
    public Recommender(final RankingSettings settings, final SegmentSource segments,
        final PromotionSource promotions, final RecentSessionIndex sessions)
    {
        this.sessions = sessions;
        similarSessions = new SessionNeighbourSignal();
        interests = new ShopperInterests(settings);
        together = new CooccurrenceSignal();
        transitions = new TransitionSignal();
        taste = new CollaborativeTaste();
        exclusions = new Exclusions(settings, segments);
        pins = new PinnedProducts(settings);
        candidates = new CandidateSources(settings, exclusions);
        reshow = new RecentlyViewed(settings);
        scorer = new Scorer(settings, interests, together, transitions, similarSessions, taste);
        selection = new DiverseSelection(settings);
        exploration = new NewArrivalSlot(settings, System.nanoTime());
        promotion = new PromotedSlot(settings, promotions, segments);
        explainer = new Explainer(interests, exclusions, together, transitions, similarSessions, taste, scorer,
            reshow);
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
        final boolean personal = prepare(model, profile, request);

        pins.pin(model, request, out, candidates, exclusions, scorer);
        reshow.collect(catalog, exclusions, candidates, request.categoryFilter(), out);
        candidates.collect(model, request, personal, interests, together, transitions, similarSessions, taste, out);
        out.candidates(candidates.count() + reshow.candidateCount());

        selection.reset(request.k());
        scorer.scoreCandidates(model, candidates.items(), candidates.count(), selection);
        reshow.score(model, scorer, selection);
        selection.select(catalog, request, out);
        exploration.fill(model, request, interests, exclusions, scorer, out);
        promotion.fill(model, profile, request, interests, exclusions, scorer, out);

        out.strategy(interests.hasContext() ? Strategy.SIMILAR : personal ? Strategy.PERSONALIZED : Strategy.POPULAR);
        if (request.explain())
        {
            explainer.explain(model, profile, request, out);
        }
        interests.clear();
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
        if (model.catalog().size() == 0)
        {
            return;
        }
        prepare(model, profile, request);
        for (int n = 0; n < count; n++)
        {
            scores[n] = scorer.score(model, items[n]) + reshow.bonus(items[n]);
        }
        interests.clear();
    }

    /**
     * Orders a list the storefront supplied (a search result, a category page) for this shopper: each product is
     * scored with the blend {@link #recommend} ranks by (the re-show bonus and its reason included) and the list
     * sorted by score, ties in the supplied order, with no candidate generation, diversity reshaping or
     * exploration. Products a rule removes ({@link Exclusions#rejectionOfSupplied}) are counted by rule and
     * reported per position. A shopper who withdrew personalization consent gets the order of the non-personal
     * blend (popularity, freshness).
     *
     * @param model     item model, with the catalog it describes.
     * @param shopper   the shopper's profile, or {@code null}.
     * @param request   the request (placement, time, explain, products to leave out); its k is not used.
     * @param items     the supplied products' indices in {@code model}'s catalog, {@link CatalogSnapshot#MISSING}
     *                  for a product the catalog does not know (left to the caller, who keeps it at the end).
     * @param count     how many of {@code items}, at most {@link RecommendationRequest#MAX_RERANK}.
     * @param limit     most products to return.
     * @param removedBy receives, per supplied position, the ordinal of the {@link RuleKind} that removed the
     *                  product, or -1 (kept, or unknown).
     * @param out       result to fill; cleared first.
     * @return {@code out}.
     */
    public Recommendation rerank(final ItemModel model, final Profile shopper, final RecommendationRequest request,
        final int[] items, final int count, final int limit, final int[] removedBy, final Recommendation out)
    {
        final Profile profile = consented(shopper);
        out.clear();
        java.util.Arrays.fill(removedBy, 0, count, -1);
        final CatalogSnapshot catalog = model.catalog();
        if (catalog.size() == 0)
        {
            return out;
        }
        final boolean personal = prepare(model, profile, request);
        int kept = 0;
        for (int n = 0; n < count; n++)
        {
            final int item = items[n];
            if (item == CatalogSnapshot.MISSING)
            {
                continue;
            }
            final RuleKind rule = exclusions.rejectionOfSupplied(catalog, item);
            if (rule != null)
            {
                removedBy[n] = rule.ordinal();
                out.countExcluded(rule);
                continue;
            }
            rerankItems[kept] = item;
            rerankPositions[kept++] = n;
        }
        // In one batch, as candidates are: the supplied products' vectors are scattered over the tables, and
        // gathering them in one loop overlaps the cache misses that scoring them one by one takes in turn.
        scorer.scoreAll(model, rerankItems, kept, rerankScores);
        for (int i = 0; i < kept; i++)
        {
            final float score = rerankScores[i] + reshow.bonus(rerankItems[i]);
            rerankOrder[i] = (long)~sortable(score) << 32 | rerankPositions[i];
        }
        out.candidates(kept);
        // By score, ties in supplied order: the positions below the scores come in ascending order and the sort is
        // stable, so this is Arrays.sort's order in a few linear passes.
        rerankSort.sortByHigh32(rerankOrder, kept);
        for (int i = 0, end = Math.min(kept, limit); i < end; i++)
        {
            final long entry = rerankOrder[i];
            out.add(items[(int)entry], unsortable(~(int)(entry >> 32)));
        }
        out.strategy(personal ? Strategy.PERSONALIZED : Strategy.POPULAR);
        if (request.explain())
        {
            explainer.explain(model, profile, request, out);
        }
        interests.clear();
        return out;
    }

    /**
     * Where a product the last {@link #rerank} returned was in the list supplied to it, so that a caller can answer
     * with what it was given for that position (the id as sent) without a table of its own.
     *
     * @param rank the product's place in the returned list, below its count.
     * @return its position in that call's {@code items}; valid until the next call.
     */
    public int rerankedPosition(final int rank)
    {
        return (int)rerankOrder[rank];
    }

    /** A float's bits as an int that sorts as the float does (negative scores included). */
    private static int sortable(final float value)
    {
        final int bits = Float.floatToIntBits(value);
        return bits ^ (bits >> 31 & 0x7fffffff);
    }

    private static float unsortable(final int sortable)
    {
        return Float.intBitsToFloat(sortable ^ (sortable >> 31 & 0x7fffffff));
    }

    /** The profile when it may be used to personalise, else {@code null}. */
    private static Profile consented(final Profile profile)
    {
        return profile != null && ProfileFlags.personalization(profile.flags()) ? profile : null;
    }

    /**
     * Starts the request in every stage, then runs the stages that read the shopper and the request: interests
     * (1), exclusions (2), and the query and terms scoring (5) will use.
     *
     * @return whether anything personal is known.
     */
    private boolean prepare(final ItemModel model, final Profile profile, final RecommendationRequest request)
    {
        final CatalogSnapshot catalog = model.catalog();
        interests.prepare(catalog);
        together.prepare(catalog);
        transitions.prepare(catalog);
        if (sessions != null)
        {
            similarSessions.prepare(catalog);
        }
        candidates.prepare(catalog);
        pins.clearSegmentPins();
        scorer.prepare(catalog, request);
        final int allowedSensitiveCategory = Exclusions.allowedSensitiveCategory(catalog, request);

        interests.collect(catalog, profile, request, allowedSensitiveCategory);
        together.collect(model, profile, request, interests, allowedSensitiveCategory);
        transitions.collect(model, request, interests);
        if (sessions != null && scorer.weights().similarSessions() != 0f)
        {
            similarSessions.collect(catalog, sessions, request, interests);
        }
        final boolean hasTaste = taste.build(model, profile, request, interests, allowedSensitiveCategory,
            scorer.weights().collaborative());
        exclusions.prepare(catalog, profile, request, allowedSensitiveCategory, pins);
        reshow.prepare(catalog, profile, request, allowedSensitiveCategory);
        scorer.prepareTerms();
        return interests.hasAffinity() || interests.hasSession() || interests.hasCategories() ||
            interests.hasLiked() || interests.sizes() != null ||
            ((together.count() > 0 || transitions.count() > 0 || similarSessions.count() > 0 || hasTaste) &&
                !interests.hasContext());
    }
}
