package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.FactorSearch;
import io.tailor.scoring.model.ItemModel;

import java.util.Arrays;
import java.util.function.IntPredicate;

/**
 * Stage 4, candidate sources, in order: the strongest "viewed next" products, the strongest "seen or bought
 * together" products, the products nearest
 * the shopper's taste (vector top-K, off on product and cart pages), the category filter's popular and new
 * items, the page's category and its parent, the shopper's categories of interest (popular and new) and the
 * session's categories, then popular and new overall as fill. Each product is offered once per request; the
 * {@link Exclusions} rules reject it or make it a candidate, and each rejection is counted by rule.
 * <p>
 * Work per request is bounded by the per-source limits, not by the catalog size; the candidate array grows
 * and is reused, the seen marks are a stamp sized to the catalog.
 */
final class CandidateSources
{
    private static final int RECENT_CATEGORY_SOURCES = 6;
    private static final int NEW_ARRIVALS_PER_SOURCE = 16;
    private static final int GLOBAL_NEW_ARRIVALS = 32;
    /**
     * Clusters of the factor index searched per request, and products taken from them ("vector top-K"). Each
     * probed cluster is a cold block of memory (about 260 rows of 128 bytes at 100,000 products); 4 clusters
     * and 32 candidates cost about half of 8 and 64, for the same quality on MovieLens-latest-small and a recall
     * of 0.997 against 0.999 of the exact 32 nearest (benchmarks/RESULTS.md).
     */
    private static final int FACTOR_PROBES = 4;
    private static final int FACTOR_CANDIDATES = 32;
    /**
     * Most "seen or bought together" candidates scored per request, the strongest: with 64 neighbours per
     * product and up to 20 recent products as sources there can be over a thousand, and each costs a
     * vector read from a large table; the weak ones could not reach the top k anyway.
     */
    private static final int MAX_COOCCURRENCE_CANDIDATES = 256;
    /**
     * Most "viewed next" candidates per request, the strongest, taken before co-occurrence and counted in its
     * budget: most of them are among the co-occurrence candidates too (a transition is also a co-view).
     */
    private static final int MAX_TRANSITION_CANDIDATES = 64;
    /**
     * Most "similar sessions" candidates per request, the strongest, taken after the transitions and counted in
     * the co-occurrence budget like them.
     */
    private static final int MAX_SIMILAR_SESSION_CANDIDATES = 64;

    private final int perCategory;
    private final int popularCandidates;
    private final Exclusions exclusions;

    private int stamp;
    private int[] seen = new int[0];
    private int[] candidates = new int[2048];
    private int count;

    private final FactorSearch factorSearch = new FactorSearch();
    /** Excluded products and products already candidates are not taken again from the factor index. */
    private final IntPredicate notNearestCandidate;
    private final int[] nearestItems = new int[FACTOR_CANDIDATES];
    private final float[] nearestScores = new float[FACTOR_CANDIDATES];

    /**
     * Sources with the settings' limits, filtered by the rules.
     *
     * @param settings   ranking settings: candidates per category, popular candidates.
     * @param exclusions the rules every candidate must pass.
     */
    CandidateSources(final RankingSettings settings, final Exclusions exclusions)
    {
        this.perCategory = settings.candidatesPerCategory();
        this.popularCandidates = settings.popularCandidates();
        this.exclusions = exclusions;
        this.notNearestCandidate = item -> exclusions.excluded(item) || seen[item] == stamp;
    }

    /**
     * Grows the seen marks to the catalog and starts a new request: nothing seen, no candidates.
     *
     * @param catalog the request's catalog.
     */
    void prepare(final CatalogSnapshot catalog)
    {
        final int size = catalog.size();
        if (seen.length < size)
        {
            seen = new int[Math.max(size, seen.length * 2)];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(seen, 0);
            stamp = 1;
        }
        count = 0;
    }

    /**
     * Marks a product as offered in this request.
     *
     * @param item product index.
     * @return false when it was offered before (then it must not be offered again).
     */
    boolean markSeen(final int item)
    {
        if (seen[item] == stamp)
        {
            return false;
        }
        seen[item] = stamp;
        return true;
    }

    /**
     * Collects the candidates of every source.
     *
     * @param model     item model.
     * @param request   the request.
     * @param personal  whether the shopper's interests may choose sources.
     * @param interests the shopper's categories of interest and session.
     * @param together  the accumulated "seen or bought together" products.
     * @param next      the accumulated "viewed next" products.
     * @param similar   the products of similar sessions.
     * @param taste     the collaborative taste.
     * @param out       counts each rejection by rule.
     */
    void collect(final ItemModel model, final RecommendationRequest request, final boolean personal,
        final ShopperInterests interests, final CooccurrenceSignal together, final TransitionSignal next,
        final SessionNeighbourSignal similar, final CollaborativeTaste taste, final Recommendation out)
    {
        final CatalogSnapshot catalog = model.catalog();
        final int filter = request.categoryFilter();
        final int context = request.contextItem();

        // The transitions take part of the co-occurrence budget, not a budget of their own: each candidate costs
        // cache misses, and the served list must not get slower for a signal that mostly names the same products.
        add(catalog, next.items(), next.strongestFirst(MAX_TRANSITION_CANDIDATES), filter, out);
        if (similar.count() > 0)
        {
            add(catalog, similar.items(), similar.strongestFirst(MAX_SIMILAR_SESSION_CANDIDATES), filter, out);
        }
        add(catalog, together.items(), together.strongestFirst(MAX_COOCCURRENCE_CANDIDATES - count), filter, out);
        if (taste.active() && request.contextCount() == 0)
        {
            // Vector top-K: the products nearest the taste among all that have a collaborative vector. Not on a
            // product or cart page, whose products' own neighbours and categories supply the candidates: there
            // the search cost a storefront node a fifth of its throughput (benchmarks/RESULTS.md) for lists
            // that the taste term already reorders.
            final int nearest = factorSearch.nearest(taste.factors(), taste.vector(), FACTOR_PROBES,
                notNearestCandidate, nearestItems, nearestScores);
            add(catalog, nearestItems, nearest, filter, out);
        }
        if (filter != CatalogSnapshot.MISSING)
        {
            add(catalog, model.categoryTop(filter), perCategory * 2, filter, out);
            add(catalog, catalog.categoryNewArrivals(filter), NEW_ARRIVALS_PER_SOURCE, filter, out);
        }
        if (context != CatalogSnapshot.MISSING)
        {
            final int leaf = catalog.categoryOf(context);
            add(catalog, model.categoryTop(leaf), perCategory, filter, out);
            add(catalog, catalog.categoryNewArrivals(leaf), NEW_ARRIVALS_PER_SOURCE, filter, out);
            final int parent = catalog.categoryParent(leaf);
            if (parent != CatalogSnapshot.MISSING)
            {
                add(catalog, model.categoryTop(parent), perCategory / 2, filter, out);
            }
        }
        if (personal)
        {
            for (int i = 0, interestCount = interests.interestCount(); i < interestCount; i++)
            {
                final int category = interests.interestCategory(i);
                add(catalog, model.categoryTop(category), perCategory, filter, out);
                add(catalog, catalog.categoryNewArrivals(category), NEW_ARRIVALS_PER_SOURCE, filter, out);
            }
            int sources = 0;
            for (int i = 0; i < interests.sessionCount() && sources < RECENT_CATEGORY_SOURCES; i++, sources++)
            {
                final int leaf = catalog.categoryOf(interests.sessionItem(i));
                add(catalog, model.categoryTop(leaf), perCategory / 2, filter, out);
            }
        }
        add(catalog, model.globalTop(), popularCandidates, filter, out);
        add(catalog, catalog.newArrivals(), GLOBAL_NEW_ARRIVALS, filter, out);
    }

    /** The candidates, the first {@link #count()} of them, in the order their sources offered them. */
    int[] items()
    {
        return candidates;
    }

    int count()
    {
        return count;
    }

    private void add(final CatalogSnapshot catalog, final int[] source, final int limit, final int filter,
        final Recommendation out)
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
            final RuleKind rule = exclusions.rejection(catalog, item, filter);
            if (rule != null)
            {
                out.countExcluded(rule);
                continue;
            }
            if (count == candidates.length)
            {
                candidates = Arrays.copyOf(candidates, count * 2);
            }
            candidates[count++] = item;
        }
    }
}
