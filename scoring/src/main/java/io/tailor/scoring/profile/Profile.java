package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;
import io.tailor.scoring.util.Hashing;

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
 * {@link ProfileUpdater} (events), {@link ProfileMerger} (linked ids) and {@link ShopperChoices} (consent and
 * stated preferences).
 */
public final class Profile
{
    /** Most categories kept, by decayed weight. */
    public static final int MAX_CATEGORIES = 10;
    /** Most brands kept, by decayed weight. */
    public static final int MAX_BRANDS = 8;
    /** Most recently touched distinct products kept. */
    public static final int MAX_RECENT = 20;
    /**
     * Most recently purchased or rated products kept with their time (for replenishment, "bought together"
     * neighbours and display). Sixteen, not more: {@link #owns(long)} answers for everything ever bought from
     * the filter below, and the bytes go to the activity log instead (see {@link ProfileCodec}).
     */
    public static final int MAX_OWNED = 16;
    /**
     * Bits of the filter of every product ever purchased or rated: with k = 3 it answers "owned" for a
     * product that is not with a probability of about 1 % at 200 products, so a shopper with a long history
     * is still not shown what they bought.
     */
    public static final int OWNED_FILTER_BITS = 2048;
    /** Event ids remembered for de-duplication: a re-sent id among the last this many is a duplicate. */
    public static final int MAX_EVENT_IDS = 64;
    /** Event ids are remembered by the low 48 bits of their key. */
    public static final long EVENT_ID_MASK = 0xFFFF_FFFF_FFFFL;
    /** Most entries of the activity log, see {@link ActivityLog}. */
    public static final int MAX_ACTIVITY = 32;

    final int dimensions;

    long version;
    long createdAtMs;
    long updatedAtMs;
    long decayAtMs;
    int flags;
    double spend;
    long lastServiceAtMs;
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
    final long[] recentFirstAtMs = new long[MAX_RECENT];
    final byte[] recentTypes = new byte[MAX_RECENT];

    /** Oldest first. */
    int ownedCount;
    final long[] ownedKeys = new long[MAX_OWNED];
    final long[] ownedAtMs = new long[MAX_OWNED];
    final byte[] ownedTypes = new byte[MAX_OWNED];
    final long[] ownedFilter = new long[OWNED_FILTER_BITS / 64];

    /** Impressions per product, for frequency capping. */
    final ImpressionCounts impressions = new ImpressionCounts();

    /** A ring: {@code eventIdHead} is where the next id goes. */
    int eventIdCount;
    int eventIdHead;
    final long[] eventIds = new long[MAX_EVENT_IDS];

    final int[] typeCounts = new int[EventType.count()];

    /** Stated preferences (zero-party data). */
    final StatedPreferences preferences = new StatedPreferences();

    /**
     * Recent events for segment windows, oldest first; see {@link ActivityLog}. Decoded on first use: the
     * recommendation path reads a profile without ever needing them, so {@link ProfileCodec#decode} only
     * remembers where they are ({@link #loadActivity()}).
     */
    int activityCount;
    byte[] activitySource;
    int activityOffset;
    final int[] activityMinutes = new int[MAX_ACTIVITY];
    final byte[] activityKinds = new byte[MAX_ACTIVITY];
    final int[] activityProducts = new int[MAX_ACTIVITY];
    final float[] activityValues = new float[MAX_ACTIVITY];

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
        lastServiceAtMs = 0;
        priceLogMean = 0;
        priceSamples = 0;
        hasAffinity = false;
        Arrays.fill(affinity, 0f);
        categoryCount = 0;
        brandCount = 0;
        recentCount = 0;
        ownedCount = 0;
        Arrays.fill(ownedFilter, 0L);
        impressions.clear();
        eventIdCount = 0;
        eventIdHead = 0;
        Arrays.fill(typeCounts, 0);
        preferences.clear();
        activityCount = 0;
        activitySource = null;
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
     * Whether anything about the shopper's behaviour or stated preferences is held (more than consent).
     *
     * @return true when there is anything to erase besides the consent.
     */
    public boolean hasAnyHistory()
    {
        if (hasHistory() || impressions.count > 0 || eventIdCount > 0 || activityCount() > 0 || spend != 0 ||
            !preferences.isEmpty() || lastServiceAtMs != 0 || brandCount > 0)
        {
            return true;
        }
        for (final int count : typeCounts)
        {
            if (count != 0)
            {
                return true;
            }
        }
        return false;
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
     * Flags: the shopper's consent, see {@link ProfileFlags}.
     *
     * @return the flag bits.
     */
    public int flags()
    {
        return flags;
    }

    /**
     * Gives the profile an assignment bucket from its key unless it holds one (see {@link ProfileFlags}); called
     * when the profile is stored, so it does not change the version.
     *
     * @param keyHash {@code Hashing.key} of the profile's key.
     */
    public void assignIfUnassigned(final long keyHash)
    {
        if (!ProfileFlags.assigned(flags))
        {
            flags = ProfileFlags.withAssignmentBucket(flags, ProfileFlags.bucketOf(keyHash));
        }
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
     * When the shopper last contacted customer service.
     *
     * @return epoch milliseconds (second precision), 0 for never.
     */
    public long lastServiceAtMs()
    {
        return lastServiceAtMs;
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
     * When the i-th recent product was first touched since it entered the list: the start of the shopper's
     * journey towards it, for learning and predicting the time from first view to purchase.
     *
     * @param i 0 to {@link #recentCount()} - 1.
     * @return epoch milliseconds (minute precision), at most {@link #recentAtMs(int)}.
     */
    public long recentFirstAtMs(final int i)
    {
        return recentFirstAtMs[i];
    }

    /**
     * Position of a product in the recent list.
     *
     * @param productKey product key.
     * @return its index, or -1 when it is not there.
     */
    public int recentIndexOf(final long productKey)
    {
        for (int i = 0; i < recentCount; i++)
        {
            if (recentKeys[i] == productKey)
            {
                return i;
            }
        }
        return -1;
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
     * Whether a product was ever purchased or rated: among the recent owned ones, or in the filter of all
     * of them (which can answer yes wrongly, rarely, never no wrongly).
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
        return ownedFilterContains(productKey);
    }

    /**
     * Whether the filter of every product ever purchased or rated holds a product.
     *
     * @param productKey product key.
     * @return true when probably owned; false when certainly not.
     */
    public boolean ownedFilterContains(final long productKey)
    {
        final long h = Hashing.mix(productKey);
        for (int k = 0; k < 3; k++)
        {
            final int bit = (int)((h >>> (k * 21)) & (OWNED_FILTER_BITS - 1));
            if ((ownedFilter[bit >>> 6] & (1L << (bit & 63))) == 0)
            {
                return false;
            }
        }
        return true;
    }

    void addToOwnedFilter(final long productKey)
    {
        final long h = Hashing.mix(productKey);
        for (int k = 0; k < 3; k++)
        {
            final int bit = (int)((h >>> (k * 21)) & (OWNED_FILTER_BITS - 1));
            ownedFilter[bit >>> 6] |= 1L << (bit & 63);
        }
    }

    /**
     * How often each product was shown to the shopper, for frequency capping. Read only: counts change through
     * {@link ProfileUpdater} and, for one request, {@link ImpressionRecord#overlay(byte[], Profile, long, long)}.
     *
     * @return this profile's impression counts.
     */
    public ImpressionCounts impressions()
    {
        return impressions;
    }

    /**
     * The 32-bit fingerprint impressions are counted under.
     *
     * @param productKey product key.
     * @return its fingerprint, never 0.
     */
    public static int impressionFingerprint(final long productKey)
    {
        final int fingerprint = (int)(productKey ^ (productKey >>> 32));
        return fingerprint == 0 ? 1 : fingerprint;
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
        final long id = eventIdKey & EVENT_ID_MASK;
        for (int i = 0; i < eventIdCount; i++)
        {
            if (eventIds[i] == id)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * What the shopper stated about their taste. Read only: changes go through {@link ShopperChoices}.
     *
     * @return this profile's preferences section.
     */
    public StatedPreferences preferences()
    {
        return preferences;
    }

    /**
     * Number of entries in the activity log.
     *
     * @return the count, at most {@link #MAX_ACTIVITY}.
     */
    public int activityCount()
    {
        loadActivity();
        return activityCount;
    }

    /** Decodes the activity log if a decode left it in the binary form; every access to it goes through here. */
    void loadActivity()
    {
        final byte[] source = activitySource;
        if (source != null)
        {
            activitySource = null;
            ProfileCodec.decodeActivity(source, activityOffset, this);
        }
    }

    /**
     * Time of the i-th activity entry, oldest first.
     *
     * @param i 0 to {@link #activityCount()} - 1.
     * @return epoch milliseconds (minute precision).
     */
    public long activityAtMs(final int i)
    {
        loadActivity();
        return ActivityLog.toMs(activityMinutes[i]);
    }

    /**
     * Event type of the i-th activity entry.
     *
     * @param i 0 to {@link #activityCount()} - 1.
     * @return the type.
     */
    public EventType activityType(final int i)
    {
        loadActivity();
        return ActivityLog.type(activityKinds[i]);
    }

    /**
     * Whether the i-th activity entry opens an event (a purchase's first line), so that counting events
     * counts orders, not lines.
     *
     * @param i 0 to {@link #activityCount()} - 1.
     * @return true for the first (or only) entry of an event.
     */
    public boolean activityStartsEvent(final int i)
    {
        loadActivity();
        return ActivityLog.startsEvent(activityKinds[i]);
    }

    /**
     * Product fingerprint of the i-th activity entry ({@link #impressionFingerprint(long)} of its key).
     *
     * @param i 0 to {@link #activityCount()} - 1.
     * @return the fingerprint, 0 when the entry names no product.
     */
    public int activityProduct(final int i)
    {
        loadActivity();
        return activityProducts[i];
    }

    /**
     * Value of the i-th activity entry: the line's share of the order's amount for purchases and refunds,
     * the event's value otherwise.
     *
     * @param i 0 to {@link #activityCount()} - 1.
     * @return the value, 0 when none.
     */
    public float activityValue(final int i)
    {
        loadActivity();
        return activityValues[i];
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
        lastServiceAtMs = other.lastServiceAtMs;
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
        System.arraycopy(other.recentFirstAtMs, 0, recentFirstAtMs, 0, recentCount);
        System.arraycopy(other.recentTypes, 0, recentTypes, 0, recentCount);
        ownedCount = other.ownedCount;
        System.arraycopy(other.ownedKeys, 0, ownedKeys, 0, ownedCount);
        System.arraycopy(other.ownedAtMs, 0, ownedAtMs, 0, ownedCount);
        System.arraycopy(other.ownedTypes, 0, ownedTypes, 0, ownedCount);
        System.arraycopy(other.ownedFilter, 0, ownedFilter, 0, ownedFilter.length);
        impressions.copyFrom(other.impressions);
        eventIdCount = other.eventIdCount;
        eventIdHead = other.eventIdHead;
        System.arraycopy(other.eventIds, 0, eventIds, 0, MAX_EVENT_IDS);
        System.arraycopy(other.typeCounts, 0, typeCounts, 0, typeCounts.length);
        preferences.copyFrom(other.preferences);
        other.loadActivity();
        activitySource = null;
        activityCount = other.activityCount;
        System.arraycopy(other.activityMinutes, 0, activityMinutes, 0, activityCount);
        System.arraycopy(other.activityKinds, 0, activityKinds, 0, activityCount);
        System.arraycopy(other.activityProducts, 0, activityProducts, 0, activityCount);
        System.arraycopy(other.activityValues, 0, activityValues, 0, activityCount);
        return this;
    }
}
