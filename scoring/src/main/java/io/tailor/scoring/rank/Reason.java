package io.tailor.scoring.rank;

/**
 * One factor that put an item in a list, as shown to a marketer or a shopper.
 *
 * @param code         machine-readable kind: {@code viewed}, {@code carted}, {@code bought}, {@code rated},
 *                     {@code similar}, {@code taste}, {@code category}, {@code brand}, {@code popular},
 *                     {@code new_arrival}, {@code price}, {@code recently_viewed} (a product the shopper
 *                     looked at, shown again), {@code promoted} (the list's promoted slot), {@code viewed_next}
 *                     (shoppers often look at it next after the named product).
 * @param text         a sentence such as "viewed Trail Runner 3 minutes ago".
 * @param contribution how much the factor added to the score.
 * @param product      the product the reason refers to, or {@code null}.
 * @param category     the category the reason refers to, or {@code null}.
 * @param promotion    the promotion that put the item in the list, or {@code null}.
 * @param match        with {@code new_arrival} of the list's exploration slot, which of the shopper's interests
 *                     the product matched ({@link Recommendation#exploredMatch()}), else {@code null}.
 */
public record Reason(String code, String text, float contribution, String product, String category,
    String promotion, String match)
{
    /**
     * A reason that is not an exploration slot's.
     *
     * @param code         kind.
     * @param text         sentence.
     * @param contribution score added.
     * @param product      product referred to, or {@code null}.
     * @param category     category referred to, or {@code null}.
     * @param promotion    promotion, or {@code null}.
     */
    public Reason(final String code, final String text, final float contribution, final String product,
        final String category, final String promotion)
    {
        this(code, text, contribution, product, category, promotion, null);
    }

    /**
     * A reason that is not a promotion.
     *
     * @param code         kind.
     * @param text         sentence.
     * @param contribution score added.
     * @param product      product referred to, or {@code null}.
     * @param category     category referred to, or {@code null}.
     */
    public Reason(final String code, final String text, final float contribution, final String product,
        final String category)
    {
        this(code, text, contribution, product, category, null, null);
    }
}
