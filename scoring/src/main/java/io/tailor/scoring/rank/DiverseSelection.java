package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.util.BestFirst;

/**
 * Stage 6, diverse selection: keeps the best-scored candidates in a pool (four times k, at least 40), then
 * fills the list greedily, each step taking the product with the best score less the placement's redundancy
 * penalty per product of the same brand or category already listed, never over the placement's hard caps per
 * brand and category (each product dropped for a cap is counted as {@link RuleKind#DIVERSITY}). With no caps
 * and no penalty the pool's order is the list. The pool is fixed-size and reused: no allocation.
 */
final class DiverseSelection
{
    private final RankingSettings settings;
    private final int[] poolItems = new int[RecommendationRequest.MAX_K * 4];
    private final float[] poolScores = new float[RecommendationRequest.MAX_K * 4];
    private int poolCount;
    private int poolLimit;

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
    }

    /**
     * Offers a scored candidate to the pool; it stays when among the best so far.
     *
     * @param item  product index.
     * @param score its blended score.
     */
    void offer(final int item, final float score)
    {
        poolCount = BestFirst.offer(poolItems, poolScores, poolCount, poolLimit, item, score);
    }

    /** Products in the pool, best first. */
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
}
