package io.tailor.server.security;

import io.tailor.scoring.util.WireName;

import java.util.ArrayList;
import java.util.List;

/**
 * What an API key may do. Every route of the API requires exactly one scope; a key carries a set of them.
 * Scopes do not imply each other: {@code admin} covers the operations endpoints only, not the data.
 */
public enum Scope implements WireName
{
    /** Send events: {@code POST /v1/events}. */
    EVENTS_WRITE("events:write"),
    /** Ask for recommendations and item-to-item lists. */
    RECS_READ("recs:read"),
    /** Upload, read and remove products. */
    CATALOG_WRITE("catalog:write"),
    /** Read what Tailor holds on a shopper, audiences and segment members. */
    PROFILES_READ("profiles:read"),
    /** Change or erase what Tailor holds on a shopper (erasure, consent, preferences). */
    PROFILES_WRITE("profiles:write"),
    /** Define audiences (segments). */
    SEGMENTS_WRITE("segments:write"),
    /** Define, stop and delete experiments. */
    EXPERIMENTS_WRITE("experiments:write"),
    /** Define and delete promotions with an exposure target. */
    PROMOTIONS_WRITE("promotions:write"),
    /** The operations endpoints: {@code /metrics}, {@code /metrics/latency}. */
    ADMIN("admin");

    private static final Scope[] VALUES = values();

    private final String wireName;

    Scope(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * The name in keys files, OpenAPI and error messages.
     *
     * @return e.g. {@code recs:read}.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Whether a key flagged public (a browser key) may carry this scope.
     *
     * @return true for {@code recs:read} and {@code events:write}.
     */
    public boolean allowedForPublicKeys()
    {
        return this == RECS_READ || this == EVENTS_WRITE;
    }

    /**
     * The scope with a wire name.
     *
     * @param wireName e.g. {@code recs:read}.
     * @return the scope, or {@code null} when unknown.
     */
    public static Scope fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }

    /**
     * Every wire name, for messages.
     *
     * @return the names in declaration order.
     */
    public static List<String> wireNames()
    {
        final List<String> names = new ArrayList<>();
        for (final Scope scope : values())
        {
            names.add(scope.wireName);
        }
        return names;
    }
}
