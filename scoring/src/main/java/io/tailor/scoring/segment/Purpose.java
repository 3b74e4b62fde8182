package io.tailor.scoring.segment;

import io.tailor.scoring.util.WireName;

/**
 * What a segment is used for, which decides whose consent membership needs: every segment needs
 * personalization consent (no profiling without it), a marketing segment also marketing consent.
 */
public enum Purpose implements WireName
{
    /** Audiences addressed by marketing (e-mail, ads): members gave marketing consent. */
    MARKETING("marketing"),
    /** Audiences used on the site itself, e.g. in recommendation rules. */
    PERSONALIZATION("personalization");

    private static final Purpose[] VALUES = values();

    private final String wireName;

    Purpose(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name in the API.
     *
     * @return the wire name.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Purpose for a wire name.
     *
     * @param wireName name in the API.
     * @return the purpose, or {@code null} when unknown.
     */
    public static Purpose fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }
}
