package io.tailor.server.config;

import java.time.Duration;

/**
 * Bounds on everything that comes from outside, enforced before any work is done.
 *
 * @param maxBodyBytes      largest request body, 1 KiB to 1 GiB.
 * @param maxBatchEvents    most events in one request, 1 to 1,000,000.
 * @param maxBatchProducts  most products in one request, 1 to 1,000,000.
 * @param maxItems          most lines in one purchase, 1 to 10,000.
 * @param maxQuantity       largest quantity of one line, 1 to 1,000,000.
 * @param maxFutureSkew     how far in the future an event time may be, up to a day.
 * @param maxEventAge       how far in the past an event time may be (history imports), up to 50 years.
 */
public record InputLimits(
    long maxBodyBytes,
    int maxBatchEvents,
    int maxBatchProducts,
    int maxItems,
    int maxQuantity,
    Duration maxFutureSkew,
    Duration maxEventAge)
{
    /** Largest id (product, shopper, event), in characters. */
    public static final int MAX_ID_LENGTH = 128;
    /** Largest free text (title, brand, attribute value), in characters. */
    public static final int MAX_TEXT_LENGTH = 512;
    /** Most category path levels. */
    public static final int MAX_CATEGORY_DEPTH = 8;
    /** Most attributes per product and values per attribute. */
    public static final int MAX_ATTRIBUTES = 32;
    /** Deepest nesting accepted in free-form {@code properties}. */
    public static final int MAX_PROPERTIES_DEPTH = 4;
    /** Largest magnitude of a price or value. */
    public static final double MAX_AMOUNT = 1e12;

    /** Defaults: 16 MiB bodies, 10,000 events or products a request, events 5 minutes ahead to 2 years back. */
    public static final InputLimits DEFAULT = new InputLimits(16L << 20, 10_000, 10_000, 100, 10_000,
        Duration.ofMinutes(5), Duration.ofDays(730));

    /**
     * Validates.
     *
     * @param maxBodyBytes     body limit.
     * @param maxBatchEvents   event batch limit.
     * @param maxBatchProducts product batch limit.
     * @param maxItems         line limit.
     * @param maxQuantity      quantity limit.
     * @param maxFutureSkew    future skew.
     * @param maxEventAge      past horizon.
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
    }
}
