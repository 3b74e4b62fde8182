package io.tailor.scoring.catalog;

import java.util.List;
import java.util.Map;

/**
 * A product as the store describes it, validated.
 * <p>
 * Marketing attributes (style, season, function, colour, ...) are what the content part of the item
 * vector is made of, so a product uploaded a minute ago can be recommended before anyone has bought it.
 * A product marked {@code sensitive} is never used as a signal outside its own category and never
 * named in an explanation.
 *
 * @param id           product id, 1 to 128 characters.
 * @param title        display title, may be empty.
 * @param category     category path such as {@code apparel/shoes/running}.
 * @param brand        brand name, or empty when none.
 * @param price        price, not negative.
 * @param attributes   attribute name to values; unmodifiable.
 * @param inStock      whether it can be bought now.
 * @param launchedAtMs launch time in epoch milliseconds, or {@link #UNKNOWN_LAUNCH}.
 * @param sensitive    whether it is a sensitive product.
 * @param vector       an explicit item vector given by the store, or {@code null}; not to be modified.
 */
public record Product(
    String id,
    String title,
    String category,
    String brand,
    double price,
    Map<String, List<String>> attributes,
    boolean inStock,
    long launchedAtMs,
    boolean sensitive,
    float[] vector)
{
    /** Launch time of a product whose launch date is not known; such a product is never a new arrival. */
    public static final long UNKNOWN_LAUNCH = Long.MIN_VALUE;

    /** Separator of category path segments. */
    public static final char CATEGORY_SEPARATOR = '/';

    /**
     * This product with another launch time.
     *
     * @param launchedAt launch time in epoch milliseconds, or {@link #UNKNOWN_LAUNCH}.
     * @return a copy, or this product when the time is the same.
     */
    public Product withLaunchedAtMs(final long launchedAt)
    {
        return launchedAt == launchedAtMs ? this :
            new Product(id, title, category, brand, price, attributes, inStock, launchedAt, sensitive, vector);
    }
}
