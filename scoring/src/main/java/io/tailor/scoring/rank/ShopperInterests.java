package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.StatedPreferences;
import io.tailor.scoring.util.BestFirst;
import io.tailor.scoring.util.Decay;
import io.tailor.scoring.vector.VectorMath;

import java.util.Arrays;

/**
 * Stage 1, what the shopper and the page say about interest: the unit affinity vector, the session (recent
 * products weighted by interaction, recency and position), the unit vector of the page's products, normalised
 * category and brand affinities, stated likes and sizes, the usual price level and the categories of interest
 * that candidate sources draw from.
 * <p>
 * Read by the later stages after {@link #collect}; {@link #clear} must follow every request. Scratch arrays are
 * sized to the catalog and reused: nothing is allocated once they have grown.
 */
final class ShopperInterests
{
    /** Categories of interest that candidate sources draw from, strongest first. */
    static final int MAX_INTEREST_CATEGORIES = 4;
    /** Strongest brands kept as brands of interest (browsed or stated), for the new arrivals of each. */
    static final int MAX_INTEREST_BRANDS = 3;
    /**
     * Each older product of the session counts this much less as a source of "seen together" candidates
     * than the one after it: what a shopper looked at last says most about what comes next. Measured on
     * MovieLens-latest-small (benchmarks/RESULTS.md): NDCG@10 0.035 without, 0.042 with 0.7; 0.5 and 0.85
     * were worse.
     */
    static final float SESSION_POSITION_DECAY = 0.7f;
    /** Interest in a stated liked category when choosing candidate categories: above any inferred one. */
    static final float LIKED_AFFINITY = 1.5f;

    private final long sessionHalfLifeMs;

    private int stamp;
    private int dimensions;
    private float[] affinityUnit = new float[0];
    private float[] sessionUnit = new float[0];
    private float[] contextUnit = new float[0];
    private boolean hasAffinity;
    private boolean hasSession;
    private boolean hasContext;

    private final int[] sessionItems = new int[Profile.MAX_RECENT];
    private final float[] sessionWeights = new float[Profile.MAX_RECENT];
    private final int[] sessionRecent = new int[Profile.MAX_RECENT];
    private int sessionCount;

    private float[] categoryAffinity = new float[0];
    private float[] brandAffinity = new float[0];
    private int[] categoryUsed = new int[0];
    private int[] brandUsed = new int[0];
    private final int[] touchedCategories = new int[Profile.MAX_CATEGORIES * 16];
    private int touchedCategoryCount;
    private final int[] touchedBrands = new int[Profile.MAX_BRANDS];
    private int touchedBrandCount;
    private boolean hasCategories;

    private int[] likedCategory = new int[0];
    private int[] likedBrand = new int[0];
    private boolean hasLiked;
    private StatedPreferences sizes;
    private float priceMean;

    private final int[] interestCategories = new int[MAX_INTEREST_CATEGORIES];
    private final float[] interestWeights = new float[MAX_INTEREST_CATEGORIES];
    private final int[] interestBrands = new int[MAX_INTEREST_BRANDS];
    private final float[] interestBrandWeights = new float[MAX_INTEREST_BRANDS];
    private int interestBrandCount;
    private int interestCount;

    /**
     * Interests with the session's half-life.
     *
     * @param settings ranking settings.
     */
    ShopperInterests(final RankingSettings settings)
    {
        this.sessionHalfLifeMs = settings.sessionHalfLife().toMillis();
    }

    /**
     * Grows the scratch arrays to the catalog and starts a new request.
     *
     * @param catalog the request's catalog.
     */
    void prepare(final CatalogSnapshot catalog)
    {
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
            affinityUnit = new float[dimensions];
            sessionUnit = new float[dimensions];
            contextUnit = new float[dimensions];
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(categoryUsed, 0);
            Arrays.fill(brandUsed, 0);
            Arrays.fill(likedCategory, 0);
            Arrays.fill(likedBrand, 0);
            stamp = 1;
        }
    }

    /**
     * Reads the shopper's interests and the page's products.
     *
     * @param catalog                  the request's catalog, after {@link #prepare}.
     * @param profile                  the consented profile, or {@code null}.
     * @param request                  the request.
     * @param allowedSensitiveCategory the one category whose sensitive products may count as signals, or
     *                                 {@link CatalogSnapshot#MISSING}.
     */
    void collect(final CatalogSnapshot catalog, final Profile profile, final RecommendationRequest request,
        final int allowedSensitiveCategory)
    {
        hasAffinity = false;
        hasSession = false;
        hasCategories = false;
        sessionCount = 0;
        priceMean = Float.NaN;
        hasLiked = false;
        interestCount = 0;
        interestBrandCount = 0;
        sizes = profile != null && profile.preferences().sizeCount() > 0 ? profile.preferences() : null;
        if (profile != null && (profile.hasHistory() || !profile.preferences().isEmpty()))
        {
            hasAffinity = profile.hasAffinity() && profile.dimensions() == dimensions &&
                unit(profile.affinity(), 0, affinityUnit);
            hasSession = buildSession(profile, catalog, request.nowMs(), allowedSensitiveCategory);
            hasCategories = fillAffinities(profile, catalog);
            if (profile.priceSamples() >= 2)
            {
                priceMean = profile.priceLogMean();
            }
        }
        hasContext = request.contextCount() > 0 && contextVector(catalog, request);
    }

    /** Forgets this request's category and brand affinities; after every request. */
    void clear()
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
        interestBrandCount = 0;
    }

    int dimensions()
    {
        return dimensions;
    }

    boolean hasAffinity()
    {
        return hasAffinity;
    }

    float[] affinityUnit()
    {
        return affinityUnit;
    }

    boolean hasSession()
    {
        return hasSession;
    }

    float[] sessionUnit()
    {
        return sessionUnit;
    }

    boolean hasContext()
    {
        return hasContext;
    }

    float[] contextUnit()
    {
        return contextUnit;
    }

    /** Session products that count, most recent first. */
    int sessionCount()
    {
        return sessionCount;
    }

    int sessionItem(final int s)
    {
        return sessionItems[s];
    }

    /** The session product's weight as a source: interaction, recency and position. */
    float sessionWeight(final int s)
    {
        return sessionWeights[s];
    }

    /** The session product's index in the profile's recent items. */
    int sessionRecent(final int s)
    {
        return sessionRecent[s];
    }

    boolean hasCategories()
    {
        return hasCategories;
    }

    /** Affinity by category index, 0 to 1; only meaningful when {@link #hasCategories}. */
    float[] categoryAffinity()
    {
        return categoryAffinity;
    }

    /** Affinity by brand index, 0 to 1; only meaningful when {@link #hasCategories}. */
    float[] brandAffinity()
    {
        return brandAffinity;
    }

    boolean hasLiked()
    {
        return hasLiked;
    }

    /** Whether the category is, or is below, one the shopper said they like. */
    boolean likesCategory(final int category)
    {
        return likedCategory[category] == stamp;
    }

    /** Whether the shopper said they like the brand. */
    boolean likesBrand(final int brand)
    {
        return likedBrand[brand] == stamp;
    }

    /** The shopper's stated preferences when they state sizes, else {@code null}. */
    StatedPreferences sizes()
    {
        return sizes;
    }

    /** Mean log price of what the shopper bought, or NaN when there are too few samples. */
    float priceMean()
    {
        return priceMean;
    }

    int interestCount()
    {
        return interestCount;
    }

    int interestCategory(final int i)
    {
        return interestCategories[i];
    }

    /** Brands of interest: the strongest browsed ones and the stated ones, at most {@link #MAX_INTEREST_BRANDS}. */
    int interestBrandCount()
    {
        return interestBrandCount;
    }

    /** A brand of interest, strongest first. */
    int interestBrand(final int i)
    {
        return interestBrands[i];
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
            if (item == CatalogSnapshot.MISSING || !Exclusions.signalAllowed(catalog, item, allowedSensitiveCategory))
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
                    addBrandInterest(brand, brandAffinity[brand]);
                }
            }
        }
        interests = fillStated(profile, catalog, interests);
        interestCount = interests;
        return touchedCategoryCount > 0;
    }

    /**
     * Marks the stated liked categories (with everything below them) and brands, and makes liked categories
     * the first categories of interest.
     *
     * @return the new number of categories of interest.
     */
    private int fillStated(final Profile profile, final CatalogSnapshot catalog, final int interestsSoFar)
    {
        int interests = interestsSoFar;
        hasLiked = false;
        for (int i = 0; i < profile.preferences().categoryCount(); i++)
        {
            final int liked = catalog.categoryIndexOf(profile.preferences().categoryKey(i));
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
        for (int i = 0; i < profile.preferences().brandCount(); i++)
        {
            final int brand = catalog.brandIndexOf(profile.preferences().brandKey(i));
            if (brand != CatalogSnapshot.MISSING)
            {
                likedBrand[brand] = stamp;
                hasLiked = true;
                addBrandInterest(brand, LIKED_AFFINITY);
            }
        }
        return interests;
    }

    /** Keeps the strongest brands of interest, strongest first, each once (a stated brand may be browsed too). */
    private void addBrandInterest(final int brand, final float weight)
    {
        for (int i = 0; i < interestBrandCount; i++)
        {
            if (interestBrands[i] == brand)
            {
                if (interestBrandWeights[i] >= weight)
                {
                    return;
                }
                // stronger now: taken out, offered again below in its new place
                System.arraycopy(interestBrands, i + 1, interestBrands, i, interestBrandCount - i - 1);
                System.arraycopy(interestBrandWeights, i + 1, interestBrandWeights, i, interestBrandCount - i - 1);
                interestBrandCount--;
                break;
            }
        }
        interestBrandCount = BestFirst.offer(interestBrands, interestBrandWeights, interestBrandCount,
            MAX_INTEREST_BRANDS, brand, weight);
    }

    /** Keeps the strongest categories of interest, strongest first. */
    private int addInterest(final int category, final float weight, final int count)
    {
        return BestFirst.offer(interestCategories, interestWeights, count, MAX_INTEREST_CATEGORIES, category, weight);
    }

    /**
     * How much a recent interaction says about intent now, before decay.
     *
     * @param type the interaction.
     * @return its weight; 0 for interactions that say nothing (impressions, removals, ...).
     */
    static float sessionWeight(final EventType type)
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
}
