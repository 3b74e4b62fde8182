package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import org.agrona.collections.Object2IntHashMap;

import java.util.Arrays;
import java.util.List;

/**
 * Dense indices of a dataset's products, in id order; every method of one run ranks the same items.
 */
public final class ItemIndex
{
    /** Index of an unknown id. */
    public static final int MISSING = -1;

    private final String[] ids;
    private final Object2IntHashMap<String> indexById;

    /**
     * Index of products.
     *
     * @param products products, ids unique.
     */
    public ItemIndex(final List<Product> products)
    {
        ids = new String[products.size()];
        for (int i = 0; i < ids.length; i++)
        {
            ids[i] = products.get(i).id();
        }
        Arrays.sort(ids);
        indexById = new Object2IntHashMap<>(Math.max(8, ids.length * 2), 0.65f, MISSING);
        for (int i = 0; i < ids.length; i++)
        {
            if (indexById.put(ids[i], i) != MISSING)
            {
                throw new IllegalArgumentException("duplicate product id " + ids[i]);
            }
        }
    }

    /**
     * Number of items.
     *
     * @return the size.
     */
    public int size()
    {
        return ids.length;
    }

    /**
     * Index of an id.
     *
     * @param id product id.
     * @return its index, or {@link #MISSING}.
     */
    public int indexOf(final String id)
    {
        return indexById.getValue(id);
    }

    /**
     * Id at an index.
     *
     * @param index item index.
     * @return the product id.
     */
    public String id(final int index)
    {
        return ids[index];
    }
}
