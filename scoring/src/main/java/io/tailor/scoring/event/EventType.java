package io.tailor.scoring.event;

import io.tailor.scoring.util.WireName;

/**
 * Kinds of shopper interaction, with their wire names as used in the HTTP API.
 * <p>
 * The ordinal is part of the profile's binary form: append new types at the end, never reorder.
 */
public enum EventType implements WireName
{
    /** The shopper saw a product page. */
    VIEW("view"),
    /** The shopper clicked a product, for example in a recommendation list. */
    CLICK("click"),
    /** The shopper put a product in the cart. */
    ADD_TO_CART("add_to_cart"),
    /** The shopper took a product out of the cart. */
    REMOVE_FROM_CART("remove_from_cart"),
    /** The shopper bought one or more products ({@code items[]}). */
    PURCHASE("purchase"),
    /** A purchase was refunded. */
    REFUND("refund"),
    /** The shopper rated a product ({@code value}, 1 to 5). */
    RATING("rating"),
    /** The shopper searched. */
    SEARCH("search"),
    /** The shopper contacted customer service. */
    SERVICE("service"),
    /** A product was shown to the shopper. */
    IMPRESSION("impression"),
    /** An anonymous id was linked to a customer id. */
    IDENTIFY("identify");

    private static final EventType[] VALUES = values();

    private final String wireName;

    EventType(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name of the type in JSON.
     *
     * @return the wire name, e.g. {@code add_to_cart}.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Type for a wire name.
     *
     * @param wireName name as sent in JSON.
     * @return the type, or {@code null} when the name is unknown.
     */
    public static EventType fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }

    /**
     * Type for an ordinal read from a binary form.
     *
     * @param ordinal stored ordinal.
     * @return the type.
     */
    public static EventType fromOrdinal(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /**
     * Number of types, for arrays indexed by ordinal.
     *
     * @return the count.
     */
    public static int count()
    {
        return VALUES.length;
    }

    /**
     * Whether an event of this type names a product the shopper interacted with.
     *
     * @return true for product interactions.
     */
    public boolean isProductInteraction()
    {
        switch (this)
        {
            case VIEW:
            case CLICK:
            case ADD_TO_CART:
            case REMOVE_FROM_CART:
            case PURCHASE:
            case REFUND:
            case RATING:
                return true;
            default:
                return false;
        }
    }
}
