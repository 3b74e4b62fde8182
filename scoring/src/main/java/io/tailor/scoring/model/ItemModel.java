package io.tailor.scoring.model;

import io.tailor.scoring.catalog.CatalogSnapshot;

import java.util.Arrays;

/**
 * An immutable picture of what the interaction stream has taught about products, over one
 * {@link CatalogSnapshot}: popularity, and the most popular products overall and per category.
 * <p>
 * Indices are the catalog snapshot's. The recommender reads one {@code ItemModel} per request and takes
 * the catalog from it, so the two always agree.
 */
public final class ItemModel
{
    private static final int[] NONE = new int[0];

    private final CatalogSnapshot catalog;
    private final long version;
    private final long builtAtMs;
    private final float[] popularity;
    private final int[] globalTop;
    private final int[][] categoryTop;

    private ItemModel(final CatalogSnapshot catalog, final long version, final long builtAtMs,
        final float[] popularity, final int[] globalTop, final int[][] categoryTop)
    {
        this.catalog = catalog;
        this.version = version;
        this.builtAtMs = builtAtMs;
        this.popularity = popularity;
        this.globalTop = globalTop;
        this.categoryTop = categoryTop;
    }

    /**
     * Builds the model of a catalog from per-product stats.
     *
     * @param catalog  the catalog snapshot.
     * @param evidence what the interaction stream taught about products.
     * @param nowMs    time the popularity is computed for.
     * @param settings model settings.
     * @param version  a number that grows with every rebuild.
     * @return the model.
     */
    public static ItemModel build(
        final CatalogSnapshot catalog,
        final ItemEvidence evidence,
        final long nowMs,
        final ModelSettings settings,
        final long version)
    {
        final int size = catalog.size();
        final double[] raw = new double[size];
        double max = 0;
        final long halfLifeMs = settings.popularityHalfLifeMs();
        for (int i = 0; i < size; i++)
        {
            final ItemStats s = evidence.stats(catalog.key(i));
            if (s != null)
            {
                raw[i] = Math.max(0.0, s.popularity(nowMs, halfLifeMs, settings.popularityWeights()));
                max = Math.max(max, raw[i]);
            }
        }

        final float[] popularity = new float[size];
        final double logMax = Math.log1p(max);
        for (int i = 0; i < size; i++)
        {
            popularity[i] = logMax > 0 ? (float)(Math.log1p(raw[i]) / logMax) : 0f;
        }

        // Most popular first; among equals, the newest first, then by index, so lists are stable.
        final Integer[] order = new Integer[size];
        for (int i = 0; i < size; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (l, r) ->
        {
            final int byPopularity = Double.compare(raw[r], raw[l]);
            if (byPopularity != 0)
            {
                return byPopularity;
            }
            final int byLaunch = Long.compare(catalog.launchedAt(r), catalog.launchedAt(l));
            return byLaunch != 0 ? byLaunch : Integer.compare(l, r);
        });

        final int globalCount = Math.min(size, settings.topGlobal());
        final int[] globalTop = new int[globalCount];
        final int categories = catalog.categoryCount();
        final int[][] categoryTop = new int[categories][];
        final int[] counts = new int[categories];
        final int limit = settings.topPerCategory();
        for (int c = 0; c < categories; c++)
        {
            categoryTop[c] = NONE;
        }
        for (int n = 0; n < size; n++)
        {
            final int item = order[n];
            if (n < globalCount)
            {
                globalTop[n] = item;
            }
            for (int c = catalog.categoryOf(item); c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
            {
                if (counts[c] < limit)
                {
                    if (categoryTop[c] == NONE)
                    {
                        categoryTop[c] = new int[Math.min(limit, 16)];
                    }
                    else if (counts[c] == categoryTop[c].length)
                    {
                        categoryTop[c] = Arrays.copyOf(categoryTop[c], Math.min(limit, counts[c] * 2));
                    }
                    categoryTop[c][counts[c]++] = item;
                }
            }
        }
        for (int c = 0; c < categories; c++)
        {
            if (counts[c] != categoryTop[c].length)
            {
                categoryTop[c] = Arrays.copyOf(categoryTop[c], counts[c]);
            }
        }
        return new ItemModel(catalog, version, nowMs, popularity, globalTop, categoryTop);
    }

    /**
     * The catalog this model describes.
     *
     * @return the catalog snapshot.
     */
    public CatalogSnapshot catalog()
    {
        return catalog;
    }

    /**
     * Build number.
     *
     * @return the version given when built.
     */
    public long version()
    {
        return version;
    }

    /**
     * When the popularity was computed.
     *
     * @return epoch milliseconds.
     */
    public long builtAtMs()
    {
        return builtAtMs;
    }

    /**
     * Popularity of a product on a log scale, the most popular being 1.
     *
     * @param item product index.
     * @return a value in [0, 1].
     */
    public float popularity(final int item)
    {
        return popularity[item];
    }

    /**
     * The most popular products, most popular first.
     *
     * @return product indices; do not modify.
     */
    public int[] globalTop()
    {
        return globalTop;
    }

    /**
     * The most popular products of a category and its subcategories, most popular first.
     *
     * @param category category index.
     * @return product indices; do not modify.
     */
    public int[] categoryTop(final int category)
    {
        return categoryTop[category];
    }

    /**
     * Item vectors used for scoring, packed as in {@link CatalogSnapshot#vectors()}.
     *
     * @return the shared array.
     */
    public float[] vectors()
    {
        return catalog.vectors();
    }
}
