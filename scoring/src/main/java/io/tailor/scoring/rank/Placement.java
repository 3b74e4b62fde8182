package io.tailor.scoring.rank;

import io.tailor.scoring.util.WireName;

/**
 * Where on the store's pages a list is shown; each placement has its own scoring weights.
 */
public enum Placement implements WireName
{
    /** The home page: personal picks. */
    HOME("home"),
    /** A product page: similar and complementary to the product shown. */
    PRODUCT("product"),
    /** The cart: what goes with the cart's contents. */
    CART("cart"),
    /** A marketing e-mail: personal picks for a shopper who is not on the site right now. */
    EMAIL("email");

    private static final Placement[] VALUES = values();

    private final String wireName;

    Placement(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name in the HTTP API.
     *
     * @return the wire name.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Placement for a wire name.
     *
     * @param wireName name as given in a request.
     * @return the placement, or {@code null} when unknown.
     */
    public static Placement fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }
}
