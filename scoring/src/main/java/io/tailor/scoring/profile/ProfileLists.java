package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;

/**
 * How entries enter a profile's bounded lists: weighted keys (categories, brands), the recent products, the
 * owned products and their filter, and the ring of remembered event ids. Shared by {@link ProfileUpdater}
 * (one event at a time) and {@link ProfileMerger} (a whole profile at once), so both keep the same order,
 * capacity and eviction rules. Allocates nothing.
 */
final class ProfileLists
{
    private ProfileLists()
    {
    }

    /**
     * Adds weight to a key in a bounded list kept by weight; a new key replaces the weakest when it is
     * stronger. Keys whose weight falls to zero or below are dropped.
     *
     * @return the new count.
     */
    static int addWeighted(final long[] keys, final float[] weights, final int count, final long key,
        final float weight)
    {
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == key)
            {
                weights[i] += weight;
                if (weights[i] <= 0f)
                {
                    final int last = count - 1;
                    keys[i] = keys[last];
                    weights[i] = weights[last];
                    return last;
                }
                return count;
            }
        }
        if (weight <= 0f)
        {
            return count;
        }
        if (count < keys.length)
        {
            keys[count] = key;
            weights[count] = weight;
            return count + 1;
        }
        int weakest = 0;
        for (int i = 1; i < count; i++)
        {
            if (weights[i] < weights[weakest])
            {
                weakest = i;
            }
        }
        if (weight > weights[weakest])
        {
            keys[weakest] = key;
            weights[weakest] = weight;
        }
        return count;
    }

    /** Records a touched product in the recent list, kept oldest first, one entry per product. */
    static void remember(final Profile profile, final long productKey, final long atMs, final EventType type)
    {
        final long[] keys = profile.recentKeys;
        final long[] times = profile.recentAtMs;
        final byte[] types = profile.recentTypes;
        int count = profile.recentCount;

        final long[] firsts = profile.recentFirstAtMs;
        long at = atMs;
        long first = atMs;
        byte strongest = (byte)type.ordinal();
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == productKey)
            {
                at = Math.max(at, times[i]);
                first = Math.min(first, firsts[i]);
                if (strength(EventType.fromOrdinal(types[i])) > strength(type))
                {
                    strongest = types[i];
                }
                System.arraycopy(keys, i + 1, keys, i, count - i - 1);
                System.arraycopy(times, i + 1, times, i, count - i - 1);
                System.arraycopy(firsts, i + 1, firsts, i, count - i - 1);
                System.arraycopy(types, i + 1, types, i, count - i - 1);
                count--;
                break;
            }
        }

        if (count == keys.length)
        {
            if (at < times[0])
            {
                profile.recentCount = count;
                return;
            }
            System.arraycopy(keys, 1, keys, 0, count - 1);
            System.arraycopy(times, 1, times, 0, count - 1);
            System.arraycopy(firsts, 1, firsts, 0, count - 1);
            System.arraycopy(types, 1, types, 0, count - 1);
            count--;
        }
        int position = count;
        while (position > 0 && times[position - 1] > at)
        {
            position--;
        }
        System.arraycopy(keys, position, keys, position + 1, count - position);
        System.arraycopy(times, position, times, position + 1, count - position);
        System.arraycopy(firsts, position, firsts, position + 1, count - position);
        System.arraycopy(types, position, types, position + 1, count - position);
        keys[position] = productKey;
        times[position] = at;
        // Minute precision, as stored.
        firsts[position] = at - (at - first) / ActivityLog.MINUTE_MS * ActivityLog.MINUTE_MS;
        types[position] = strongest;
        profile.recentCount = count + 1;
    }

    /** Records a purchased or rated product; the oldest makes room when full. */
    static void own(final Profile profile, final long productKey, final long atMs, final EventType type)
    {
        final long[] keys = profile.ownedKeys;
        for (int i = 0; i < profile.ownedCount; i++)
        {
            if (keys[i] == productKey)
            {
                profile.ownedAtMs[i] = Math.max(profile.ownedAtMs[i], atMs);
                if (type == EventType.PURCHASE)
                {
                    profile.ownedTypes[i] = (byte)type.ordinal();
                }
                return;
            }
        }
        int count = profile.ownedCount;
        if (count == keys.length)
        {
            int oldest = 0;
            for (int i = 1; i < count; i++)
            {
                if (profile.ownedAtMs[i] < profile.ownedAtMs[oldest])
                {
                    oldest = i;
                }
            }
            count--;
            keys[oldest] = keys[count];
            profile.ownedAtMs[oldest] = profile.ownedAtMs[count];
            profile.ownedTypes[oldest] = profile.ownedTypes[count];
        }
        keys[count] = productKey;
        profile.ownedAtMs[count] = atMs;
        profile.ownedTypes[count] = (byte)type.ordinal();
        profile.ownedCount = count + 1;
        profile.addToOwnedFilter(productKey);
    }

    /** Remembers an event id (or a list or merge key) in the ring of recent ids; the oldest makes room. */
    static void rememberId(final Profile profile, final long idKey)
    {
        profile.eventIds[profile.eventIdHead] = idKey & Profile.EVENT_ID_MASK;
        profile.eventIdHead = (profile.eventIdHead + 1) % Profile.MAX_EVENT_IDS;
        if (profile.eventIdCount < Profile.MAX_EVENT_IDS)
        {
            profile.eventIdCount++;
        }
    }

    /** Rank of intent shown by an interaction, to keep the strongest one per recent product. */
    static int strength(final EventType type)
    {
        return switch (type)
        {
            case PURCHASE -> 5;
            case ADD_TO_CART -> 4;
            case RATING -> 3;
            case CLICK -> 2;
            case VIEW -> 1;
            default -> 0;
        };
    }
}
