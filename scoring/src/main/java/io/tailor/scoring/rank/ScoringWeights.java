package io.tailor.scoring.rank;

/**
 * Weights of the factors blended into one score per candidate.
 * <p>
 * Every factor is scaled to about [0, 1] (cosines, normalised affinities, log popularity, a decayed
 * freshness), so weights compare directly.
 *
 * @param affinity   cosine of the item with the shopper's long-term affinity vector.
 * @param session    cosine with what the shopper touched in the last minutes and hours.
 * @param context      cosine with the product on the page or in the cart.
 * @param cooccurrence how strongly the item was seen (or bought) together with the page's product, the cart,
 *                     and what the shopper touched recently or bought.
 * @param category   the shopper's normalised affinity to the item's category.
 * @param brand      the shopper's normalised affinity to the item's brand.
 * @param popularity the item's popularity.
 * @param freshness  how new the item is, decayed from its launch.
 * @param priceFit   how close the price is to the shopper's usual price level.
 * @param collaborative the item's collaborative vector ({@link io.tailor.scoring.model.ItemFactors}) . the unit
 *                      sum of those of the context products and what the shopper touched recently or bought:
 *                      "shoppers who liked these liked this", reaching products never seen together with them.
 * @param transition how often shoppers viewed the item right after the page's product and the session's latest
 *                   products ({@link TransitionSignal}): what comes next, not only what goes together.
 * @param similarSessions how strongly the recent sessions most like this one viewed the item
 *                        ({@link SessionNeighbourSignal}, V-SKNN): what shoppers who browsed the same way went on to.
 */
public record ScoringWeights(
    float affinity,
    float session,
    float context,
    float cooccurrence,
    float category,
    float brand,
    float popularity,
    float freshness,
    float priceFit,
    float collaborative,
    float transition,
    float similarSessions)
{
    /** Weight of the transition term on every placement (chosen on a validation split, benchmarks/RESULTS.md). */
    public static final float DEFAULT_TRANSITION = 0.5f;
    /** Weight of the similar-sessions term on every placement (chosen on a validation split, benchmarks/RESULTS.md). */
    public static final float DEFAULT_SIMILAR_SESSIONS = 0f;
    /** Home page: personal taste and the current session dominate. */
    public static final ScoringWeights HOME =
        new ScoringWeights(1.0f, 1.2f, 0f, 1.5f, 0.6f, 0.3f, 0.5f, 0.3f, 0.15f, 3.0f, DEFAULT_TRANSITION);
    /** Product page: the product shown dominates, personal taste tilts. */
    public static final ScoringWeights PRODUCT =
        new ScoringWeights(0.4f, 0.5f, 1.6f, 1.5f, 0.3f, 0.2f, 0.4f, 0.2f, 0.1f, 1.5f, DEFAULT_TRANSITION);
    /**
     * Cart: what goes with the cart's contents. Complements, not substitutes: likeness to the cart
     * (context) counts little, what is bought together with it (co-occurrence) most.
     */
    public static final ScoringWeights CART =
        new ScoringWeights(0.4f, 0.4f, 0.3f, 2.5f, 0.2f, 0.2f, 0.6f, 0.1f, 0.1f, 0.8f, DEFAULT_TRANSITION);
    /** E-mail: long-term taste more than the last session. */
    public static final ScoringWeights EMAIL =
        new ScoringWeights(1.2f, 0.5f, 0f, 1.0f, 0.7f, 0.4f, 0.5f, 0.4f, 0.15f, 2.5f, DEFAULT_TRANSITION);

    /**
     * Validates: every weight finite and within [-10, 10].
     *
     * @param affinity   affinity weight.
     * @param session    session weight.
     * @param context    context weight.
     * @param cooccurrence co-occurrence weight.
     * @param category   category weight.
     * @param brand      brand weight.
     * @param popularity popularity weight.
     * @param freshness  freshness weight.
     * @param priceFit   price fit weight.
     * @param collaborative collaborative weight.
     * @param transition transition weight.
     * @param similarSessions similar-sessions weight.
     */
    public ScoringWeights
    {
        final float[] all = {affinity, session, context, cooccurrence, category, brand, popularity, freshness,
            priceFit, collaborative, transition, similarSessions};
        for (final float w : all)
        {
            if (!(w >= -10f && w <= 10f))
            {
                throw new IllegalArgumentException("scoring weights must be within [-10, 10]: " + w);
            }
        }
    }

    /**
     * Weights with the default similar-sessions weight.
     *
     * @param affinity   affinity weight.
     * @param session    session weight.
     * @param context    context weight.
     * @param cooccurrence co-occurrence weight.
     * @param category   category weight.
     * @param brand      brand weight.
     * @param popularity popularity weight.
     * @param freshness  freshness weight.
     * @param priceFit   price fit weight.
     * @param collaborative collaborative weight.
     * @param transition transition weight.
     */
    public ScoringWeights(final float affinity, final float session, final float context, final float cooccurrence,
        final float category, final float brand, final float popularity, final float freshness, final float priceFit,
        final float collaborative, final float transition)
    {
        this(affinity, session, context, cooccurrence, category, brand, popularity, freshness, priceFit,
            collaborative, transition, DEFAULT_SIMILAR_SESSIONS);
    }

    /**
     * What a stated like adds to a product, once for a liked category and again for a liked brand: the most the
     * shopper's browsing can say for a product through its content (a perfect affinity and session match, her
     * strongest category and brand, her price level) and the most the store's own evidence can (popularity,
     * freshness), so a product she said she likes is ranked above one only her browsing points to, not level with
     * it, however popular or new that one is. What goes with the page, the cart or her recent products
     * (co-occurrence, transitions, collaborative) is left out on purpose: a cart's complements stay first on a cart.
     *
     * @return the bonus.
     */
    public float statedLike()
    {
        return affinity + session + category + brand + priceFit + popularity + freshness;
    }

    /**
     * These weights with another transition weight.
     *
     * @param newTransition the transition weight.
     * @return the changed weights.
     */
    public ScoringWeights withTransition(final float newTransition)
    {
        return new ScoringWeights(affinity, session, context, cooccurrence, category, brand, popularity, freshness,
            priceFit, collaborative, newTransition, similarSessions);
    }

    /**
     * These weights with another similar-sessions weight.
     *
     * @param newSimilarSessions the similar-sessions weight.
     * @return the changed weights.
     */
    public ScoringWeights withSimilarSessions(final float newSimilarSessions)
    {
        return new ScoringWeights(affinity, session, context, cooccurrence, category, brand, popularity, freshness,
            priceFit, collaborative, transition, newSimilarSessions);
    }

    /**
     * Default weights of a placement.
     *
     * @param placement a placement.
     * @return its defaults.
     */
    public static ScoringWeights defaultFor(final Placement placement)
    {
        return switch (placement)
        {
            case HOME -> HOME;
            case PRODUCT -> PRODUCT;
            case CART -> CART;
            case EMAIL -> EMAIL;
        };
    }
}
