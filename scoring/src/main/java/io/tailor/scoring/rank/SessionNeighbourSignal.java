package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.RecentSessionIndex;

import java.util.Arrays;

/**
 * Stage 1 (with {@link TransitionSignal}), similar sessions: the products of the recent sessions most like this
 * one ({@link RecentSessionIndex}, V-SKNN). The query is the page's products and the session's latest products,
 * newest first, at most {@value #MAX_QUERY}, weighted linearly by position (the newest 1, the oldest
 * {@code 1 / n}), as V-SKNN weights the current session. The query's own products get no score: this signal is
 * about what the session has not seen (returns are {@link RecentlyViewed}'s). The scored products are a candidate
 * source and {@link #similarSessions} a scoring term relative to the strongest of the request (0 to 1).
 * <p>
 * Per request (a stamp, no clearing), sized to the catalog: no allocation once grown.
 */
final class SessionNeighbourSignal
{
    /** Products of the session asked about. */
    static final int MAX_QUERY = 10;
    /**
     * Products of the neighbours that get a score, the strongest: twice the candidates taken. Each costs a lookup
     * in the catalog; with 100 neighbours of up to 20 products there can be 2,000, and the weak ones could not
     * reach the list.
     */
    static final int MAX_SCORED = 128;

    private final long[] query = new long[MAX_QUERY];
    private final int[] queryItems = new int[MAX_QUERY];
    private final float[] queryWeights = new float[MAX_QUERY];
    private final RecentSessionIndex.Neighbourhood neighbourhood = new RecentSessionIndex.Neighbourhood();
    private int stamp;
    private float[] score = new float[0];
    private int[] scoreStamp = new int[0];
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
        if (score.length < size)
        {
            final int capacity = Math.max(size, score.length * 2);
            score = new float[capacity];
            scoreStamp = new int[capacity];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(scoreStamp, 0);
            stamp = 1;
        }
        count = 0;
        max = 0f;
    }

    /**
     * Scores the products of the sessions most similar to the page's and the session's latest products.
     *
     * @param catalog   the request's catalog.
     * @param sessions  the recent sessions; the caller holds whatever guards them against a writer.
     * @param request   the request (context, and the shopper whose own session is not a neighbour).
     * @param interests the session, collected (its products are already allowed as signals).
     */
    void collect(final CatalogSnapshot catalog, final RecentSessionIndex sessions,
        final RecommendationRequest request, final ShopperInterests interests)
    {
        int queryCount = 0;
        for (int c = 0; c < request.contextCount() && queryCount < MAX_QUERY; c++)
        {
            queryCount = addQuery(request.contextAt(c), queryCount);
        }
        for (int s = 0, n = interests.sessionCount(); s < n && queryCount < MAX_QUERY; s++)
        {
            queryCount = addQuery(interests.sessionItem(s), queryCount);
        }
        if (queryCount == 0)
        {
            return;
        }
        for (int q = 0; q < queryCount; q++)
        {
            query[q] = catalog.key(queryItems[q]);
            queryWeights[q] = (float)(queryCount - q) / queryCount;
        }
        sessions.neighbours(query, queryWeights, queryCount, request.shopperKey(), sessions.sample(),
            sessions.neighbourCount(), neighbourhood);
        final int scored = neighbourhood.strongestFirst(MAX_SCORED);
        for (int n = 0; n < scored; n++)
        {
            final int item = catalog.indexOf(neighbourhood.product(n));
            if (item == CatalogSnapshot.MISSING || isQuery(item, queryCount))
            {
                continue;
            }
            if (count == items.length)
            {
                items = Arrays.copyOf(items, count * 2);
            }
            items[count++] = item;
            scoreStamp[item] = stamp;
            score[item] = neighbourhood.score(n);
            max = Math.max(max, score[item]);
        }
    }

    /** Products with any score this request. */
    int count()
    {
        return count;
    }

    /** The products with any score, the first {@link #count()} of them. */
    int[] items()
    {
        return items;
    }

    /**
     * How strongly the most similar recent sessions viewed a product, relative to the product they viewed most:
     * 0 to 1.
     *
     * @param item product index.
     * @return 0 to 1.
     */
    float similarSessions(final int item)
    {
        return scoreStamp[item] == stamp && max > 0f ? score[item] / max : 0f;
    }

    /**
     * Moves the {@code keep} products with the largest score to the front of {@link #items()}.
     *
     * @param keep how many are wanted.
     * @return how many to take from the front: {@code min(count, keep)}.
     */
    int strongestFirst(final int keep)
    {
        return CooccurrenceSignal.selectLargest(items, score, count, keep);
    }

    private int addQuery(final int item, final int queryCount)
    {
        if (isQuery(item, queryCount))
        {
            return queryCount;
        }
        queryItems[queryCount] = item;
        return queryCount + 1;
    }

    private boolean isQuery(final int item, final int queryCount)
    {
        for (int q = 0; q < queryCount; q++)
        {
            if (queryItems[q] == item)
            {
                return true;
            }
        }
        return false;
    }
}
