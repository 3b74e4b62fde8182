package io.tailor.loadtest.data;

import io.netty.buffer.ByteBuf;

import java.nio.charset.StandardCharsets;

/**
 * Writes ASCII text and numbers straight into a {@link ByteBuf}, without building strings: the load and
 * data generators encode every request body with it.
 */
public final class Ascii
{
    private static final long[] POWERS_OF_TEN = new long[19];

    static
    {
        long power = 1;
        for (int i = 0; i < POWERS_OF_TEN.length; i++)
        {
            POWERS_OF_TEN[i] = power;
            power *= 10;
        }
    }

    private Ascii()
    {
    }

    /**
     * The ASCII bytes of a constant, for writing many times.
     *
     * @param text ASCII text.
     * @return its bytes.
     * @throws IllegalArgumentException when the text is not ASCII.
     */
    public static byte[] bytes(final String text)
    {
        for (int i = 0; i < text.length(); i++)
        {
            if (text.charAt(i) > 127)
            {
                throw new IllegalArgumentException("not ASCII: " + text);
            }
        }
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Writes a non-negative or negative decimal integer.
     *
     * @param out   target.
     * @param value the number.
     */
    public static void writeLong(final ByteBuf out, final long value)
    {
        if (value < 0)
        {
            if (value == Long.MIN_VALUE)
            {
                out.writeBytes(bytes(Long.toString(value)));
                return;
            }
            out.writeByte('-');
            writeLong(out, -value);
            return;
        }
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits])
        {
            digits++;
        }
        for (int d = digits - 1; d >= 0; d--)
        {
            out.writeByte('0' + (int)((value / POWERS_OF_TEN[d]) % 10));
        }
    }

    /**
     * Writes an amount given in hundredths as a decimal with two places, e.g. 1999 as {@code 19.99}.
     *
     * @param out   target.
     * @param cents the amount in hundredths, not negative.
     */
    public static void writeCents(final ByteBuf out, final long cents)
    {
        writeLong(out, cents / 100);
        out.writeByte('.');
        final int fraction = (int)(cents % 100);
        out.writeByte('0' + fraction / 10);
        out.writeByte('0' + fraction % 10);
    }

    /**
     * Number of characters of a non-negative decimal integer.
     *
     * @param value the number, not negative.
     * @return its decimal length.
     */
    public static int decimalLength(final long value)
    {
        int digits = 1;
        while (digits < POWERS_OF_TEN.length && value >= POWERS_OF_TEN[digits])
        {
            digits++;
        }
        return digits;
    }
}
