package io.tailor.scoring.rank;

import io.tailor.scoring.util.WireName;

/**
 * What a recommendation was based on, reported to the caller as {@code strategy}.
 */
public enum Strategy implements WireName
{
    /** No usable history: the most popular and newest products. */
    POPULAR("popular"),
    /** Driven by the shopper's history. */
    PERSONALIZED("personalized"),
    /** Driven by the product on the page (and the shopper's history, when there is one). */
    SIMILAR("similar"),
    /** The deadline passed before a personal answer was ready: popular products, marked degraded. */
    FALLBACK("fallback");

    private final String wireName;

    Strategy(final String wireName)
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
}
