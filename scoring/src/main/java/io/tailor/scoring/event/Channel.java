package io.tailor.scoring.event;

/**
 * Where an interaction happened.
 */
public enum Channel
{
    /** The web shop. */
    WEB("web"),
    /** The mobile app. */
    APP("app"),
    /** A physical store (offline purchases, loyalty card). */
    STORE("store"),
    /** The call centre. */
    CALLCENTER("callcenter");

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
        for (final Channel channel : values())
        {
            if (channel.wireName.equals(wireName))
            {
                return channel;
            }
        }
        return null;
    }
}
