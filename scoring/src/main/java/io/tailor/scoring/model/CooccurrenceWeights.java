package io.tailor.scoring.model;

/**
 * How much each kind of pair adds to "seen together" and to "bought together".
 *
 * @param viewTogether     a co-view's "together" weight.
 * @param cartTogether     a co-cart's "together" weight.
 * @param purchaseTogether a co-purchase's "together" weight.
 * @param cartBought       a co-cart's "bought together" weight.
 * @param purchaseBought   a co-purchase's "bought together" weight.
 */
public record CooccurrenceWeights(
    double viewTogether,
    double cartTogether,
    double purchaseTogether,
    double cartBought,
    double purchaseBought)
{
    /** Defaults: intent grows from views to carts to purchases; only carts and purchases mean "bought together". */
    public static final CooccurrenceWeights DEFAULT = new CooccurrenceWeights(1.0, 2.0, 3.0, 1.0, 3.0);

    /**
     * "Together" weight of a kind.
     *
     * @param kind pair kind.
     * @return the weight.
     */
    public double together(final CooccurrenceKind kind)
    {
        return switch (kind)
        {
            case VIEW -> viewTogether;
            case CART -> cartTogether;
            case PURCHASE -> purchaseTogether;
        };
    }

    /**
     * "Bought together" weight of a kind.
     *
     * @param kind pair kind.
     * @return the weight.
     */
    public double bought(final CooccurrenceKind kind)
    {
        return switch (kind)
        {
            case VIEW -> 0.0;
            case CART -> cartBought;
            case PURCHASE -> purchaseBought;
        };
    }
}
