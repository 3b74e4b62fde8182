package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;

/**
 * What a recommendation is asked for; one instance is reused per thread.
 */
public final class RecommendationRequest
{
    /** Largest k accepted. */
    public static final int MAX_K = 100;

    private Placement placement = Placement.HOME;
    private int k = 10;
    private int contextItem = CatalogSnapshot.MISSING;
    private int categoryFilter = CatalogSnapshot.MISSING;
    private boolean explain;
    private long nowMs;

    /**
     * Resets to a home-page request for 10 items at a time.
     *
     * @param nowMs current time, epoch milliseconds.
     * @return this.
     */
    public RecommendationRequest reset(final long nowMs)
    {
        placement = Placement.HOME;
        k = 10;
        contextItem = CatalogSnapshot.MISSING;
        categoryFilter = CatalogSnapshot.MISSING;
        explain = false;
        this.nowMs = nowMs;
        return this;
    }

    /**
     * Placement.
     *
     * @return where the list is shown.
     */
    public Placement placement()
    {
        return placement;
    }

    /**
     * Sets the placement.
     *
     * @param placement where the list is shown.
     * @return this.
     */
    public RecommendationRequest placement(final Placement placement)
    {
        this.placement = placement;
        return this;
    }

    /**
     * Number of items wanted.
     *
     * @return k.
     */
    public int k()
    {
        return k;
    }

    /**
     * Sets the number of items wanted.
     *
     * @param k 1 to {@link #MAX_K}.
     * @return this.
     */
    public RecommendationRequest k(final int k)
    {
        if (k < 1 || k > MAX_K)
        {
            throw new IllegalArgumentException("k must be in 1.." + MAX_K + ": " + k);
        }
        this.k = k;
        return this;
    }

    /**
     * The product on the page, as an index in the catalog snapshot used.
     *
     * @return product index or {@link CatalogSnapshot#MISSING}.
     */
    public int contextItem()
    {
        return contextItem;
    }

    /**
     * Sets the product on the page.
     *
     * @param item product index in the snapshot used, or {@link CatalogSnapshot#MISSING}.
     * @return this.
     */
    public RecommendationRequest contextItem(final int item)
    {
        this.contextItem = item;
        return this;
    }

    /**
     * Category every item must be in.
     *
     * @return category index or {@link CatalogSnapshot#MISSING} for none.
     */
    public int categoryFilter()
    {
        return categoryFilter;
    }

    /**
     * Restricts items to a category and its subcategories.
     *
     * @param category category index or {@link CatalogSnapshot#MISSING}.
     * @return this.
     */
    public RecommendationRequest categoryFilter(final int category)
    {
        this.categoryFilter = category;
        return this;
    }

    /**
     * Whether reasons are wanted.
     *
     * @return true to explain.
     */
    public boolean explain()
    {
        return explain;
    }

    /**
     * Asks for reasons.
     *
     * @param explain true to explain each item.
     * @return this.
     */
    public RecommendationRequest explain(final boolean explain)
    {
        this.explain = explain;
        return this;
    }

    /**
     * Time the request is answered at.
     *
     * @return epoch milliseconds.
     */
    public long nowMs()
    {
        return nowMs;
    }
}
