package io.tailor.scoring.catalog;

import io.tailor.scoring.util.Hashing;

import java.util.List;
import java.util.Map;

/**
 * The content part of an item vector, from the product's marketing data alone, by feature hashing.
 * <p>
 * Every feature (each level of the category path, the brand, each attribute value, a price band) is
 * hashed to {@value #PROBES} signed positions of a {@code d}-dimensional vector with a weight by kind;
 * the sum is normalised to unit length. Two products that share features point the same way, so a
 * product is similar to others the moment it is uploaded, without any interaction data.
 */
public final class ContentVectorizer
{
    /** Positions each feature is hashed to; more than one keeps collisions from aligning vectors. */
    public static final int PROBES = 2;

    private static final float LEAF_CATEGORY_WEIGHT = 1.6f;
    private static final float PARENT_CATEGORY_WEIGHT = 0.9f;
    private static final float BRAND_WEIGHT = 1.0f;
    private static final float ATTRIBUTE_WEIGHT = 0.7f;
    private static final float PRICE_BAND_WEIGHT = 0.5f;

    private final int dimensions;

    /**
     * Vectorizer for a dimension.
     *
     * @param dimensions length of the vectors, at least 8.
     */
    public ContentVectorizer(final int dimensions)
    {
        if (dimensions < 8)
        {
            throw new IllegalArgumentException("dimensions must be at least 8: " + dimensions);
        }
        this.dimensions = dimensions;
    }

    /**
     * Length of the vectors this vectorizer makes.
     *
     * @return the dimension.
     */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * Writes the unit content vector of a product into {@code out} at {@code offset}.
     *
     * @param product product to describe.
     * @param out     destination array.
     * @param offset  index of the first component in {@code out}.
     */
    public void vectorize(final Product product, final float[] out, final int offset)
    {
        java.util.Arrays.fill(out, offset, offset + dimensions, 0f);

        final String category = product.category();
        int end = category.indexOf(Product.CATEGORY_SEPARATOR);
        while (end >= 0)
        {
            add(out, offset, Hashing.key("cat", category.subSequence(0, end)), PARENT_CATEGORY_WEIGHT);
            end = category.indexOf(Product.CATEGORY_SEPARATOR, end + 1);
        }
        add(out, offset, Hashing.key("cat", category), LEAF_CATEGORY_WEIGHT);

        if (!product.brand().isEmpty())
        {
            add(out, offset, Hashing.key("brand", product.brand()), BRAND_WEIGHT);
        }
        for (final Map.Entry<String, List<String>> attribute : product.attributes().entrySet())
        {
            final List<String> values = attribute.getValue();
            final float weight = ATTRIBUTE_WEIGHT / (float)Math.sqrt(Math.max(1, values.size()));
            for (int i = 0, size = values.size(); i < size; i++)
            {
                add(out, offset, Hashing.key(attribute.getKey(), values.get(i)), weight);
            }
        }
        add(out, offset, Hashing.key("price", Integer.toString(priceBand(product.price()))), PRICE_BAND_WEIGHT);

        normalize(out, offset, dimensions);
    }

    /**
     * Price band on a logarithmic scale (factor 2 per band), so similar prices share a feature.
     *
     * @param price a price, not negative.
     * @return its band.
     */
    public static int priceBand(final double price)
    {
        return price < 1.0 ? 0 : 1 + (int)(Math.log(price) / Math.log(2.0));
    }

    /**
     * Scales a vector to unit length; leaves a zero vector as it is.
     *
     * @param vector array holding the vector.
     * @param offset index of its first component.
     * @param length its dimension.
     */
    public static void normalize(final float[] vector, final int offset, final int length)
    {
        double sum = 0;
        for (int i = offset, end = offset + length; i < end; i++)
        {
            sum += vector[i] * vector[i];
        }
        if (sum > 0)
        {
            final float scale = (float)(1.0 / Math.sqrt(sum));
            for (int i = offset, end = offset + length; i < end; i++)
            {
                vector[i] *= scale;
            }
        }
    }

    private void add(final float[] out, final int offset, final long featureKey, final float weight)
    {
        long h = featureKey;
        for (int probe = 0; probe < PROBES; probe++)
        {
            final int index = (int)Long.remainderUnsigned(h >>> 1, dimensions);
            out[offset + index] += (h & 1L) == 0 ? weight : -weight;
            h = Hashing.mix(h + probe + 1);
        }
    }
}
