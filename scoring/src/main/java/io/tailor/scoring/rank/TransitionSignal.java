package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;

import java.util.Arrays;

/**
 * Stage 1 (with {@link CooccurrenceSignal}), viewed next: accumulates, for every product, how often shoppers viewed
 * it right after the page's product and the session's latest products ({@link ItemModel#followers}). Where
 * co-occurrence says what goes together, this says what comes next: a direction and an order.
 * <p>
 * The sources are the page's products, then the session's products newest first, at most {@value #MAX_SOURCES};
 * the source at position p (0 for the newest) weighs {@code 1 / (p + 1)}, so the product just viewed decides most
 * (the linear position weighting of the sequential-rules and V-SKNN methods of the session literature). The
 * accumulated products are a candidate source (taken before co-occurrence); {@link #transition} is a scoring term,
 * relative to the strongest of the request (0 to 1).
 * <p>
 * Per request (a stamp, no clearing), sized to the catalog: no allocation once grown.
 */
final class TransitionSignal
{
    /** Sources read per request: each adds up to {@code neighborsKept} products. */
    static final int MAX_SOURCES = 8;

    private final int[] sources = new int[MAX_SOURCES];
    private final float[] sourceWeights = new float[MAX_SOURCES];
    private int sourceCount;
    private int stamp;
    private float[] next = new float[0];
    private int[] nextStamp = new int[0];
    private int[] items = new int[256];
    private int count;
    private float max;

    /**
     * Grows the scratch arrays to the catalog and starts a new request.
     *
     * @param catalog the request's catalog.
     */
    void prepare(final CatalogSnapshot catalog)
    {
        final int size = catalog.size();
        if (next.length < size)
        {
            final int capacity = Math.max(size, next.length * 2);
            next = new float[capacity];
            nextStamp = new int[capacity];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(nextStamp, 0);
            stamp = 1;
        }
        count = 0;
        sourceCount = 0;
        max = 0f;
    }

    /**
     * Accumulates the followers of the page's products and of the session's latest products.
     *
     * @param model     item model.
     * @param request   the request.
     * @param interests the session, collected (its products are already allowed as signals).
     */
    void collect(final ItemModel model, final RecommendationRequest request, final ShopperInterests interests)
    {
        for (int c = 0; c < request.contextCount() && sourceCount < MAX_SOURCES; c++)
        {
            addSource(request.contextAt(c));
        }
        for (int s = 0, sessions = interests.sessionCount(); s < sessions && sourceCount < MAX_SOURCES; s++)
        {
            addSource(interests.sessionItem(s));
        }
        for (int s = 0; s < sourceCount; s++)
        {
            final int source = sources[s];
            addFollowers(model.followers(source), model.followerScores(source), sourceWeights[s]);
        }
        float largest = 0f;
        for (int i = 0; i < count; i++)
        {
            largest = Math.max(largest, next[items[i]]);
        }
        max = largest;
    }

    /** Products with any transition this request. */
    int count()
    {
        return count;
    }

    /** The products with any transition, the first {@link #count()} of them. */
    int[] items()
    {
        return items;
    }

    /**
     * How strongly a product follows the page and the session's latest products, relative to the product that
     * follows them most: 0 to 1.
     *
     * @param item product index.
     * @return 0 to 1.
     */
    float transition(final int item)
    {
        return nextStamp[item] == stamp && max > 0f ? next[item] / max : 0f;
    }

    /**
     * The source the product follows most strongly (weight times transition score), for explanations.
     *
     * @param model item model.
     * @param item  product index.
     * @return the source's product index, or {@link CatalogSnapshot#MISSING}.
     */
    int strongestSource(final ItemModel model, final int item)
    {
        int best = CatalogSnapshot.MISSING;
        float bestValue = 0f;
        for (int s = 0; s < sourceCount; s++)
        {
            final int[] followers = model.followers(sources[s]);
            final float[] scores = model.followerScores(sources[s]);
            for (int n = 0; n < followers.length; n++)
            {
                if (followers[n] == item && sourceWeights[s] * scores[n] > bestValue)
                {
                    bestValue = sourceWeights[s] * scores[n];
                    best = sources[s];
                }
            }
        }
        return best;
    }

    /**
     * Moves the {@code keep} products with the largest accumulated transition to the front of {@link #items()}
     * (in no particular order among themselves).
     *
     * @param keep how many are wanted.
     * @return how many to take from the front: {@code min(count, keep)}.
     */
    int strongestFirst(final int keep)
    {
        return CooccurrenceSignal.selectLargest(items, next, count, keep);
    }

    private void addSource(final int item)
    {
        for (int s = 0; s < sourceCount; s++)
        {
            if (sources[s] == item)
            {
                return;
            }
        }
        sources[sourceCount] = item;
        sourceWeights[sourceCount] = 1f / (sourceCount + 1);
        sourceCount++;
    }

    private void addFollowers(final int[] followers, final float[] scores, final float weight)
    {
        for (int n = 0; n < followers.length; n++)
        {
            final int item = followers[n];
            if (nextStamp[item] != stamp)
            {
                nextStamp[item] = stamp;
                next[item] = 0f;
                if (count == items.length)
                {
                    items = Arrays.copyOf(items, count * 2);
                }
                items[count++] = item;
            }
            next[item] += weight * scores[n];
        }
    }
}
