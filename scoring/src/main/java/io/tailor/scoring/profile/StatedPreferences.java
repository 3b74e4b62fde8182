package io.tailor.scoring.profile;

import java.nio.charset.StandardCharsets;

/**
 * What a shopper said about their taste (zero-party data): liked categories and brands, their sizes and the
 * products they never want to see, in the order given. A section of a {@link Profile}, reused with it; the
 * recommender lets what the shopper said outrank what their behaviour suggests.
 * <p>
 * Not thread safe. Written by {@link ShopperChoices}, encoded by {@link ProfileCodec}.
 */
public final class StatedPreferences
{
    /** Most categories a shopper can state a liking for. */
    public static final int MAX_CATEGORIES = 4;
    /** Most brands a shopper can state a liking for. */
    public static final int MAX_BRANDS = 4;
    /** Most sizes a shopper can state. */
    public static final int MAX_SIZES = 4;
    /** Longest stated size, in ASCII characters. */
    public static final int MAX_SIZE_LENGTH = 8;
    /** Most products a shopper can say they never want to see. */
    public static final int MAX_DISLIKED = 8;

    int categoryCount;
    final long[] categoryKeys = new long[MAX_CATEGORIES];
    int brandCount;
    final long[] brandKeys = new long[MAX_BRANDS];
    int sizeCount;
    final byte[] sizeLengths = new byte[MAX_SIZES];
    final byte[] sizeChars = new byte[MAX_SIZES * MAX_SIZE_LENGTH];
    int dislikedCount;
    final long[] dislikedKeys = new long[MAX_DISLIKED];

    StatedPreferences()
    {
    }

    /**
     * Whether nothing is stated.
     *
     * @return true when no category, brand, size or disliked product is stated.
     */
    public boolean isEmpty()
    {
        return categoryCount == 0 && brandCount == 0 && sizeCount == 0 && dislikedCount == 0;
    }

    /**
     * Number of categories the shopper stated a liking for.
     *
     * @return the count.
     */
    public int categoryCount()
    {
        return categoryCount;
    }

    /**
     * Key of the i-th liked category.
     *
     * @param i 0 to {@link #categoryCount()} - 1.
     * @return the category path's key.
     */
    public long categoryKey(final int i)
    {
        return categoryKeys[i];
    }

    /**
     * Number of brands the shopper stated a liking for.
     *
     * @return the count.
     */
    public int brandCount()
    {
        return brandCount;
    }

    /**
     * Key of the i-th liked brand.
     *
     * @param i 0 to {@link #brandCount()} - 1.
     * @return the brand name's key.
     */
    public long brandKey(final int i)
    {
        return brandKeys[i];
    }

    /**
     * Number of sizes the shopper stated.
     *
     * @return the count.
     */
    public int sizeCount()
    {
        return sizeCount;
    }

    /**
     * The i-th stated size as text; allocates, for display.
     *
     * @param i 0 to {@link #sizeCount()} - 1.
     * @return the size.
     */
    public String size(final int i)
    {
        return new String(sizeChars, i * MAX_SIZE_LENGTH, sizeLengths[i], StandardCharsets.US_ASCII);
    }

    /**
     * Whether a text equals one of the stated sizes, ignoring ASCII case; allocates nothing.
     *
     * @param text a size as a product attribute gives it.
     * @return true when stated.
     */
    public boolean statesSize(final CharSequence text)
    {
        final int length = text.length();
        for (int s = 0; s < sizeCount; s++)
        {
            if (sizeLengths[s] != length)
            {
                continue;
            }
            final int base = s * MAX_SIZE_LENGTH;
            int c = 0;
            while (c < length && lower(sizeChars[base + c]) == lower(text.charAt(c)))
            {
                c++;
            }
            if (c == length)
            {
                return true;
            }
        }
        return false;
    }

    private static int lower(final int c)
    {
        return c >= 'A' && c <= 'Z' ? c + ('a' - 'A') : c;
    }

    /**
     * Number of products the shopper never wants to see.
     *
     * @return the count.
     */
    public int dislikedCount()
    {
        return dislikedCount;
    }

    /**
     * Key of the i-th disliked product.
     *
     * @param i 0 to {@link #dislikedCount()} - 1.
     * @return the product key.
     */
    public long dislikedKey(final int i)
    {
        return dislikedKeys[i];
    }

    /**
     * Whether a text can be stored as a size.
     *
     * @param size candidate size.
     * @return true for 1 to {@link #MAX_SIZE_LENGTH} printable ASCII characters.
     */
    public static boolean validSize(final String size)
    {
        if (size == null || size.isEmpty() || size.length() > MAX_SIZE_LENGTH)
        {
            return false;
        }
        for (int c = 0; c < size.length(); c++)
        {
            if (size.charAt(c) < 0x20 || size.charAt(c) > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    /**
     * Replaces everything stated, after checking that it fits.
     *
     * @throws IllegalArgumentException when a list is too long or a size is not valid; nothing changes then.
     */
    void replace(final long[] categories, final long[] brands, final String[] sizes, final long[] disliked)
    {
        if (categories.length > MAX_CATEGORIES || brands.length > MAX_BRANDS || sizes.length > MAX_SIZES ||
            disliked.length > MAX_DISLIKED)
        {
            throw new IllegalArgumentException("too many preferences");
        }
        for (final String size : sizes)
        {
            if (!validSize(size))
            {
                throw new IllegalArgumentException("a size must be 1 to " + MAX_SIZE_LENGTH +
                    " printable ASCII characters: " + size);
            }
        }
        categoryCount = categories.length;
        System.arraycopy(categories, 0, categoryKeys, 0, categories.length);
        brandCount = brands.length;
        System.arraycopy(brands, 0, brandKeys, 0, brands.length);
        sizeCount = sizes.length;
        for (int i = 0; i < sizes.length; i++)
        {
            final String size = sizes[i];
            sizeLengths[i] = (byte)size.length();
            for (int c = 0; c < size.length(); c++)
            {
                sizeChars[i * MAX_SIZE_LENGTH + c] = (byte)size.charAt(c);
            }
        }
        dislikedCount = disliked.length;
        System.arraycopy(disliked, 0, dislikedKeys, 0, disliked.length);
    }

    void clear()
    {
        categoryCount = 0;
        brandCount = 0;
        sizeCount = 0;
        dislikedCount = 0;
    }

    void copyFrom(final StatedPreferences other)
    {
        categoryCount = other.categoryCount;
        System.arraycopy(other.categoryKeys, 0, categoryKeys, 0, categoryCount);
        brandCount = other.brandCount;
        System.arraycopy(other.brandKeys, 0, brandKeys, 0, brandCount);
        sizeCount = other.sizeCount;
        System.arraycopy(other.sizeLengths, 0, sizeLengths, 0, MAX_SIZES);
        System.arraycopy(other.sizeChars, 0, sizeChars, 0, sizeChars.length);
        dislikedCount = other.dislikedCount;
        System.arraycopy(other.dislikedKeys, 0, dislikedKeys, 0, dislikedCount);
    }
}
