package io.tailor.scoring.rank;

import io.tailor.scoring.util.WireName;

/**
 * The rules that can take a product out of a list, as counted in {@link Recommendation#excluded(RuleKind)}.
 */
public enum RuleKind implements WireName
{
    /** The shopper bought or rated it (and it is not due for replenishment). */
    PURCHASED("purchased"),
    /** The shopper touched it within the recent-exclusion window. */
    RECENTLY_SEEN("recently_seen"),
    /** It is out of stock. */
    OUT_OF_STOCK("out_of_stock"),
    /** It was shown to the shopper as often as the frequency cap allows. */
    FREQUENCY_CAP("frequency_cap"),
    /** The store blocked it. */
    BLOCKED("blocked"),
    /** It is sensitive and outside the page's category. */
    SENSITIVE("sensitive"),
    /** It is outside the requested category. */
    CATEGORY_FILTER("category_filter"),
    /** The list already had as many of its brand or category as diversity allows. */
    DIVERSITY("diversity"),
    /** The request asked for it to be left out (or it is in the cart). */
    REQUEST("request"),
    /** The shopper said they never want to see it. */
    DISLIKED("disliked"),
    /** It is blocked for a segment the shopper is a member of. */
    SEGMENT("segment");

    private final String wireName;

    RuleKind(final String wireName)
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
