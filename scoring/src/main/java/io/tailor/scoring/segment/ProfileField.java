package io.tailor.scoring.segment;

import io.tailor.scoring.util.WireName;

/**
 * The profile fields a segment condition can test.
 */
public enum ProfileField implements WireName
{
    /** Net amount spent ever (purchases less refunds); numeric. */
    SPEND("spend", Kind.NUMBER),
    /** The shopper's usual price (geometric mean of carted and bought prices), 0 when unknown; numeric. */
    TYPICAL_PRICE("typicalPrice", Kind.NUMBER),
    /** How many events of a type were ever applied; numeric, with an event type. */
    EVENTS("events", Kind.NUMBER),
    /** The latest event; an age ({@code within} or {@code olderThan} a duration). */
    LAST_SEEN("lastSeen", Kind.AGE),
    /** The first event; an age. */
    FIRST_SEEN("firstSeen", Kind.AGE),
    /** The latest customer service contact; an age ("never" is older than any duration). */
    LAST_SERVICE_CONTACT("lastServiceContact", Kind.AGE),
    /** Whether a product was ever bought; with a product. */
    PURCHASED("purchased", Kind.PRODUCT);

    /** What a field's condition looks like. */
    public enum Kind
    {
        /** A number compared with a threshold. */
        NUMBER,
        /** A time, tested for being within or older than a duration. */
        AGE,
        /** A fact about a product. */
        PRODUCT
    }

    private static final ProfileField[] VALUES = values();

    private final String wireName;
    private final Kind kind;

    ProfileField(final String wireName, final Kind kind)
    {
        this.wireName = wireName;
        this.kind = kind;
    }

    /**
     * Name in the rule language.
     *
     * @return the wire name.
     */
    @Override
    public String wireName()
    {
        return wireName;
    }

    /**
     * The shape of a condition on this field.
     *
     * @return the kind.
     */
    public Kind kind()
    {
        return kind;
    }

    /**
     * Field for a wire name.
     *
     * @param wireName name in the rule language.
     * @return the field, or {@code null} when unknown.
     */
    public static ProfileField fromWireName(final String wireName)
    {
        return WireName.find(VALUES, wireName);
    }
}
