package io.tailor.scoring.model;

import org.agrona.collections.Long2LongHashMap;

import java.util.Arrays;
import java.util.concurrent.locks.StampedLock;

/**
 * The most recent shopping sessions and, per product, the sessions that viewed it: the neighbourhood of the
 * session k-nearest-neighbour methods (S-KNN, V-SKNN; Ludewig and Jannach, "Evaluation of session-based
 * recommendation algorithms", 2018), kept from the live event stream instead of a training file.
 * <p>
 * Memory is bounded by construction: a ring of {@code capacity} sessions of at most {@code itemsPerSession}
 * distinct products each. A new session takes the slot of the oldest, which is evicted with its postings. The
 * postings of a product form a chain, newest first, through the sessions' item slots (each item slot remembers
 * the product's previous posting), so the inverted index costs one map entry per product of a live session and
 * one long per item slot. Whole: about {@code capacity * (32 + itemsPerSession * 16)} bytes plus two hash maps
 * of at most {@code capacity} (shoppers) and {@code capacity * itemsPerSession} (products) entries.
 * <p>
 * A shopper's views belong to the shopper's current session until {@code sessionGapMs} pass without a view;
 * a session that reaches {@code itemsPerSession} distinct products continues in a new one (a long browse is cut
 * into pieces). A product viewed again in the same session is not added again: neighbour sessions are sets.
 * <p>
 * Neighbours ({@link #neighbours}): the sessions sharing a product with the query, at most {@code sample} per
 * product, newest first, of which the {@code sample} most recent overall are compared; the similarity of a
 * session is the sum of the query weights of the products it shares (V-SKNN's dot product with a binary
 * session); the {@code k} most similar vote for their other products with their similarity.
 * <p>
 * Thread safe: a view takes a write lock, a query a read lock (queries run together; a view waits for them and
 * they for it, each a few microseconds). Each querying thread brings its own {@link Neighbourhood}.
 */
public final class RecentSessionIndex
{
    /** Sessions kept by default: at 20 products each, about 25 MB. */
    public static final int DEFAULT_CAPACITY = 65_536;
    /** Distinct products kept per session by default (most sessions are shorter; Tmall's mean is 6). */
    public static final int DEFAULT_ITEMS_PER_SESSION = 20;
    /** No view for this long ends a session (the usual web-analytics session timeout). */
    public static final long DEFAULT_SESSION_GAP_MS = 30L * 60_000L;
    /** Sessions compared per query, as in Ludewig and Jannach's configurations. */
    public static final int DEFAULT_SAMPLE = 500;
    /** Sessions that vote per query, as in their configurations. */
    public static final int DEFAULT_NEIGHBOURS = 100;

    private static final long NONE = -1L;

    private final int capacity;
    private final int itemsPerSession;
    /** A posting is {@code session << positionBits | position}: shifts, not divisions, on the query's walk. */
    private final int positionBits;
    private final long slotMask;
    private final long sessionGapMs;
    private final int sample;
    private final int neighbourCount;
    /** Per slot: the number of the session in it (sessions are numbered from 0 as they start), or NONE. */
    private final long[] slotSession;
    private final long[] slotShopper;
    private final long[] slotLastMs;
    private final int[] slotCount;
    /** Per item slot (slot * itemsPerSession + position): the product key. */
    private final long[] itemKey;
    /** Per item slot: the product's previous posting (session and position), or NONE. */
    private final long[] itemPrevious;
    /** Shopper key to the number of the shopper's latest session. */
    private final Long2LongHashMap shopperSession = new Long2LongHashMap(NONE);
    /** Product key to its newest posting. */
    private final Long2LongHashMap productHead = new Long2LongHashMap(NONE);
    private final StampedLock lock = new StampedLock();
    private long nextSession;
    private volatile long views;

    /**
     * An index with the default bounds.
     */
    public RecentSessionIndex()
    {
        this(DEFAULT_CAPACITY, DEFAULT_ITEMS_PER_SESSION, DEFAULT_SESSION_GAP_MS);
    }

    /**
     * An index with bounds.
     *
     * @param capacity        sessions kept, a power of two.
     * @param itemsPerSession distinct products per session, 1 to 1,000.
     * @param sessionGapMs    time without a view that ends a session, positive.
     */
    public RecentSessionIndex(final int capacity, final int itemsPerSession, final long sessionGapMs)
    {
        this(capacity, itemsPerSession, sessionGapMs, DEFAULT_SAMPLE, DEFAULT_NEIGHBOURS);
    }

    /**
     * An index with bounds and the neighbourhood its readers ask for.
     *
     * @param capacity        sessions kept, a power of two.
     * @param itemsPerSession distinct products per session, 1 to 1,000.
     * @param sessionGapMs    time without a view that ends a session, positive.
     * @param sample          most recent sessions sharing a product compared per query, at least 1.
     * @param neighbourCount  most similar of them that vote, 1 to {@code sample}.
     */
    public RecentSessionIndex(final int capacity, final int itemsPerSession, final long sessionGapMs,
        final int sample, final int neighbourCount)
    {
        if (Integer.bitCount(capacity) != 1 || itemsPerSession < 1 || itemsPerSession > 1_000 || sessionGapMs <= 0L ||
            (long)capacity * itemsPerSession > Integer.MAX_VALUE - 8 || sample < 1 || neighbourCount < 1 ||
            neighbourCount > sample)
        {
            throw new IllegalArgumentException("recent sessions: capacity a power of two, items per session 1 to "
                + "1000, positive session gap, sample >= 1, neighbours 1 to sample: " + capacity + ", "
                + itemsPerSession + ", " + sessionGapMs + ", " + sample + ", " + neighbourCount);
        }
        this.sample = sample;
        this.neighbourCount = neighbourCount;
        this.capacity = capacity;
        this.itemsPerSession = itemsPerSession;
        this.positionBits = 32 - Integer.numberOfLeadingZeros(itemsPerSession - 1);
        this.slotMask = capacity - 1L;
        this.sessionGapMs = sessionGapMs;
        slotSession = new long[capacity];
        Arrays.fill(slotSession, NONE);
        slotShopper = new long[capacity];
        slotLastMs = new long[capacity];
        slotCount = new int[capacity];
        itemKey = new long[capacity * itemsPerSession];
        itemPrevious = new long[capacity * itemsPerSession];
    }

    /**
     * A shopper viewed a product.
     *
     * @param shopperKey key of the shopper (of the anonymous id for an anonymous shopper).
     * @param productKey key of the product.
     * @param atMs       when, epoch milliseconds; a view older than the session's latest counts as at its time.
     */
    public void view(final long shopperKey, final long productKey, final long atMs)
    {
        final long stamp = lock.writeLock();
        try
        {
            append(shopperKey, productKey, atMs);
        }
        finally
        {
            lock.unlockWrite(stamp);
        }
    }

    private void append(final long shopperKey, final long productKey, final long atMs)
    {
        views++;
        long session = shopperSession.get(shopperKey);
        int slot = session == NONE ? -1 : slot(session);
        if (slot < 0 || slotSession[slot] != session || atMs - slotLastMs[slot] > sessionGapMs ||
            slotCount[slot] == itemsPerSession && !contains(slot, productKey))
        {
            session = start(shopperKey);
            slot = slot(session);
        }
        slotLastMs[slot] = Math.max(slotLastMs[slot], atMs);
        if (contains(slot, productKey))
        {
            return;
        }
        final int position = slotCount[slot]++;
        final int at = slot * itemsPerSession + position;
        itemKey[at] = productKey;
        itemPrevious[at] = productHead.get(productKey);
        productHead.put(productKey, posting(session, position));
    }

    /** Sessions kept now (at most the capacity). */
    public int sessions()
    {
        final long stamp = lock.readLock();
        try
        {
            return (int)Math.min(nextSession, capacity);
        }
        finally
        {
            lock.unlockRead(stamp);
        }
    }

    /** Products with a posting in a kept session. */
    public int products()
    {
        final long stamp = lock.readLock();
        try
        {
            return productHead.size();
        }
        finally
        {
            lock.unlockRead(stamp);
        }
    }

    /** Views applied since creation (read without the lock: a gauge). */
    public long views()
    {
        return views;
    }

    /** Most recent sessions sharing a product that a query of {@link #neighbours()} compares. */
    public int sample()
    {
        return sample;
    }

    /** Most similar sessions that vote in a query of {@link #neighbours()}. */
    public int neighbourCount()
    {
        return neighbourCount;
    }

    /** The bound on sessions kept. */
    public int capacity()
    {
        return capacity;
    }

    /**
     * The products of a shopper's current session, oldest first (for tests and diagnostics).
     *
     * @param shopperKey key of the shopper.
     * @return the product keys, empty when the shopper has no kept session.
     */
    public long[] sessionOf(final long shopperKey)
    {
        final long stamp = lock.readLock();
        try
        {
            return currentSession(shopperKey);
        }
        finally
        {
            lock.unlockRead(stamp);
        }
    }

    private long[] currentSession(final long shopperKey)
    {
        final long session = shopperSession.get(shopperKey);
        if (session == NONE || slotSession[slot(session)] != session)
        {
            return new long[0];
        }
        final int slot = slot(session);
        return Arrays.copyOfRange(itemKey, slot * itemsPerSession, slot * itemsPerSession + slotCount[slot]);
    }

    /**
     * Scores products by the sessions most similar to a query session: see the class comment.
     *
     * @param query          the query's product keys (distinct).
     * @param weights        each query product's weight (V-SKNN: linear by position, the latest 1).
     * @param queryCount     how many of {@code query}.
     * @param excludeShopper a shopper whose own current session is not a neighbour (the asking shopper), or any
     *                       key no shopper has.
     * @param sample         most recent sessions compared.
     * @param k              most similar sessions that vote.
     * @param scratch        the caller's scratch; receives the scored products (the query's included).
     * @return how many products were scored ({@link Neighbourhood#count()}).
     */
    public int neighbours(final long[] query, final float[] weights, final int queryCount, final long excludeShopper,
        final int sample, final int k, final Neighbourhood scratch)
    {
        final long stamp = lock.readLock();
        try
        {
            return score(query, weights, queryCount, excludeShopper, sample, k, scratch);
        }
        finally
        {
            lock.unlockRead(stamp);
        }
    }

    private int score(final long[] query, final float[] weights, final int queryCount, final long excludeShopper,
        final int sample, final int k, final Neighbourhood scratch)
    {
        scratch.clear();
        final long excluded = shopperSession.get(excludeShopper);
        for (int q = 0; q < queryCount; q++)
        {
            long posting = productHead.get(query[q]);
            for (int steps = 0; posting != NONE && steps < sample; steps++)
            {
                final long session = posting >>> positionBits;
                final int slot = slot(session);
                // Sessions are numbered as they start and take the slots in turn: the last 'capacity' are kept.
                if (nextSession - session > capacity)
                {
                    // Evicted: this posting's session and every older one in the chain are gone.
                    break;
                }
                if (session != excluded)
                {
                    scratch.addSimilarity(session, weights[q]);
                }
                posting = itemPrevious[slot * itemsPerSession + (int)(posting & (1L << positionBits) - 1L)];
            }
        }
        final int voters = scratch.keepNeighbours(sample, k);
        for (int n = 0; n < voters; n++)
        {
            final long session = scratch.neighbourSession(n);
            final float similarity = scratch.neighbourSimilarity(n);
            final int slot = slot(session);
            for (int i = slot * itemsPerSession, end = i + slotCount[slot]; i < end; i++)
            {
                scratch.addScore(itemKey[i], similarity);
            }
        }
        return scratch.count();
    }

    private int slot(final long session)
    {
        return (int)(session & slotMask);
    }

    private long posting(final long session, final int position)
    {
        return session << positionBits | position;
    }

    private boolean contains(final int slot, final long productKey)
    {
        for (int i = slot * itemsPerSession, end = i + slotCount[slot]; i < end; i++)
        {
            if (itemKey[i] == productKey)
            {
                return true;
            }
        }
        return false;
    }

    /** Starts a new session for a shopper in the oldest slot, evicting the session there. */
    private long start(final long shopperKey)
    {
        final long session = nextSession++;
        final int slot = slot(session);
        final long evicted = slotSession[slot];
        if (evicted != NONE)
        {
            final int base = slot * itemsPerSession;
            for (int position = 0; position < slotCount[slot]; position++)
            {
                // The product's newest posting may be this one: then every posting of its chain is older, gone.
                final long product = itemKey[base + position];
                if (productHead.get(product) == posting(evicted, position))
                {
                    productHead.remove(product);
                }
            }
            if (shopperSession.get(slotShopper[slot]) == evicted)
            {
                shopperSession.remove(slotShopper[slot]);
            }
        }
        slotSession[slot] = session;
        slotShopper[slot] = shopperKey;
        slotLastMs[slot] = Long.MIN_VALUE;
        slotCount[slot] = 0;
        shopperSession.put(shopperKey, session);
        return session;
    }

    /**
     * A query's scratch, one per thread: the candidate sessions with their similarity, the voters, and the
     * scored products. Grows to the largest query and is reused; no allocation once grown.
     */
    public static final class Neighbourhood
    {
        private final Long2LongHashMap sessionAt = new Long2LongHashMap(NONE);
        private final Long2LongHashMap productAt = new Long2LongHashMap(NONE);
        private long[] sessions = new long[1024];
        private float[] similarities = new float[1024];
        private int sessionCount;
        private long[] products = new long[1024];
        private float[] scores = new float[1024];
        private int count;

        /** Products scored by the last query. */
        public int count()
        {
            return count;
        }

        /**
         * A scored product's key.
         *
         * @param n 0 to {@link #count()} - 1.
         * @return the product key.
         */
        public long product(final int n)
        {
            return products[n];
        }

        /**
         * A scored product's score: the sum of the similarities of the voting sessions that viewed it.
         *
         * @param n 0 to {@link #count()} - 1.
         * @return the score.
         */
        public float score(final int n)
        {
            return scores[n];
        }

        /**
         * Moves the {@code keep} products with the largest score to the front (in no particular order among
         * themselves), by quickselect: O(count), no allocation.
         *
         * @param keep how many are wanted.
         * @return how many to take from the front: {@code min(count, keep)}.
         */
        public int strongestFirst(final int keep)
        {
            if (count <= keep)
            {
                return count;
            }
            int lo = 0;
            int hi = count - 1;
            while (lo < hi)
            {
                final float pivot = scores[(lo + hi) >>> 1];
                int i = lo;
                int j = hi;
                while (i <= j)
                {
                    while (scores[i] > pivot)
                    {
                        i++;
                    }
                    while (scores[j] < pivot)
                    {
                        j--;
                    }
                    if (i <= j)
                    {
                        final long product = products[i];
                        products[i] = products[j];
                        products[j] = product;
                        final float score = scores[i];
                        scores[i] = scores[j];
                        scores[j] = score;
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

        /** Voting sessions of the last query (after {@link #keepNeighbours}). */
        int neighbourCount()
        {
            return sessionCount;
        }

        long neighbourSession(final int n)
        {
            return sessions[n];
        }

        float neighbourSimilarity(final int n)
        {
            return similarities[n];
        }

        void clear()
        {
            if (!sessionAt.isEmpty())
            {
                sessionAt.clear();
            }
            if (!productAt.isEmpty())
            {
                productAt.clear();
            }
            sessionCount = 0;
            count = 0;
        }

        void addSimilarity(final long session, final float weight)
        {
            final long at = sessionAt.get(session);
            if (at != NONE)
            {
                similarities[(int)at] += weight;
                return;
            }
            if (sessionCount == sessions.length)
            {
                sessions = Arrays.copyOf(sessions, sessionCount * 2);
                similarities = Arrays.copyOf(similarities, sessionCount * 2);
            }
            sessionAt.put(session, sessionCount);
            sessions[sessionCount] = session;
            similarities[sessionCount] = weight;
            sessionCount++;
        }

        /**
         * Keeps the {@code sample} most recent candidate sessions, then of those the {@code k} most similar
         * (the more recent first among equals), at the front.
         *
         * @return how many vote.
         */
        int keepNeighbours(final int sample, final int k)
        {
            if (sessionCount > sample)
            {
                sortBy(false, 0, sessionCount);
                sessionCount = sample;
            }
            if (sessionCount > k)
            {
                sortBy(true, 0, sessionCount);
                sessionCount = k;
            }
            return sessionCount;
        }

        void addScore(final long product, final float similarity)
        {
            final long at = productAt.get(product);
            if (at != NONE)
            {
                scores[(int)at] += similarity;
                return;
            }
            if (count == products.length)
            {
                products = Arrays.copyOf(products, count * 2);
                scores = Arrays.copyOf(scores, count * 2);
            }
            productAt.put(product, count);
            products[count] = product;
            scores[count] = similarity;
            count++;
        }

        /**
         * Sorts the candidate sessions in place, newest first or most similar first (then newest): an insertion
         * sort for the short lists, else a shell sort; no allocation.
         */
        private void sortBy(final boolean bySimilarity, final int from, final int to)
        {
            final int length = to - from;
            int gap = 1;
            while (gap < length / 3)
            {
                gap = 3 * gap + 1;
            }
            for (; gap >= 1; gap /= 3)
            {
                for (int i = from + gap; i < to; i++)
                {
                    final long session = sessions[i];
                    final float similarity = similarities[i];
                    int j = i;
                    while (j - gap >= from && before(bySimilarity, session, similarity, sessions[j - gap],
                        similarities[j - gap]))
                    {
                        sessions[j] = sessions[j - gap];
                        similarities[j] = similarities[j - gap];
                        j -= gap;
                    }
                    sessions[j] = session;
                    similarities[j] = similarity;
                }
            }
        }

        private static boolean before(final boolean bySimilarity, final long session, final float similarity,
            final long other, final float otherSimilarity)
        {
            if (bySimilarity && similarity != otherSimilarity)
            {
                return similarity > otherSimilarity;
            }
            return session > other;
        }
    }
}
