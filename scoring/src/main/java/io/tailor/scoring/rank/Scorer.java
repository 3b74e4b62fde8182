package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.StatedPreferences;
import io.tailor.scoring.util.Decay;
import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import io.tailor.scoring.vector.VectorMath;

import java.util.Arrays;
import java.util.List;

/**
 * Stage 5, the scoring terms: one blended score per product,
 * <pre>
 *   query . v (affinity, session and context unit vectors, each by its weight) + co-occurrence + transition
 *   + similar sessions + taste . factors + category + brand + popularity + freshness + price fit + stated likes
 *   + size fit
 * </pre>
 * with the placement's {@link ScoringWeights}. {@link #scoreCandidates} scores a whole candidate list in batches
 * (query and taste dot products first, gathered) and offers each to the {@link DiverseSelection} pool;
 * {@link #score(ItemModel, int)} scores one product with exactly the same bits. Allocation-free once grown.
 */
final class Scorer
{
    /** Scores query . item vector for all candidates in one pass; the same bits as {@link VectorMath#dot}. */
    private static final DotKernel KERNEL = DotKernels.best();
    private static final float PRICE_SIGMA = 0.7f;
    /**
     * The price fit tabled by the distance of a product's log price from the shopper's mean, in steps of 1/1024,
     * read with linear interpolation: within 3e-7 of {@code exp(-z*z/2)} (a few roundings of a float near 1), for
     * two loads and a multiply-add where {@code Math.log} and {@code Math.exp} per candidate took an eighth of a
     * served list's scoring (perf, benchmarks/RESULTS.md). Past {@link #PRICE_FIT_RANGE} (6.4 sigma) the fit is
     * under 2e-9 and taken as 0.
     */
    private static final float PRICE_FIT_STEPS_PER_UNIT = 1024f;
    private static final float PRICE_FIT_RANGE = 4.5f;
    private static final float[] PRICE_FIT = priceFitTable();
    /** Share of the category weight a stated size adds to a product offered in it (or takes from one not). */
    private static final float SIZE_FIT = 0.5f;
    private static final String SIZE_ATTRIBUTE = "size";

    private final RankingSettings settings;
    private final long freshnessHalfLifeMs;
    private final long newArrivalWindowMs;
    private final ShopperInterests interests;
    private final CooccurrenceSignal together;
    private final TransitionSignal transitions;
    private final SessionNeighbourSignal similarSessions;
    private final CollaborativeTaste taste;

    private ScoringWeights weights;
    private long nowMs;
    private int dimensions;
    private float[] query = new float[0];
    private float[] candidateDots = new float[2048];
    private boolean useVector;
    private boolean hasCooccurrence;
    private boolean hasTransitions;
    private boolean hasSimilarSessions;
    private boolean hasTaste;
    private boolean hasCategories;
    private boolean hasLiked;
    /** {@link ScoringWeights#statedLike()} of this request's weights. */
    private float statedLike;
    private float priceMean;
    private StatedPreferences sizes;
    private float[] categoryAffinity;
    private float[] brandAffinity;

    /**
     * A scorer over the signals of the earlier stages.
     *
     * @param settings  ranking settings: weights per placement, freshness.
     * @param interests the shopper's interests.
     * @param together  the "seen or bought together" signal.
     * @param transitions the "viewed next" signal.
     * @param similarSessions the "similar sessions" signal.
     * @param taste     the collaborative taste.
     */
    Scorer(final RankingSettings settings, final ShopperInterests interests, final CooccurrenceSignal together,
        final TransitionSignal transitions, final SessionNeighbourSignal similarSessions,
        final CollaborativeTaste taste)
    {
        this.settings = settings;
        this.freshnessHalfLifeMs = settings.freshnessHalfLife().toMillis();
        this.newArrivalWindowMs = settings.newArrivalWindow().toMillis();
        this.interests = interests;
        this.together = together;
        this.transitions = transitions;
        this.similarSessions = similarSessions;
        this.taste = taste;
    }

    /**
     * Takes the placement's weights and the request's time; first in a request.
     *
     * @param catalog the request's catalog.
     * @param request the request.
     */
    void prepare(final CatalogSnapshot catalog, final RecommendationRequest request)
    {
        weights = settings.weightsFor(request.placement());
        statedLike = weights.statedLike();
        nowMs = request.nowMs();
        if (dimensions != catalog.dimensions())
        {
            dimensions = catalog.dimensions();
            query = new float[dimensions];
        }
    }

    /** Builds the query vector and reads which terms apply, once the signals are collected. */
    void prepareTerms()
    {
        final ShopperInterests interests = this.interests;
        Arrays.fill(query, 0f);
        if (interests.hasAffinity())
        {
            VectorMath.addScaled(query, interests.affinityUnit(), 0, weights.affinity(), dimensions);
        }
        if (interests.hasSession())
        {
            VectorMath.addScaled(query, interests.sessionUnit(), 0, weights.session(), dimensions);
        }
        if (interests.hasContext())
        {
            VectorMath.addScaled(query, interests.contextUnit(), 0, weights.context(), dimensions);
        }
        useVector = interests.hasAffinity() || interests.hasSession() || interests.hasContext();
        hasCooccurrence = together.count() > 0;
        hasTransitions = transitions.count() > 0 && weights.transition() != 0f;
        hasSimilarSessions = similarSessions.count() > 0 && weights.similarSessions() != 0f;
        hasTaste = taste.active();
        hasCategories = interests.hasCategories();
        categoryAffinity = interests.categoryAffinity();
        brandAffinity = interests.brandAffinity();
        hasLiked = interests.hasLiked();
        priceMean = interests.priceMean();
        sizes = interests.sizes();
    }

    /** The placement's weights for this request. */
    ScoringWeights weights()
    {
        return weights;
    }

    /** The request's time. */
    long nowMs()
    {
        return nowMs;
    }

    /**
     * Scores every candidate and offers it to the pool.
     *
     * @param model      item model.
     * @param candidates product indices.
     * @param count      how many of them.
     * @param pool       receives each candidate with its score.
     */
    void scoreCandidates(final ItemModel model, final int[] candidates, final int count, final DiverseSelection pool)
    {
        final CatalogSnapshot catalog = model.catalog();
        final boolean useVector = this.useVector;
        final boolean hasTaste = this.hasTaste;
        if (useVector)
        {
            if (candidateDots.length < count)
            {
                candidateDots = new float[candidates.length];
            }
            KERNEL.dotRows(query, model.vectors(), candidates, count, dimensions, candidateDots);
        }
        if (hasTaste)
        {
            taste.dotCandidates(candidates, count);
        }
        for (int n = 0; n < count; n++)
        {
            final int item = candidates[n];
            pool.offer(item, score(model, catalog, item, useVector ? candidateDots[n] : 0f,
                hasTaste ? taste.candidateDot(n) : 0f));
        }
    }

    /**
     * The blended scores of supplied products for the prepared shopper, in one batch as {@link #scoreCandidates}
     * scores candidates: the same bits as {@link #score(ItemModel, int)} one by one.
     *
     * @param model  item model.
     * @param items  product indices.
     * @param count  how many of them.
     * @param scores receives each product's score, in order.
     */
    void scoreAll(final ItemModel model, final int[] items, final int count, final float[] scores)
    {
        final CatalogSnapshot catalog = model.catalog();
        final boolean useVector = this.useVector;
        final boolean hasTaste = this.hasTaste;
        if (useVector)
        {
            if (candidateDots.length < count)
            {
                candidateDots = new float[Math.max(count, items.length)];
            }
            KERNEL.dotRows(query, model.vectors(), items, count, dimensions, candidateDots);
        }
        if (hasTaste)
        {
            taste.dotCandidates(items, count);
        }
        for (int n = 0; n < count; n++)
        {
            scores[n] = score(model, catalog, items[n], useVector ? candidateDots[n] : 0f,
                hasTaste ? taste.candidateDot(n) : 0f);
        }
    }

    /**
     * The blended score of one product for the prepared shopper.
     *
     * @param model item model.
     * @param item  product index.
     * @return the score, the same bits as in {@link #scoreCandidates}.
     */
    float score(final ItemModel model, final int item)
    {
        return score(model, model.catalog(), item,
            useVector ? KERNEL.dot(query, 0, model.vectors(), item * dimensions, dimensions) : 0f,
            hasTaste ? taste.collaborative(item) : 0f);
    }

    /**
     * The cosine of each product's vector with the request's query vector (the direction of the affinity, session
     * and context terms, as weighted for the placement), by the kernel of the scores: how close a product's content
     * is to the shopper's content taste ({@link NewArrivalSlot}). Item vectors are unit, so it is each dot product
     * over the query's length.
     *
     * @param model item model.
     * @param items product indices.
     * @param count how many of them.
     * @param out   receives one cosine per product, {@code count} at most its length.
     * @return false, with nothing written, when the request has no query vector.
     */
    boolean querySimilarity(final ItemModel model, final int[] items, final int count, final float[] out)
    {
        final float length = useVector ? (float)Math.sqrt(VectorMath.dot(query, 0, query, 0, dimensions)) : 0f;
        if (!(length > 0f))
        {
            return false;
        }
        KERNEL.dotRows(query, model.vectors(), items, count, dimensions, out);
        final float scale = 1f / length;
        for (int n = 0; n < count; n++)
        {
            out[n] *= scale;
        }
        return true;
    }

    /**
     * Freshness of a product: decays from 1 at launch over the freshness half-life, 0 outside the new-arrival
     * window or without a launch date.
     *
     * @param catalog the catalog.
     * @param item    product index.
     * @return 0 to 1.
     */
    float freshness(final CatalogSnapshot catalog, final int item)
    {
        final long launched = catalog.launchedAt(item);
        if (launched == Product.UNKNOWN_LAUNCH || launched > nowMs ||
            nowMs - launched > newArrivalWindowMs)
        {
            return 0f;
        }
        return (float)Decay.factor(nowMs - launched, freshnessHalfLifeMs);
    }

    /**
     * How well a price fits the shopper's usual (log-normal around their mean log price), by the table.
     *
     * @param logPrice the product's log price ({@link CatalogSnapshot#logPrice(int)}), NaN for none.
     * @param logMean  the shopper's mean log price.
     * @return 0 to 1; 0 for no price.
     */
    static float priceFitOfLog(final float logPrice, final float logMean)
    {
        final float at = Math.abs(logPrice - logMean) * PRICE_FIT_STEPS_PER_UNIT;
        if (!(at < PRICE_FIT_RANGE * PRICE_FIT_STEPS_PER_UNIT))
        {
            return 0f;
        }
        final int step = (int)at;
        final float below = PRICE_FIT[step];
        return below + (PRICE_FIT[step + 1] - below) * (at - step);
    }

    /** exp(-z*z/2) at every step of the log-price distance, one step past the range so the last one interpolates. */
    private static float[] priceFitTable()
    {
        final int steps = (int)(PRICE_FIT_RANGE * PRICE_FIT_STEPS_PER_UNIT);
        final float[] table = new float[steps + 2];
        for (int i = 0; i < table.length; i++)
        {
            final double z = i / (double)PRICE_FIT_STEPS_PER_UNIT / PRICE_SIGMA;
            table[i] = (float)Math.exp(-0.5 * z * z);
        }
        return table;
    }

    /**
     * The blended score of one product whose query . vector, {@code queryDot}, and taste . factor vector,
     * {@code tasteDot}, are already computed.
     */
    private float score(final ItemModel model, final CatalogSnapshot catalog, final int item, final float queryDot,
        final float tasteDot)
    {
        final ScoringWeights w = weights;
        float score = w.popularity() * model.popularity(item) + w.freshness() * freshness(catalog, item);
        if (useVector)
        {
            score += queryDot;
        }
        if (hasCooccurrence)
        {
            score += w.cooccurrence() * together.cooccurrence(item);
        }
        if (hasTransitions)
        {
            score += w.transition() * transitions.transition(item);
        }
        if (hasSimilarSessions)
        {
            score += w.similarSessions() * similarSessions.similarSessions(item);
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
            score += w.priceFit() * priceFitOfLog(catalog.logPrice(item), priceMean);
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

    /** What stated likes add to a product: {@link ScoringWeights#statedLike()} per liked category and brand. */
    private float likedBonus(final CatalogSnapshot catalog, final int item)
    {
        float bonus = 0f;
        if (interests.likesCategory(catalog.categoryOf(item)))
        {
            bonus += statedLike;
        }
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING && interests.likesBrand(brand))
        {
            bonus += statedLike;
        }
        return bonus;
    }

    /** +{@link #SIZE_FIT} when offered in a stated size, -{@link #SIZE_FIT} when sized but not in one, else 0. */
    static float sizeFit(final CatalogSnapshot catalog, final int item, final StatedPreferences shopper)
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
}
