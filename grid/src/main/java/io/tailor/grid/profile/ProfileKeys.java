package io.tailor.grid.profile;

/**
 * Keys of the {@code profiles} map: customer ids and anonymous ids live in separate namespaces, so a
 * customer "42" and a cookie "42" are never the same shopper.
 */
public final class ProfileKeys
{
    private static final String USER_PREFIX = "u:";
    private static final String ANONYMOUS_PREFIX = "a:";

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
}
