package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;

/**
 * What a recommendation is asked for; one instance is reused per thread.
 */
public final class RecommendationRequest
{
    /** Largest k accepted. */
    public static final int MAX_K = 100;

    /** Most products a supplied list to re-rank may hold ({@link Recommender#rerank}). */
    public static final int MAX_RERANK = 500;

    /** Most context products (a cart's lines) one request may name. */
    public static final int MAX_CONTEXT = 64;
    /** {@link #shopperKey()} when no shopper is named. */
    public static final long NO_SHOPPER = Long.MIN_VALUE;

    private Placement placement = Placement.HOME;
    private int k = 10;
    private final int[] contextItems = new int[MAX_CONTEXT];
    private int contextCount;
    private final int[] excludedItems = new int[MAX_CONTEXT];
    private int excludedCount;
    private int categoryFilter = CatalogSnapshot.MISSING;
    private boolean explain;
    private long nowMs;
    private long shopperSeed;
    private long shopperKey = NO_SHOPPER;
    private boolean promotions = true;
    private boolean exploration = true;

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
        contextCount = 0;
        excludedCount = 0;
        categoryFilter = CatalogSnapshot.MISSING;
        explain = false;
        shopperSeed = 0L;
        shopperKey = NO_SHOPPER;
        promotions = true;
        exploration = true;
        this.nowMs = nowMs;
        return this;
    }

    /**
     * The key of the asking shopper's id ({@code Hashing.key}), whose own session is not one of the similar
     * sessions ({@code SessionNeighbourSignal}).
     *
     * @return the key; {@link #NO_SHOPPER} when not given.
     */
    public long shopperKey()
    {
        return shopperKey;
    }

    /**
     * Sets the key of the asking shopper's id.
     *
     * @param key the key.
     * @return this.
     */
    public RecommendationRequest shopperKey(final long key)
    {
        this.shopperKey = key;
        return this;
    }

    /**
     * What makes this shopper's random choices (the exploration slot's draws) their own and repeatable: the same
     * seed and model give the same list, so a page reloaded shows what it showed.
     *
     * @return the seed; 0 for none (each request draws afresh).
     */
    public long shopperSeed()
    {
        return shopperSeed;
    }

    /**
     * Sets the shopper's seed, e.g. a hash of the shopper's id and the current ten minutes.
     *
     * @param seed the seed; 0 for none.
     * @return this.
     */
    public RecommendationRequest shopperSeed(final long seed)
    {
        this.shopperSeed = seed;
        return this;
    }

    /**
     * Whether the list may have a promoted slot ({@code PromotedSlot}).
     *
     * @return true unless turned off for this request.
     */
    public boolean promotions()
    {
        return promotions;
    }

    /**
     * Turns the promoted slot off for an answer whose impressions are not counted towards a promotion and that
     * cannot check the shopper's frequency cap (a degraded answer).
     *
     * @param allowed whether the list may have one.
     * @return this.
     */
    public RecommendationRequest promotions(final boolean allowed)
    {
        this.promotions = allowed;
        return this;
    }

    /**
     * Whether the list may have an exploration slot ({@code NewArrivalSlot}).
     *
     * @return true unless turned off for this request.
     */
    public boolean exploration()
    {
        return exploration;
    }

    /**
     * Turns the exploration slot off for an answer that cannot check the shopper's frequency cap and whose
     * impressions are not counted towards a new arrival's floor (a degraded answer): the slot would spend an
     * impression the cap may not allow and the floor would not see.
     *
     * @param allowed whether the list may have one.
     * @return this.
     */
    public RecommendationRequest exploration(final boolean allowed)
    {
        this.exploration = allowed;
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
     * The product on the page (the first context product), as an index in the catalog snapshot used.
     *
     * @return product index or {@link CatalogSnapshot#MISSING}.
     */
    public int contextItem()
    {
        return contextCount == 0 ? CatalogSnapshot.MISSING : contextItems[0];
    }

    /**
     * Number of context products: the product on the page, or the cart's lines.
     *
     * @return the count.
     */
    public int contextCount()
    {
        return contextCount;
    }

    /**
     * The i-th context product.
     *
     * @param i 0 to {@link #contextCount()} - 1.
     * @return product index.
     */
    public int contextAt(final int i)
    {
        return contextItems[i];
    }

    /**
     * Sets the product on the page (replacing any context).
     *
     * @param item product index in the snapshot used, or {@link CatalogSnapshot#MISSING} for none.
     * @return this.
     */
    public RecommendationRequest contextItem(final int item)
    {
        contextCount = 0;
        return addContextItem(item);
    }

    /**
     * Adds a context product, e.g. a cart line; ignored when missing, already present or past
     * {@link #MAX_CONTEXT}.
     *
     * @param item product index in the snapshot used, or {@link CatalogSnapshot#MISSING}.
     * @return this.
     */
    public RecommendationRequest addContextItem(final int item)
    {
        if (item == CatalogSnapshot.MISSING || contextCount == MAX_CONTEXT)
        {
            return this;
        }
        for (int i = 0; i < contextCount; i++)
        {
            if (contextItems[i] == item)
            {
                return this;
            }
        }
        contextItems[contextCount++] = item;
        return this;
    }

    /**
     * Leaves a product out of the list (besides the context products, which are always left out); ignored
     * when missing or past {@link #MAX_CONTEXT}.
     *
     * @param item product index in the snapshot used, or {@link CatalogSnapshot#MISSING}.
     * @return this.
     */
    public RecommendationRequest exclude(final int item)
    {
        if (item != CatalogSnapshot.MISSING && excludedCount < MAX_CONTEXT)
        {
            excludedItems[excludedCount++] = item;
        }
        return this;
    }

    /**
     * Number of products the request leaves out.
     *
     * @return the count.
     */
    public int excludedCount()
    {
        return excludedCount;
    }

    /**
     * The i-th product the request leaves out.
     *
     * @param i 0 to {@link #excludedCount()} - 1.
     * @return product index.
     */
    public int excludedAt(final int i)
    {
        return excludedItems[i];
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
