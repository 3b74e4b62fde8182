package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;

/**
 * How strongly each kind of interaction moves a shopper's affinities.
 *
 * @param view           a product view.
 * @param click          a click on a product.
 * @param addToCart      an add-to-cart.
 * @param removeFromCart a removal from the cart (usually negative).
 * @param purchase       a purchased product.
 * @param refund         a refunded product (usually negative).
 * @param ratingScale    a rating r (1 to 5) weighs {@code (r - 3) * ratingScale}: 5 stars attract, 1 repels.
 */
public record EventWeights(
    double view,
    double click,
    double addToCart,
    double removeFromCart,
    double purchase,
    double refund,
    double ratingScale)
{
    /** Defaults: intent grows from view to cart to purchase. */
    public static final EventWeights DEFAULT = new EventWeights(1.0, 1.5, 3.0, -1.5, 5.0, -4.0, 1.5);

    /**
     * Weight of one event.
     *
     * @param type  event type.
     * @param value the event's value (the rating for {@link EventType#RATING}), or NaN.
     * @return the weight; 0 for types that do not name a product.
     */
    public double weight(final EventType type, final double value)
    {
        return switch (type)
        {
            case VIEW -> view;
            case CLICK -> click;
            case ADD_TO_CART -> addToCart;
            case REMOVE_FROM_CART -> removeFromCart;
            case PURCHASE -> purchase;
            case REFUND -> refund;
            case RATING -> Double.isNaN(value) ? 0.0 : (value - 3.0) * ratingScale;
            default -> 0.0;
        };
    }
}
