package io.tailor.scoring.event;

import io.tailor.scoring.util.WireName;

/**
 * Where an interaction happened.
 */
public enum Channel implements WireName
{
    /** The web shop. */
    WEB("web"),
    /** The mobile app. */
    APP("app"),
    /** A physical store (offline purchases, loyalty card). */
    STORE("store"),
    /** The call centre. */
    CALLCENTER("callcenter");

    private static final Channel[] VALUES = values();

    private final String wireName;

    Channel(final String wireName)
    {
        this.wireName = wireName;
    }

    /**
     * Name of the channel in JSON.
     *
     * @return the wire name.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * Channel for a wire name.
     *
     * @param wireName name as sent in JSON.
     * @return the channel, or {@code null} when unknown.
     */
    public static Channel fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }
}
