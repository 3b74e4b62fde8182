package io.tailor.server.config;

import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Bounds on everything that comes from outside, enforced before any work is done: sizes of bodies and
 * batches, lengths of strings and arrays, ranges of numbers and times. Ids are fixed at
 * {@link #MAX_ID_LENGTH} characters of a safe alphabet (they are keys and appear in paths and headers).
 *
 * @param maxBodyBytes       largest request body, 1 KiB to 1 GiB.
 * @param maxBatchEvents     most events in one request, 1 to 1,000,000.
 * @param maxBatchProducts   most products in one request, 1 to 1,000,000.
 * @param maxItems           most lines in one purchase, 1 to 10,000.
 * @param maxQuantity        largest quantity of one line, 1 to 1,000,000.
 * @param maxFutureSkew      how far in the future an event time may be, up to a day.
 * @param maxEventAge        how far in the past an event time may be (history imports), up to 50 years.
 * @param maxTextLength      longest free text (title, brand, attribute value), 16 to 65,536 characters.
 * @param maxAttributes      most attributes of a product and values of one attribute, 1 to 1,024.
 * @param maxAmount          largest magnitude of a price or an event value, 1 to 1e15.
 * @param maxPropertiesDepth deepest nesting of an event's free-form {@code properties}, 1 to 8.
 */
public record InputLimits(
    long maxBodyBytes,
    int maxBatchEvents,
    int maxBatchProducts,
    int maxItems,
    int maxQuantity,
    Duration maxFutureSkew,
    Duration maxEventAge,
    int maxTextLength,
    int maxAttributes,
    double maxAmount,
    int maxPropertiesDepth)
{
    /**
     * Ids of products, shoppers, events and stores: a letter, digit or underscore, then up to 127 of letters,
     * digits and {@code . _ : @ + - = ~}. No spaces, slashes or control characters, so an id is safe in a
     * path, a log line and a header.
     */
    public static final Pattern ID = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9._:@+\\-=~]{0,127}");
    /** Largest id (product, shopper, event), in characters. */
    public static final int MAX_ID_LENGTH = 128;
    /** Default largest free text (title, brand, attribute value), in characters. */
    public static final int MAX_TEXT_LENGTH = 512;
    /** Most category path levels. */
    public static final int MAX_CATEGORY_DEPTH = 8;
    /** Default most attributes per product and values per attribute. */
    public static final int MAX_ATTRIBUTES = 32;
    /** Default deepest nesting accepted in free-form {@code properties}. */
    public static final int MAX_PROPERTIES_DEPTH = 4;
    /** Default largest magnitude of a price or value. */
    public static final double MAX_AMOUNT = 1e12;

    /** Defaults: 16 MiB bodies, 10,000 events or products a request, events 5 minutes ahead to 2 years back. */
    public static final InputLimits DEFAULT = new InputLimits(16L << 20, 10_000, 10_000, 100, 10_000,
        Duration.ofMinutes(5), Duration.ofDays(730));

    /**
     * Validates.
     *
     * @param maxBodyBytes       body limit.
     * @param maxBatchEvents     event batch limit.
     * @param maxBatchProducts   product batch limit.
     * @param maxItems           line limit.
     * @param maxQuantity        quantity limit.
     * @param maxFutureSkew      future skew.
     * @param maxEventAge        past horizon.
     * @param maxTextLength      text limit.
     * @param maxAttributes      attribute limit.
     * @param maxAmount          amount limit.
     * @param maxPropertiesDepth properties nesting limit.
     */
    public InputLimits
    {
        if (maxBodyBytes < 1024 || maxBodyBytes > (1L << 30))
        {
            throw new IllegalArgumentException("max body bytes must be in 1KiB..1GiB: " + maxBodyBytes);
        }
        if (maxBatchEvents < 1 || maxBatchEvents > 1_000_000 || maxBatchProducts < 1 || maxBatchProducts > 1_000_000)
        {
            throw new IllegalArgumentException("batch limits must be in 1..1000000");
        }
        if (maxItems < 1 || maxItems > 10_000 || maxQuantity < 1 || maxQuantity > 1_000_000)
        {
            throw new IllegalArgumentException("item limits out of range");
        }
        if (maxFutureSkew.isNegative() || maxFutureSkew.compareTo(Duration.ofDays(1)) > 0)
        {
            throw new IllegalArgumentException("max future skew must be in 0..1 day: " + maxFutureSkew);
        }
        if (maxEventAge.isNegative() || maxEventAge.compareTo(Duration.ofDays(365L * 50)) > 0)
        {
            throw new IllegalArgumentException("max event age must be in 0..50 years: " + maxEventAge);
        }
        if (maxTextLength < 16 || maxTextLength > 65_536)
        {
            throw new IllegalArgumentException("max text length must be in 16..65536: " + maxTextLength);
        }
        if (maxAttributes < 1 || maxAttributes > 1024)
        {
            throw new IllegalArgumentException("max attributes must be in 1..1024: " + maxAttributes);
        }
        if (!(maxAmount >= 1) || maxAmount > 1e15)
        {
            throw new IllegalArgumentException("max amount must be in 1..1e15: " + maxAmount);
        }
        if (maxPropertiesDepth < 1 || maxPropertiesDepth > 8)
        {
            throw new IllegalArgumentException("max properties depth must be in 1..8: " + maxPropertiesDepth);
        }
    }

    /**
     * Limits with the default text, attribute, amount and nesting bounds.
     *
     * @param maxBodyBytes     body limit.
     * @param maxBatchEvents   event batch limit.
     * @param maxBatchProducts product batch limit.
     * @param maxItems         line limit.
     * @param maxQuantity      quantity limit.
     * @param maxFutureSkew    future skew.
     * @param maxEventAge      past horizon.
     */
    public InputLimits(final long maxBodyBytes, final int maxBatchEvents, final int maxBatchProducts,
        final int maxItems, final int maxQuantity, final Duration maxFutureSkew, final Duration maxEventAge)
    {
        this(maxBodyBytes, maxBatchEvents, maxBatchProducts, maxItems, maxQuantity, maxFutureSkew, maxEventAge,
            MAX_TEXT_LENGTH, MAX_ATTRIBUTES, MAX_AMOUNT, MAX_PROPERTIES_DEPTH);
    }

    /**
     * Whether a string is an id as {@link #ID} defines it, without a {@link java.util.regex.Matcher}: ids are checked
     * on every request (a shopper, a page's product), and the matcher and its group arrays were allocated each time.
     *
     * @param value the string.
     * @return true exactly when {@code ID.matcher(value).matches()}.
     */
    public static boolean isId(final String value)
    {
        final int length = value.length();
        if (length == 0 || length > MAX_ID_LENGTH || !firstIdChar(value.charAt(0)))
        {
            return false;
        }
        for (int i = 1; i < length; i++)
        {
            if (!idChar(value.charAt(i)))
            {
                return false;
            }
        }
        return true;
    }

    /**
     * {@link #isId(String)} of the characters {@code chars[offset, offset + length)}, without a string.
     *
     * @param chars  the characters (a parser's buffer).
     * @param offset first of them.
     * @param length how many.
     * @return true exactly when they are an id.
     */
    public static boolean isId(final char[] chars, final int offset, final int length)
    {
        if (length == 0 || length > MAX_ID_LENGTH || !firstIdChar(chars[offset]))
        {
            return false;
        }
        for (int i = offset + 1, end = offset + length; i < end; i++)
        {
            if (!idChar(chars[i]))
            {
                return false;
            }
        }
        return true;
    }

    /** A letter, digit or underscore: what an id starts with. */
    private static boolean firstIdChar(final char c)
    {
        return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_';
    }

    /** Any character of an id after the first. */
    private static boolean idChar(final char c)
    {
        return firstIdChar(c) || c == '.' || c == ':' || c == '@' || c == '+' || c == '-' || c == '=' || c == '~';
    }
}
