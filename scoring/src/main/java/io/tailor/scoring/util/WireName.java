package io.tailor.scoring.util;

/**
 * A constant with a name on the wire (JSON, configuration, the command line) that differs from its Java name, and
 * the one lookup of a constant by that name.
 */
public interface WireName
{
    /**
     * The name on the wire.
     *
     * @return the wire name.
     */
    String wireName();

    /**
     * The constant with a wire name: a linear scan without allocation, for the small enums that use it.
     *
     * @param values   the constants, an array held by the caller (not {@code values()} per call, which copies).
     * @param wireName the name as read.
     * @param <E>      the constants' type.
     * @return the constant, or {@code null} when none has that name.
     */
    static <E extends WireName> E find(final E[] values, final String wireName)
    {
        for (final E value : values)
        {
            if (value.wireName().equals(wireName))
            {
                return value;
            }
        }
        return null;
    }
}
