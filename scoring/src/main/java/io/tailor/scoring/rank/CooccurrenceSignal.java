package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;

import java.util.Arrays;

/**
 * Stage 1 (with {@link ShopperInterests}), seen or bought together: accumulates, for every product, how strongly
 * it was seen or bought together with the page's products, the shopper's session (by session weight) and latest
 * purchases. The accumulated products are the first candidate source; {@link #cooccurrence} is a scoring term.
 * <p>
 * Per request (a stamp, no clearing), sized to the catalog: no allocation once grown.
 */
final class CooccurrenceSignal
{
    /** Weight of a page (or cart) product as a source, of co-occurrence and of taste alike. */
    static final float CONTEXT_WEIGHT = 2.0f;
    /** Weight of a purchase as a source, of co-occurrence and of taste alike. */
    static final float OWNED_WEIGHT = 0.3f;
    /** Latest purchases used as sources. */
    static final int OWNED_SOURCES = 8;

    private int stamp;
    private float[] cooc = new float[0];
    private int[] coocStamp = new int[0];
    private int[] items = new int[1024];
    private int count;
    /** Largest accumulated co-occurrence of this request; the term is relative to it (0 to 1). */
    private float max;

    /**
     * Grows the scratch arrays to the catalog and starts a new request.
     *
     * @param catalog the request's catalog.
     */
    void prepare(final CatalogSnapshot catalog)
    {
        final int size = catalog.size();
        if (cooc.length < size)
        {
            final int capacity = Math.max(size, cooc.length * 2);
            cooc = new float[capacity];
            coocStamp = new int[capacity];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(coocStamp, 0);
            stamp = 1;
        }
        count = 0;
        max = 0f;
    }

    /**
     * Accumulates the neighbours of the page's products, the session and the latest purchases.
     *
     * @param model                    item model.
     * @param profile                  the consented profile, or {@code null}.
     * @param request                  the request.
     * @param interests                the session, collected.
     * @param allowedSensitiveCategory see {@link Exclusions#allowedSensitiveCategory()}.
     */
    void collect(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final ShopperInterests interests, final int allowedSensitiveCategory)
    {
        final CatalogSnapshot catalog = model.catalog();
        final boolean cart = request.placement() == Placement.CART;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final int item = request.contextAt(c);
            addNeighbors(model.neighbors(item), model.neighborScores(item), CONTEXT_WEIGHT / (cart ? 2 : 1));
            if (cart)
            {
                addNeighbors(model.boughtTogether(item), model.boughtTogetherScores(item), CONTEXT_WEIGHT);
            }
        }
        for (int s = 0, sessions = interests.sessionCount(); s < sessions; s++)
        {
            final int item = interests.sessionItem(s);
            addNeighbors(model.neighbors(item), model.neighborScores(item), interests.sessionWeight(s));
        }
        if (profile != null)
        {
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < OWNED_SOURCES; i--)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING &&
                    Exclusions.signalAllowed(catalog, item, allowedSensitiveCategory))
                {
                    addNeighbors(model.boughtTogether(item), model.boughtTogetherScores(item), OWNED_WEIGHT);
                    sources++;
                }
            }
        }
        float largest = 0f;
        for (int i = 0; i < count; i++)
        {
            largest = Math.max(largest, cooc[items[i]]);
        }
        max = largest;
    }

    /** Products with any co-occurrence this request. */
    int count()
    {
        return count;
    }

    /** The products with any co-occurrence, the first {@link #count()} of them. */
    int[] items()
    {
        return items;
    }

    /**
     * How strongly a product goes with the context and the shopper's products, relative to the product that
     * goes best with them: 0 to 1, on the scale of the other terms (popularity is 0 to 1 too). An absolute
     * scale (a weighted mean of shrunk cosines, typically 0.01 to 0.1) let popularity drown it: on
     * MovieLens-latest-small, HR@10 went from 0.038 to 0.080 with this normalisation.
     *
     * @param item product index.
     * @return 0 to 1.
     */
    float cooccurrence(final int item)
    {
        return coocStamp[item] == stamp && max > 0f ? cooc[item] / max : 0f;
    }

    /**
     * Moves the {@code keep} products with the largest accumulated co-occurrence to the front of
     * {@link #items()} (in no particular order among themselves), by quickselect: O(count), no allocation.
     *
     * @param keep how many are wanted.
     * @return how many to take from the front: {@code min(count, keep)}.
     */
    int strongestFirst(final int keep)
    {
        return selectLargest(items, cooc, count, keep);
    }

    /**
     * Moves the {@code keep} of the first {@code count} products with the largest {@code values[item]} to the
     * front of {@code items} (in no particular order among themselves), by quickselect: O(count), no allocation.
     *
     * @param items  product indices.
     * @param values value of each product, by index.
     * @param count  how many of {@code items} are in use.
     * @param keep   how many are wanted.
     * @return how many to take from the front: {@code min(count, keep)}.
     */
    static int selectLargest(final int[] items, final float[] values, final int count, final int keep)
    {
        if (count <= keep)
        {
            return count;
        }
        int lo = 0;
        int hi = count - 1;
        while (lo < hi)
        {
            final float pivot = values[items[(lo + hi) >>> 1]];
            int i = lo;
            int j = hi;
            while (i <= j)
            {
                while (values[items[i]] > pivot)
                {
                    i++;
                }
                while (values[items[j]] < pivot)
                {
                    j--;
                }
                if (i <= j)
                {
                    final int swap = items[i];
                    items[i] = items[j];
                    items[j] = swap;
                    i++;
                    j--;
                }
            }
            if (keep - 1 <= j)
            {
                hi = j;
            }
            else if (keep - 1 >= i)
            {
                lo = i;
            }
            else
            {
                break;
            }
        }
        return keep;
    }

    private void addNeighbors(final int[] neighbors, final float[] scores, final float weight)
    {
        if (neighbors.length == 0 || !(weight > 0f))
        {
            return;
        }
        for (int n = 0; n < neighbors.length; n++)
        {
            final int item = neighbors[n];
            if (coocStamp[item] != stamp)
            {
                coocStamp[item] = stamp;
                cooc[item] = 0f;
                if (count == items.length)
                {
                    items = Arrays.copyOf(items, count * 2);
                }
                items[count++] = item;
            }
            cooc[item] += weight * scores[n];
        }
    }
}
