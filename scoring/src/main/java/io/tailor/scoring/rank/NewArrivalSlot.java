package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;

/**
 * Stage 6b, exploration: a ranking by evidence never shows what has no evidence yet, so at most one slot of a
 * list goes to a new arrival that has not had its exposure floor today ({@link ExplorationSettings}).
 * <p>
 * Eligible: launched within the new-arrival window, shown fewer than {@code exposureFloor} times in about the last
 * day cluster-wide ({@link ItemModel#shownLately(int)}), not in the list already, and passing every rule of
 * {@link Exclusions} (stock, frequency cap, purchased, sensitive, category filter, dislikes, blocks). Looked for
 * among the newest products of the shopper's interest categories, of her brands of interest (the strongest browsed
 * and the stated ones, whatever their category: a shopper who follows a brand hears of its launches), of the
 * page's category, and among the catalog's newest whose content vector is close to her content taste (the
 * direction of the scoring's affinity, session and context terms, {@link #CONTENT_MATCH}): a new product in a
 * category she never browsed, of a brand she does not know, whose category path, attributes and price resemble
 * what she browses. A shopper with no interests at all is shown the catalog's newest. Among the eligible, Thompson
 * sampling on each product's click-through of late on the list's placement ({@code Beta(1 + clicks, 1 + impressions
 * - clicks)}, drawn by its normal approximation; the product's pooled counts while the placement has too little
 * evidence of its own, {@link #PLACEMENT_EVIDENCE}) picks one: a new arrival that gets clicked wins its draws more
 * often, one that does not fades back, and one clicked on product pages but ignored at home does so on each
 * placement apart. It takes the list's last place that is not pinned. The draws come from the request's
 * {@link RecommendationRequest#shopperSeed()} when it has one, one number per shopper and product, so one shopper's
 * reloads show the same list even as the counts move, and different shoppers spread the exposure.
 * <p>
 * Allocation-free; one instance per recommender (per thread), with its own random source. Which interest brought
 * the chosen product in ({@link #MATCH_CATEGORY}, ...) goes with it into the list for the explanation.
 */
final class NewArrivalSlot
{
    /** Most eligible products drawn for per list scanned. */
    private static final int DRAWS_PER_LIST = 16;
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;
    /** Most products looked at per list scanned (a category keeps its 64 newest). */
    private static final int SCANNED_PER_LIST = 32;
    /**
     * Most products looked at per brand list, from its newest: a brand's latest launches are a second way in beside
     * the categories (which bring up all of a category's, from a random start), so its lists get a quarter of a
     * category's share of the work, which keeps the slot's cost per request close to what it was before brands (the
     * served path's cost is budgeted).
     */
    private static final int SCANNED_PER_BRAND = 8;
    /**
     * Impressions on a placement from which its own click-through is drawn. Below it the placement's posterior
     * is still close to the flat prior, and drawing from it would explore the product there as if nothing were known
     * while its pooled counts (every placement's, and clicks from no known list) already tell much; above it the
     * placement's own rate is sharp enough for the differences between placements (a product page's shopper is
     * further along than the home page's) to matter more than the extra evidence pooling adds.
     */
    static final float PLACEMENT_EVIDENCE = 20f;
    /**
     * Most new arrivals whose content is compared with the shopper's per list: of the catalog's newest
     * ({@link CatalogSnapshot#newArrivals()}, its 256 newest) within the new-arrival window, from a place of the
     * request's draws and wrapping, those in stock, still owed impressions and not listed; over requests every one
     * is compared. One batch of dot products of the scoring's kernel; the served path's cost is budgeted, and 32
     * cost 4 to 5 % of an in-process request's CPU time (a 64-dimension row gathered is about 12 ns, the scan before
     * it half as much again; benchmarks/RESULTS.md, "New arrivals"), so a list compares 16.
     */
    static final int CONTENT_SCANNED = 16;
    /**
     * Cosine of a new arrival's content vector with the shopper's content taste from which it matches her
     * interests. In the 64 dimensions of the default content vectors (feature hashing, {@code ContentVectorizer}),
     * measured on products of the synthetic store's kind (three-level categories, a brand, three attributes, a
     * price): two products of the same leaf category have a median cosine of 0.65 (the summed vectors of up to
     * four products of one leaf, as a taste, and another of that leaf: 0.79, 99.8 % at 0.5 or more), two of the
     * same parent but different leaves 0.28 (95th percentile 0.48; against such a taste 5.6 % at 0.5 or more), two
     * of different departments 0.06 (99th percentile 0.42, from shared attributes, price bands and hash
     * collisions; against a taste 0.2 % at 0.5 or more). So 0.5 admits what shares most of its features with what
     * she browses and almost nothing by chance: a product of a new leaf beside hers with her products' attributes
     * and price band (about 0.57), not one that shares only a department and a price band (about 0.3).
     */
    static final float CONTENT_MATCH = 0.5f;
    /** The slot's product is of one of the shopper's interest categories. */
    static final String MATCH_CATEGORY = "category";
    /** The slot's product is of one of the shopper's brands of interest. */
    static final String MATCH_BRAND = "brand";
    /** The slot's product is of the category of the page's product. */
    static final String MATCH_PAGE = "page";
    /** The slot's product's content vector is close to the shopper's content taste ({@link #CONTENT_MATCH}). */
    static final String MATCH_CONTENT = "content";

    private final ExplorationSettings settings;
    private final long windowMs;
    /** SplitMix64 state of requests without a shopper seed. */
    private long random;
    /** The seed of this request's draws: the shopper's, or the next of {@link #random}. */
    private long drawSeed;
    /** Where this request's scan starts, advanced per list scanned. */
    private long requestSeed;
    private int best;
    private double bestDraw;
    /** Which interest brought {@link #best} in, or {@code null} for the catalog's newest. */
    private String bestMatch;
    /** The new arrivals compared with the shopper's content taste, and their cosines. */
    private final int[] contentItems = new int[CONTENT_SCANNED];
    private final float[] contentSimilarity = new float[CONTENT_SCANNED];
    /** Products of the list being filled, marked with this request's stamp: a lookup instead of a scan. */
    private int[] listed = new int[0];
    private int stamp;

    /**
     * The stage.
     *
     * @param settings ranking settings: exploration and the new-arrival window.
     * @param seed     seed of the random source (Thompson draws).
     */
    NewArrivalSlot(final RankingSettings settings, final long seed)
    {
        this.settings = settings.exploration();
        this.windowMs = settings.newArrivalWindow().toMillis();
        this.random = seed;
    }

    /**
     * Puts a new arrival into the list's exploration slot when the placement has one, the request allows it
     * ({@link RecommendationRequest#exploration()}) and one is eligible.
     *
     * @param model      the item model.
     * @param request    the request.
     * @param interests  the shopper's interests, prepared for this request.
     * @param exclusions the request's rules, prepared.
     * @param scorer     the request's scorer, prepared (the slot's item gets its ordinary score).
     * @param out        the selected list.
     */
    void fill(final ItemModel model, final RecommendationRequest request, final ShopperInterests interests,
        final Exclusions exclusions, final Scorer scorer, final Recommendation out)
    {
        if (!request.exploration() || settings.slotsFor(request.placement()) == 0 || request.k() < 2)
        {
            return;
        }
        final CatalogSnapshot catalog = model.catalog();
        best = -1;
        bestDraw = Double.NEGATIVE_INFINITY;
        bestMatch = null;
        markListed(catalog.size(), out);
        drawSeed = request.shopperSeed() != 0L ? request.shopperSeed() : mix(random += GOLDEN);
        requestSeed = drawSeed;
        final boolean anyInterest = interests.hasCategories() || interests.hasContext() || interests.hasLiked();
        if (anyInterest)
        {
            for (int i = 0; i < interests.interestCount(); i++)
            {
                consider(model, catalog.categoryNewArrivals(interests.interestCategory(i)), request, exclusions, out,
                    SCANNED_PER_LIST, true, MATCH_CATEGORY);
            }
            for (int i = 0; i < interests.interestBrandCount(); i++)
            {
                consider(model, catalog.brandNewArrivals(interests.interestBrand(i)), request, exclusions, out,
                    SCANNED_PER_BRAND, false, MATCH_BRAND);
            }
            final int context = request.contextItem();
            if (context != CatalogSnapshot.MISSING)
            {
                consider(model, catalog.categoryNewArrivals(catalog.categoryOf(context)), request, exclusions, out,
                    SCANNED_PER_LIST, true, MATCH_PAGE);
            }
            considerContent(model, request, exclusions, scorer);
        }
        else
        {
            consider(model, catalog.newArrivals(), request, exclusions, out, SCANNED_PER_LIST, true, null);
        }
        if (best >= 0)
        {
            out.explore(best, scorer.score(model, best), request.k(), bestMatch);
        }
    }

    /**
     * Draws for the eligible products of a newest-first list and keeps the best draw. The scan starts at a random
     * place (or at the newest) and wraps, looks at {@code scanLimit} products at most and draws for
     * {@link #DRAWS_PER_LIST} at most: when a whole category is new (a first import without launch dates) the work
     * stays bounded, and over requests every one is considered.
     */
    private void consider(final ItemModel model, final int[] newestFirst, final RecommendationRequest request,
        final Exclusions exclusions, final Recommendation out, final int scanLimit, final boolean randomStart,
        final String match)
    {
        final int length = newestFirst.length;
        if (length == 0)
        {
            return;
        }
        final CatalogSnapshot catalog = model.catalog();
        final long nowMs = request.nowMs();
        final int floor = settings.exposureFloor();
        final int placement = request.placement().ordinal();
        final int start = randomStart ? (int)(nextDouble() * length) : 0;
        int draws = 0;
        for (int n = 0, scanned = Math.min(length, scanLimit); n < scanned && draws < DRAWS_PER_LIST; n++)
        {
            final int item = newestFirst[(start + n) % length];
            final long launched = catalog.launchedAt(item);
            final float shown = model.shownLately(item);
            if (nowMs - launched > windowMs || launched > nowMs || shown >= floor || item == best ||
                listed[item] == stamp || exclusions.rejection(catalog, item, request.categoryFilter()) != null)
            {
                continue;
            }
            draws++;
            drawFor(model, item, placement, shown, match);
        }
    }

    /**
     * Draws for the new arrivals whose content is close to the shopper's content taste, whatever their category
     * and brand: among the catalog's newest within the window, from a random place, the first
     * {@link #CONTENT_SCANNED} that are in stock, still owed impressions and not listed are compared in one batch,
     * and those at {@link #CONTENT_MATCH} or closer that pass every rule are drawn for ({@link #DRAWS_PER_LIST} at
     * most). Nothing when the request has no content taste (no affinity, session or page).
     */
    private void considerContent(final ItemModel model, final RecommendationRequest request,
        final Exclusions exclusions, final Scorer scorer)
    {
        final CatalogSnapshot catalog = model.catalog();
        final int[] newestFirst = catalog.newArrivals();
        final long nowMs = request.nowMs();
        final int floor = settings.exposureFloor();
        final int inWindow = launchedSince(catalog, newestFirst, nowMs - windowMs);
        if (inWindow == 0)
        {
            return;
        }
        final int start = (int)(nextDouble() * inWindow);
        int count = 0;
        for (int n = 0; n < inWindow && count < CONTENT_SCANNED; n++)
        {
            final int item = newestFirst[(start + n) % inWindow];
            if (catalog.launchedAt(item) <= nowMs && catalog.inStock(item) && listed[item] != stamp &&
                item != best && model.shownLately(item) < floor)
            {
                contentItems[count++] = item;
            }
        }
        if (count == 0 || !scorer.querySimilarity(model, contentItems, count, contentSimilarity))
        {
            return;
        }
        final int placement = request.placement().ordinal();
        int draws = 0;
        for (int n = 0; n < count && draws < DRAWS_PER_LIST; n++)
        {
            final int item = contentItems[n];
            if (contentSimilarity[n] < CONTENT_MATCH || item == best ||
                exclusions.rejection(catalog, item, request.categoryFilter()) != null)
            {
                continue;
            }
            draws++;
            drawFor(model, item, placement, model.shownLately(item), MATCH_CONTENT);
        }
    }

    /** How many of a newest-first list were launched at {@code cutoffMs} or later: a binary search. */
    private static int launchedSince(final CatalogSnapshot catalog, final int[] newestFirst, final long cutoffMs)
    {
        int low = 0;
        int high = newestFirst.length;
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (catalog.launchedAt(newestFirst[mid]) >= cutoffMs)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low;
    }

    /** One Thompson draw for an eligible product; keeps it when it is the best draw so far. */
    private void drawFor(final ItemModel model, final int item, final int placement, final float shown,
        final String match)
    {
        final float shownHere = model.shownLately(item, placement);
        final float seen = shownHere >= PLACEMENT_EVIDENCE ? shownHere : shown;
        final float clicked = Math.min(shownHere >= PLACEMENT_EVIDENCE ? model.clickedLately(item, placement) :
            model.clickedLately(item), seen);
        final double draw = draw(model.catalog().key(item), 1.0 + clicked, 1.0 + seen - clicked);
        if (draw > bestDraw)
        {
            bestDraw = draw;
            best = item;
            bestMatch = match;
        }
    }

    private void markListed(final int catalogSize, final Recommendation out)
    {
        if (listed.length < catalogSize)
        {
            listed = new int[Math.max(catalogSize, listed.length * 2)];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            java.util.Arrays.fill(listed, 0);
            stamp = 1;
        }
        for (int i = 0; i < out.count(); i++)
        {
            listed[out.item(i)] = stamp;
        }
    }

    /**
     * A Thompson draw from Beta(a, b) by its normal approximation, mean + z * sd, where z is this shopper's and this
     * product's own standard normal number (common random numbers): while the posterior moves little the draw moves
     * little, so a reloaded page keeps its new arrival, and different shoppers get different ones.
     */
    private double draw(final long productKey, final double a, final double b)
    {
        final double n = a + b;
        final double sd = Math.sqrt(a * b / (n * n * (n + 1.0)));
        final long z = mix(drawSeed ^ productKey * GOLDEN);
        final double u1 = Math.max(unit(z), 0x1.0p-53);
        final double u2 = unit(mix(z + GOLDEN));
        return a / n + sd * Math.sqrt(-2.0 * Math.log(u1)) * Math.cos(2.0 * Math.PI * u2);
    }

    /** A uniform number in [0, 1) of this request's draws. */
    private double nextDouble()
    {
        requestSeed += GOLDEN;
        return unit(mix(requestSeed));
    }

    private static double unit(final long bits)
    {
        return (bits >>> 11) * 0x1.0p-53;
    }

    /** SplitMix64's finaliser. */
    private static long mix(final long seed)
    {
        long z = seed;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
