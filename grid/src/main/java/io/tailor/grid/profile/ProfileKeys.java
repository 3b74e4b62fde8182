package io.tailor.grid.profile;

import io.tailor.scoring.event.Event;

/**
 * Keys of the {@code profiles} and {@code identities} maps: customer ids, anonymous ids and loyalty cards live
 * in separate namespaces, so a customer "42" and a cookie "42" are never the same shopper.
 * <pre>
 *   u:&lt;customer id&gt;    a:&lt;anonymous id&gt;    l:&lt;loyalty card id&gt;
 * </pre>
 */
public final class ProfileKeys
{
    private static final String USER_PREFIX = "u:";
    private static final String ANONYMOUS_PREFIX = "a:";
    private static final String LOYALTY_PREFIX = "l:";

    private ProfileKeys()
    {
    }

    /**
     * Key of a customer's profile.
     *
     * @param user customer id.
     * @return the map key.
     */
    public static String user(final String user)
    {
        return USER_PREFIX.concat(user);
    }

    /**
     * Key of an anonymous shopper's profile.
     *
     * @param anonymousId anonymous id.
     * @return the map key.
     */
    public static String anonymous(final String anonymousId)
    {
        return ANONYMOUS_PREFIX.concat(anonymousId);
    }

    /**
     * Key of a loyalty card's profile (before the card is linked to a customer).
     *
     * @param loyaltyId loyalty card id.
     * @return the map key.
     */
    public static String loyalty(final String loyaltyId)
    {
        return LOYALTY_PREFIX.concat(loyaltyId);
    }

    /**
     * Key of the shopper an event belongs to.
     *
     * @param user        customer id or {@code null}.
     * @param anonymousId anonymous id, used when {@code user} is {@code null}.
     * @return the map key.
     */
    public static String of(final String user, final String anonymousId)
    {
        return user != null ? user(user) : anonymous(anonymousId);
    }

    /**
     * Key of the shopper an event belongs to: the customer, else the anonymous id, else the loyalty card.
     *
     * @param event the event.
     * @return the map key.
     */
    public static String of(final Event event)
    {
        return event.user() != null ? user(event.user()) : event.anonymousId() != null ?
            anonymous(event.anonymousId()) : loyalty(event.loyaltyId());
    }

    /**
     * Whether a key is a customer's.
     *
     * @param key map key.
     * @return true for {@code u:...}.
     */
    public static boolean isUser(final String key)
    {
        return key.startsWith(USER_PREFIX);
    }

    /**
     * Whether a key is a loyalty card's.
     *
     * @param key map key.
     * @return true for {@code l:...}.
     */
    public static boolean isLoyalty(final String key)
    {
        return key.startsWith(LOYALTY_PREFIX);
    }

    /**
     * The id a key names, without its namespace.
     *
     * @param key map key.
     * @return the id.
     */
    public static String id(final String key)
    {
        return key.substring(2);
    }

    /**
     * The API field a key's id goes in: {@code user}, {@code anonymousId} or {@code loyaltyId}.
     *
     * @param key map key.
     * @return the field name.
     */
    public static String field(final String key)
    {
        return isUser(key) ? "user" : isLoyalty(key) ? "loyaltyId" : "anonymousId";
    }
}
