package io.tailor.scoring.model;

/**
 * How much a view, an add-to-cart and a purchased unit count towards popularity.
 *
 * @param view     weight of a view.
 * @param cart     weight of an add-to-cart.
 * @param purchase weight of a purchased unit.
 */
public record PopularityWeights(double view, double cart, double purchase)
{
    /** Defaults: a purchase says about eight times what a view says. */
    public static final PopularityWeights DEFAULT = new PopularityWeights(1.0, 3.0, 8.0);
}
