package io.tailor.scoring.profile;

/**
 * How often each product was shown to the shopper within its counting window, for frequency capping: a
 * section of a {@link Profile}, reused with it. Products are held by their 32-bit
 * {@link Profile#impressionFingerprint(long) fingerprint}; a window opens with a product's first counted
 * impression and counting restarts once it has passed.
 * <p>
 * Counts enter three ways, all here so they agree on windows and eviction: {@code impression} events and
 * served lists ({@link #record}), a merged profile's counts ({@link #merge}), and the served counts of an
 * {@link ImpressionRecord} laid over a decoded profile for one request ({@link #overlay}). Not thread safe;
 * allocates nothing.
 */
public final class ImpressionCounts
{
    /**
     * Products whose impressions a stored profile counts (from {@code impression} events a storefront sends);
     * lists Tailor serves are counted apart, in an {@link ImpressionRecord}.
     */
    public static final int MAX_STORED = 24;
    /**
     * Products whose impressions a decoded profile can hold for frequency capping: its own and those of its
     * {@link ImpressionRecord}, laid over it for a request ({@link ImpressionRecord#overlay(byte[], Profile, long,
     * long)}).
     */
    public static final int MAX_SEEN = MAX_STORED + ImpressionRecord.MAX_PRODUCTS;

    int count;
    final int[] keys = new int[MAX_SEEN];
    final int[] counts = new int[MAX_SEEN];
    final long[] sinceMs = new long[MAX_SEEN];

    ImpressionCounts()
    {
    }

    /**
     * How many times a product was shown to the shopper within the current counting window.
     *
     * @param productKey product key.
     * @param nowMs      the present.
     * @param windowMs   length of the counting window.
     * @return impressions in the window that started with the product's first counted impression.
     */
    public int shown(final long productKey, final long nowMs, final long windowMs)
    {
        final int fingerprint = Profile.impressionFingerprint(productKey);
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == fingerprint)
            {
                return nowMs - sinceMs[i] < windowMs ? counts[i] : 0;
            }
        }
        return 0;
    }

    /**
     * Number of products with counted impressions.
     *
     * @return the count.
     */
    public int size()
    {
        return count;
    }

    /**
     * Fingerprint of the i-th product with counted impressions (see {@link Profile#impressionFingerprint(long)}).
     *
     * @param i 0 to {@link #size()} - 1.
     * @return the fingerprint.
     */
    public int fingerprint(final int i)
    {
        return keys[i];
    }

    /**
     * Impressions of the i-th product in its current window.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return the count.
     */
    public int countAt(final int i)
    {
        return counts[i];
    }

    /**
     * When the i-th product's current counting window opened.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return epoch milliseconds (second precision).
     */
    public long sinceMs(final int i)
    {
        return sinceMs[i];
    }

    /**
     * Counts impressions of a product: a window opens with the first impression and counting restarts when
     * it has passed. When every stored slot is taken, the product whose window opened longest ago makes room.
     *
     * @param productKey product key.
     * @param time       when it was shown.
     * @param windowMs   length of the counting window.
     * @param shown      impressions to add.
     */
    void record(final long productKey, final long time, final long windowMs, final int shown)
    {
        final long atMs = ProfileCodec.fromSeconds(ProfileCodec.toSeconds(time));
        final int fingerprint = Profile.impressionFingerprint(productKey);
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == fingerprint)
            {
                if (atMs - sinceMs[i] >= windowMs)
                {
                    sinceMs[i] = atMs;
                    counts[i] = 0;
                }
                counts[i] = Math.min(0xFFFF, counts[i] + shown);
                return;
            }
        }
        int slot = count;
        if (slot == MAX_STORED)
        {
            slot = oldest();
        }
        else
        {
            count++;
        }
        keys[slot] = fingerprint;
        counts[slot] = Math.min(0xFFFF, shown);
        sinceMs[slot] = atMs;
    }

    /**
     * Adds another profile's count of a product: windows that overlap combine, else the newer window wins.
     * When every stored slot is taken, a product whose window opened longest ago makes room for a newer one.
     */
    void merge(final int fingerprint, final int shown, final long since, final long windowMs)
    {
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == fingerprint)
            {
                if (Math.abs(sinceMs[i] - since) < windowMs)
                {
                    sinceMs[i] = Math.min(sinceMs[i], since);
                    counts[i] = Math.min(0xFFFF, counts[i] + shown);
                }
                else if (since > sinceMs[i])
                {
                    sinceMs[i] = since;
                    counts[i] = shown;
                }
                return;
            }
        }
        int slot = count;
        if (slot == MAX_STORED)
        {
            slot = oldest();
            if (sinceMs[slot] > since)
            {
                return;
            }
        }
        else
        {
            count++;
        }
        keys[slot] = fingerprint;
        counts[slot] = shown;
        sinceMs[slot] = since;
    }

    /**
     * Lays a served count (of an {@link ImpressionRecord}, still within its window at {@code nowMs}) over the
     * profile's own: added to a count whose window is open, replacing one whose window has passed, or in a
     * free slot beyond the stored ones while any is left. Only the first {@code own} entries are searched for the
     * product: the profile's own counts, held before the record's were laid over. A record holds each fingerprint
     * once, so none of its other products can be the one looked for, and the overlay stays linear in the record
     * (a full record of 48 products searched its own additions too: a twentieth of a served list's CPU).
     */
    void overlay(final int fingerprint, final int shown, final long since, final long nowMs, final long windowMs,
        final int own)
    {
        int slot = -1;
        for (int j = 0; j < own; j++)
        {
            if (keys[j] == fingerprint)
            {
                slot = j;
                break;
            }
        }
        if (slot < 0)
        {
            if (count == MAX_SEEN)
            {
                return;
            }
            slot = count++;
            keys[slot] = fingerprint;
            counts[slot] = shown;
            sinceMs[slot] = since;
        }
        else if (nowMs - sinceMs[slot] >= windowMs)
        {
            counts[slot] = shown;
            sinceMs[slot] = since;
        }
        else
        {
            counts[slot] = Math.min(0xFFFF, counts[slot] + shown);
            sinceMs[slot] = Math.min(sinceMs[slot], since);
        }
    }

    private int oldest()
    {
        int slot = 0;
        for (int i = 1; i < count; i++)
        {
            if (sinceMs[i] < sinceMs[slot])
            {
                slot = i;
            }
        }
        return slot;
    }

    void clear()
    {
        count = 0;
    }

    void copyFrom(final ImpressionCounts other)
    {
        count = other.count;
        System.arraycopy(other.keys, 0, keys, 0, count);
        System.arraycopy(other.counts, 0, counts, 0, count);
        System.arraycopy(other.sinceMs, 0, sinceMs, 0, count);
    }
}
