package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;

import java.util.Arrays;

/**
 * Stage 6, diverse selection: keeps the best-scored candidates in a pool (four times k, at least 40), then
 * fills the list greedily, each step taking the product with the best score less the placement's redundancy
 * penalty per product of the same brand or category already listed, never over the placement's hard caps per
 * brand and category (each product dropped for a cap is counted as {@link RuleKind#DIVERSITY}). With no caps
 * and no penalty the pool's order is the list.
 * <p>
 * The pool is a bounded heap with the worst entry at its root, so a candidate that cannot make it costs one
 * comparison and one that can costs a logarithm of the pool, whatever order the sources offer them in (an
 * array kept sorted by insertion moved up to the whole pool per candidate: about a seventh of a served
 * request's CPU, with the factor search's list, in JFR); it is sorted once, when the list is filled. Among equal
 * scores the candidate offered first ranks first and stays. The counts per brand and category already listed
 * are kept per request in arrays sized to the catalog (a stamp, no clearing). Fixed-size and reused: no
 * allocation once grown.
 */
final class DiverseSelection
{
    private final RankingSettings settings;
    private final int[] poolItems = new int[RecommendationRequest.MAX_K * 4];
    private final float[] poolScores = new float[RecommendationRequest.MAX_K * 4];
    /** When each pool entry was offered in this request: the tie-break, earlier first. */
    private final int[] poolOrder = new int[RecommendationRequest.MAX_K * 4];
    private int poolCount;
    private int poolLimit;
    private int offered;
    private boolean sorted;

    private int stamp;
    private int[] brandStamps = new int[0];
    private int[] brandCounts = new int[0];
    private int[] categoryStamps = new int[0];
    private int[] categoryCounts = new int[0];

    /**
     * Selection with the placements' diversity settings.
     *
     * @param settings ranking settings.
     */
    DiverseSelection(final RankingSettings settings)
    {
        this.settings = settings;
    }

    /**
     * Empties the pool for a list of k.
     *
     * @param k products asked for.
     */
    void reset(final int k)
    {
        poolCount = 0;
        poolLimit = Math.min(poolItems.length, Math.max(k * 4, 40));
        offered = 0;
        sorted = false;
    }

    /**
     * Offers a scored candidate to the pool; it stays when among the best so far.
     *
     * @param item  product index.
     * @param score its blended score.
     */
    void offer(final int item, final float score)
    {
        final int order = offered++;
        if (poolCount < poolLimit)
        {
            siftUp(poolCount++, item, score, order);
        }
        else if (score > poolScores[0])
        {
            // Better than the worst kept; an equal score is not: the worst was offered earlier.
            siftDown(0, poolCount, item, score, order);
        }
    }

    /** Products in the pool. */
    int poolCount()
    {
        return poolCount;
    }

    /**
     * Fills {@code out} up to the request's k from the pool: greedy, each step the best score less the
     * redundancy penalty for its brand and category already in the list, skipping products over a hard cap.
     *
     * @param catalog the catalog.
     * @param request the request (k, placement).
     * @param out     the recommendation, possibly holding pinned products already.
     */
    void select(final CatalogSnapshot catalog, final RecommendationRequest request, final Recommendation out)
    {
        sortBestFirst();
        final int[] poolItems = this.poolItems;
        final float[] poolScores = this.poolScores;
        final int poolCount = this.poolCount;
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
        countListed(catalog, out);
        while (out.count() < k)
        {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (int n = 0; n < poolCount; n++)
            {
                final int item = poolItems[n];
                if (item < 0)
                {
                    continue;
                }
                if (poolScores[n] <= bestValue)
                {
                    // The pool is best first and a penalty only lowers a value: nothing further down can win.
                    break;
                }
                final int brand = catalog.brandOf(item);
                final int sameBrand = brand == CatalogSnapshot.MISSING ? 0 : listedOfBrand(brand);
                final int sameCategory = listedOfCategory(catalog.categoryOf(item));
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
            countListed(catalog, poolItems[best]);
            poolItems[best] = -1;
        }
        if (capped)
        {
            countOverCaps(catalog, maxPerBrand, maxPerCategory, out);
        }
    }

    /**
     * Counts as {@link RuleKind#DIVERSITY} every product left in the pool whose brand or category is full in the
     * finished list, when a cap is below k: the steps stop scanning the pool where no product can win, so they do
     * not reach them all.
     */
    private void countOverCaps(final CatalogSnapshot catalog, final int maxPerBrand, final int maxPerCategory,
        final Recommendation out)
    {
        for (int n = 0; n < poolCount; n++)
        {
            final int item = poolItems[n];
            if (item < 0)
            {
                continue;
            }
            final int brand = catalog.brandOf(item);
            if (brand != CatalogSnapshot.MISSING && listedOfBrand(brand) >= maxPerBrand ||
                listedOfCategory(catalog.categoryOf(item)) >= maxPerCategory)
            {
                out.countExcluded(RuleKind.DIVERSITY);
            }
        }
    }

    /** Whether entry a ranks below entry b: a lower score, or the same score offered later. */
    private boolean worse(final float scoreA, final int orderA, final float scoreB, final int orderB)
    {
        return scoreA < scoreB || scoreA == scoreB && orderA > orderB;
    }

    private void siftUp(final int from, final int item, final float score, final int order)
    {
        int position = from;
        while (position > 0)
        {
            final int parent = (position - 1) >>> 1;
            if (!worse(score, order, poolScores[parent], poolOrder[parent]))
            {
                break;
            }
            move(parent, position);
            position = parent;
        }
        place(position, item, score, order);
    }

    private void siftDown(final int from, final int size, final int item, final float score, final int order)
    {
        int position = from;
        while (true)
        {
            int child = 2 * position + 1;
            if (child >= size)
            {
                break;
            }
            if (child + 1 < size &&
                worse(poolScores[child + 1], poolOrder[child + 1], poolScores[child], poolOrder[child]))
            {
                child++;
            }
            if (!worse(poolScores[child], poolOrder[child], score, order))
            {
                break;
            }
            move(child, position);
            position = child;
        }
        place(position, item, score, order);
    }

    /** Heap sort in place: the worst goes to the end, one by one, which leaves the pool best first. */
    private void sortBestFirst()
    {
        if (sorted)
        {
            return;
        }
        for (int end = poolCount - 1; end > 0; end--)
        {
            final int item = poolItems[end];
            final float score = poolScores[end];
            final int order = poolOrder[end];
            move(0, end);
            siftDown(0, end, item, score, order);
        }
        sorted = true;
    }

    private void move(final int from, final int to)
    {
        poolItems[to] = poolItems[from];
        poolScores[to] = poolScores[from];
        poolOrder[to] = poolOrder[from];
    }

    private void place(final int position, final int item, final float score, final int order)
    {
        poolItems[position] = item;
        poolScores[position] = score;
        poolOrder[position] = order;
    }

    /** Starts this request's counts per brand and category with what {@code out} lists already (pins). */
    private void countListed(final CatalogSnapshot catalog, final Recommendation out)
    {
        if (brandStamps.length < catalog.brandCount())
        {
            brandStamps = new int[Math.max(catalog.brandCount(), brandStamps.length * 2)];
            brandCounts = new int[brandStamps.length];
        }
        if (categoryStamps.length < catalog.categoryCount())
        {
            categoryStamps = new int[Math.max(catalog.categoryCount(), categoryStamps.length * 2)];
            categoryCounts = new int[categoryStamps.length];
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(brandStamps, 0);
            Arrays.fill(categoryStamps, 0);
            stamp = 1;
        }
        for (int i = 0; i < out.count(); i++)
        {
            countListed(catalog, out.item(i));
        }
    }

    private void countListed(final CatalogSnapshot catalog, final int item)
    {
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING)
        {
            brandCounts[brand] = listedOfBrand(brand) + 1;
            brandStamps[brand] = stamp;
        }
        final int category = catalog.categoryOf(item);
        categoryCounts[category] = listedOfCategory(category) + 1;
        categoryStamps[category] = stamp;
    }

    private int listedOfBrand(final int brand)
    {
        return brandStamps[brand] == stamp ? brandCounts[brand] : 0;
    }

    private int listedOfCategory(final int category)
    {
        return categoryStamps[category] == stamp ? categoryCounts[category] : 0;
    }
}
