package io.tailor.loadtest.scenario;

/**
 * The storefront scenario's mix, per page view. A page view is one recommendation for its placement plus the
 * {@code view} event of the product the shopper looks at; some page views also bring an add-to-cart, a
 * purchase or (rarely) a product launch.
 *
 * @param home           share of page views with {@code placement=home}.
 * @param product        share with {@code placement=product} (the product's own page).
 * @param cart           share with {@code placement=cart} (the cart page, with the product just carted).
 * @param email          share with {@code placement=email}.
 * @param addToCart      probability that a page view is followed by an {@code add_to_cart} event.
 * @param purchase       probability that a page view is followed by a {@code purchase} event.
 * @param anonymous      share of page views by anonymous shoppers ({@code anonymousId=a<n>}).
 * @param launch         probability that a page view is followed by a product launch ({@code PUT /v1/products}).
 * @param newProduct     share of page views about a product launched during the run, once there is one.
 * @param k              number of recommendations asked for.
 */
public record StorefrontMix(double home, double product, double cart, double email, double addToCart,
    double purchase, double anonymous, double launch, double newProduct, int k)
{
    /** The documented defaults. */
    public static final StorefrontMix DEFAULT = new StorefrontMix(0.30, 0.50, 0.15, 0.05, 0.08, 0.02, 0.30, 0.001,
        0.02, 10);

    /**
     * Validates.
     *
     * @param home       home share.
     * @param product    product share.
     * @param cart       cart share.
     * @param email      email share.
     * @param addToCart  add-to-cart probability.
     * @param purchase   purchase probability.
     * @param anonymous  anonymous share.
     * @param launch     launch probability.
     * @param newProduct new product share.
     * @param k          list length.
     */
    public StorefrontMix
    {
        requireShare("home", home);
        requireShare("product", product);
        requireShare("cart", cart);
        requireShare("email", email);
        if (home + product + cart + email <= 0)
        {
            throw new IllegalArgumentException("placement shares must not all be 0");
        }
        requireShare("add-to-cart", addToCart);
        requireShare("purchase", purchase);
        requireShare("anonymous", anonymous);
        requireShare("launch", launch);
        requireShare("new-product", newProduct);
        if (k < 1 || k > 100)
        {
            throw new IllegalArgumentException("k must be in 1..100: " + k);
        }
    }

    private static void requireShare(final String name, final double value)
    {
        if (!(value >= 0 && value <= 1))
        {
            throw new IllegalArgumentException(name + " must be a share in 0..1: " + value);
        }
    }
}
