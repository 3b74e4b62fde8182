package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;

import java.util.Arrays;

/**
 * A shopper's hot profile: everything the recommender needs to personalise, in fixed-capacity primitive
 * arrays so that one instance can be reused for any number of shoppers without allocating.
 * <p>
 * Decayed quantities (the affinity vector and the category and brand weights) refer to
 * {@link #decayAtMs()}; reading them at a later time scales all of them by the same factor, which does
 * not change their order. Lists are bounded: the weakest category or brand, the oldest recent or owned
 * item and the oldest event id make room for new ones.
 * <p>
 * Not thread safe. The binary form is written and read by {@link ProfileCodec}; changes come from
 * {@link ProfileUpdater}.
 */
public final class Profile
{
    /** Most categories kept, by decayed weight. */
    public static final int MAX_CATEGORIES = 10;
    /** Most brands kept, by decayed weight. */
    public static final int MAX_BRANDS = 8;
    /** Most recently touched distinct products kept. */
    public static final int MAX_RECENT = 24;
    /** Most purchased or rated products kept for exclusion. */
    public static final int MAX_OWNED = 48;
    /** Event ids remembered for de-duplication: a re-sent id among the last this many is a duplicate. */
    public static final int MAX_EVENT_IDS = 64;

    final int dimensions;

    long version;
    long createdAtMs;
    long updatedAtMs;
    long decayAtMs;
    int flags;
    double spend;
    float priceLogMean;
    int priceSamples;
    boolean hasAffinity;
    final float[] affinity;

    int categoryCount;
    final long[] categoryKeys = new long[MAX_CATEGORIES];
    final float[] categoryWeights = new float[MAX_CATEGORIES];

    int brandCount;
    final long[] brandKeys = new long[MAX_BRANDS];
    final float[] brandWeights = new float[MAX_BRANDS];

    /** Oldest first. */
    int recentCount;
    final long[] recentKeys = new long[MAX_RECENT];
    final long[] recentAtMs = new long[MAX_RECENT];
    final byte[] recentTypes = new byte[MAX_RECENT];

    /** Oldest first. */
    int ownedCount;
    final long[] ownedKeys = new long[MAX_OWNED];
    final long[] ownedAtMs = new long[MAX_OWNED];
    final byte[] ownedTypes = new byte[MAX_OWNED];

    /** A ring: {@code eventIdHead} is where the next id goes. */
    int eventIdCount;
    int eventIdHead;
    final long[] eventIds = new long[MAX_EVENT_IDS];

    final int[] typeCounts = new int[EventType.count()];

    /**
     * An empty profile for vectors of a dimension.
     *
     * @param dimensions affinity vector dimension, the same as the item vectors'.
     */
    public Profile(final int dimensions)
    {
        this.dimensions = dimensions;
        this.affinity = new float[dimensions];
    }

    /**
     * Empties this profile for reuse.
     *
     * @return this.
     */
    public Profile clear()
    {
        version = 0;
        createdAtMs = 0;
        updatedAtMs = 0;
        decayAtMs = 0;
        flags = 0;
        spend = 0;
        priceLogMean = 0;
        priceSamples = 0;
        hasAffinity = false;
        Arrays.fill(affinity, 0f);
        categoryCount = 0;
        brandCount = 0;
        recentCount = 0;
        ownedCount = 0;
        eventIdCount = 0;
        eventIdHead = 0;
        Arrays.fill(typeCounts, 0);
        return this;
    }

    /**
     * Empties this profile for a shopper whose earlier profile was erased: versions continue after the
     * erased one's, so the new profile is newer than any copy of the erased one.
     *
     * @param erasedVersion version of the tombstone left by the erasure.
     * @return this.
     */
    public Profile clearAfterErasure(final long erasedVersion)
    {
        clear();
        version = erasedVersion;
        return this;
    }

    /**
     * Whether nothing has been recorded.
     *
     * @return true for a profile that was never changed.
     */
    public boolean isEmpty()
    {
        return createdAtMs == 0;
    }

    /**
     * Whether the shopper has any history the recommender can use.
     *
     * @return true when there are recent items, owned items or a category affinity.
     */
    public boolean hasHistory()
    {
        return recentCount > 0 || ownedCount > 0 || categoryCount > 0;
    }

    /**
     * Affinity vector dimension.
     *
     * @return d.
     */
    public int dimensions()
    {
        return dimensions;
    }

    /**
     * Version, increased by every change; 0 for a new profile.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * Time of the first change.
     *
     * @return epoch milliseconds.
     */
    public long createdAtMs()
    {
        return createdAtMs;
    }

    /**
     * Latest event time applied.
     *
     * @return epoch milliseconds.
     */
    public long updatedAtMs()
    {
        return updatedAtMs;
    }

    /**
     * Time the decayed quantities refer to.
     *
     * @return epoch milliseconds.
     */
    public long decayAtMs()
    {
        return decayAtMs;
    }

    /**
     * Flags such as consent, see {@link ProfileFlags}.
     *
     * @return the flag bits.
     */
    public int flags()
    {
        return flags;
    }

    /**
     * Net amount spent: purchases less refunds.
     *
     * @return the amount.
     */
    public double spend()
    {
        return spend;
    }

    /**
     * Mean of the natural log of prices of carted and bought products, the shopper's price level.
     *
     * @return the mean, 0 when {@link #priceSamples()} is 0.
     */
    public float priceLogMean()
    {
        return priceLogMean;
    }

    /**
     * How many prices {@link #priceLogMean()} is made of.
     *
     * @return the count.
     */
    public int priceSamples()
    {
        return priceSamples;
    }

    /**
     * Whether the affinity vector holds anything.
     *
     * @return true after an interaction with a known, non-sensitive product.
     */
    public boolean hasAffinity()
    {
        return hasAffinity;
    }

    /**
     * The affinity vector, a decayed sum of item vectors weighted by event type. Read only.
     *
     * @return the backing array of length {@link #dimensions()}.
     */
    public float[] affinity()
    {
        return affinity;
    }

    /**
     * Number of categories held.
     *
     * @return the count.
     */
    public int categoryCount()
    {
        return categoryCount;
    }

    /**
     * Key of the i-th category.
     *
     * @param i 0 to {@link #categoryCount()} - 1.
     * @return the category path's key.
     */
    public long categoryKey(final int i)
    {
        return categoryKeys[i];
    }

    /**
     * Decayed weight of the i-th category at {@link #decayAtMs()}.
     *
     * @param i 0 to {@link #categoryCount()} - 1.
     * @return the weight.
     */
    public float categoryWeight(final int i)
    {
        return categoryWeights[i];
    }

    /**
     * Number of brands held.
     *
     * @return the count.
     */
    public int brandCount()
    {
        return brandCount;
    }

    /**
     * Key of the i-th brand.
     *
     * @param i 0 to {@link #brandCount()} - 1.
     * @return the brand name's key.
     */
    public long brandKey(final int i)
    {
        return brandKeys[i];
    }

    /**
     * Decayed weight of the i-th brand at {@link #decayAtMs()}.
     *
     * @param i 0 to {@link #brandCount()} - 1.
     * @return the weight.
     */
    public float brandWeight(final int i)
    {
        return brandWeights[i];
    }

    /**
     * Number of recent products held, oldest first.
     *
     * @return the count.
     */
    public int recentCount()
    {
        return recentCount;
    }

    /**
     * Key of the i-th recent product, oldest first.
     *
     * @param i 0 to {@link #recentCount()} - 1.
     * @return the product key.
     */
    public long recentKey(final int i)
    {
        return recentKeys[i];
    }

    /**
     * When the i-th recent product was last touched.
     *
     * @param i 0 to {@link #recentCount()} - 1.
     * @return epoch milliseconds (second precision).
     */
    public long recentAtMs(final int i)
    {
        return recentAtMs[i];
    }

    /**
     * The strongest interaction with the i-th recent product.
     *
     * @param i 0 to {@link #recentCount()} - 1.
     * @return the event type.
     */
    public EventType recentType(final int i)
    {
        return EventType.fromOrdinal(recentTypes[i]);
    }

    /**
     * Number of purchased or rated products held, oldest first.
     *
     * @return the count.
     */
    public int ownedCount()
    {
        return ownedCount;
    }

    /**
     * Key of the i-th purchased or rated product.
     *
     * @param i 0 to {@link #ownedCount()} - 1.
     * @return the product key.
     */
    public long ownedKey(final int i)
    {
        return ownedKeys[i];
    }

    /**
     * When the i-th owned product was last purchased or rated.
     *
     * @param i 0 to {@link #ownedCount()} - 1.
     * @return epoch milliseconds (second precision).
     */
    public long ownedAtMs(final int i)
    {
        return ownedAtMs[i];
    }

    /**
     * How the i-th owned product came to be owned.
     *
     * @param i 0 to {@link #ownedCount()} - 1.
     * @return {@link EventType#PURCHASE} or {@link EventType#RATING}.
     */
    public EventType ownedType(final int i)
    {
        return EventType.fromOrdinal(ownedTypes[i]);
    }

    /**
     * Whether a product is among the owned ones.
     *
     * @param productKey product key.
     * @return true when purchased or rated.
     */
    public boolean owns(final long productKey)
    {
        for (int i = 0; i < ownedCount; i++)
        {
            if (ownedKeys[i] == productKey)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * How many events of a type were applied, ever.
     *
     * @param type event type.
     * @return the count.
     */
    public int count(final EventType type)
    {
        return typeCounts[type.ordinal()];
    }

    /**
     * Number of event ids remembered.
     *
     * @return the count, at most {@link #MAX_EVENT_IDS}.
     */
    public int eventIdCount()
    {
        return eventIdCount;
    }

    /**
     * Whether an event id key was seen among the remembered ones.
     *
     * @param eventIdKey key of an event id.
     * @return true for a duplicate.
     */
    public boolean seen(final long eventIdKey)
    {
        for (int i = 0; i < eventIdCount; i++)
        {
            if (eventIds[i] == eventIdKey)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Copies another profile into this one.
     *
     * @param other profile of the same dimension.
     * @return this.
     */
    public Profile copyFrom(final Profile other)
    {
        if (other.dimensions != dimensions)
        {
            throw new IllegalArgumentException("dimension " + other.dimensions + " != " + dimensions);
        }
        version = other.version;
        createdAtMs = other.createdAtMs;
        updatedAtMs = other.updatedAtMs;
        decayAtMs = other.decayAtMs;
        flags = other.flags;
        spend = other.spend;
        priceLogMean = other.priceLogMean;
        priceSamples = other.priceSamples;
        hasAffinity = other.hasAffinity;
        System.arraycopy(other.affinity, 0, affinity, 0, dimensions);
        categoryCount = other.categoryCount;
        System.arraycopy(other.categoryKeys, 0, categoryKeys, 0, categoryCount);
        System.arraycopy(other.categoryWeights, 0, categoryWeights, 0, categoryCount);
        brandCount = other.brandCount;
        System.arraycopy(other.brandKeys, 0, brandKeys, 0, brandCount);
        System.arraycopy(other.brandWeights, 0, brandWeights, 0, brandCount);
        recentCount = other.recentCount;
        System.arraycopy(other.recentKeys, 0, recentKeys, 0, recentCount);
        System.arraycopy(other.recentAtMs, 0, recentAtMs, 0, recentCount);
        System.arraycopy(other.recentTypes, 0, recentTypes, 0, recentCount);
        ownedCount = other.ownedCount;
        System.arraycopy(other.ownedKeys, 0, ownedKeys, 0, ownedCount);
        System.arraycopy(other.ownedAtMs, 0, ownedAtMs, 0, ownedCount);
        System.arraycopy(other.ownedTypes, 0, ownedTypes, 0, ownedCount);
        eventIdCount = other.eventIdCount;
        eventIdHead = other.eventIdHead;
        System.arraycopy(other.eventIds, 0, eventIds, 0, MAX_EVENT_IDS);
        System.arraycopy(other.typeCounts, 0, typeCounts, 0, typeCounts.length);
        return this;
    }
}
