package io.tailor.scoring.profile;

import io.tailor.scoring.util.HalfFloat;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The compact binary form of a {@link Profile}: what the grid stores, backs up and persists.
 * <p>
 * Lists are written with their length, so a new shopper's profile takes a couple of hundred bytes and none
 * ever more than {@link #MAX_LENGTH}: the activity log takes the bytes the other sections leave (see
 * {@link ActivityLog}). The affinity vector is stored in half precision (its direction is what scoring uses),
 * event ids by 48 bits, per-entry times as seconds since {@link #TIME_BASE_MS} in an unsigned int.
 * Little-endian throughout.
 * <pre>
 *   format byte | version long | created, updated, decayAt long ms | flags int | spend double
 *   | lastService uint seconds | priceLogMean float | priceSamples int
 *   short d' (0 when no affinity, else d) | d' x half-float affinity
 *   byte n | n x (long categoryKey, float weight)
 *   byte n | n x (long brandKey, float weight)
 *   byte n | n x (long productKey, uint seconds, byte type, ushort minutes since first touch)  recent, oldest first
 *   byte n | n x (long productKey, uint seconds, byte type)       owned, oldest first
 *   byte hasFilter | [32 x long]                                   filter of everything ever owned
 *   byte n | n x (int fingerprint, ushort count, uint seconds)     impressions
 *   byte n | byte head | n x 48-bit eventIdKey                     ring
 *   byte n | n x int count                                          per event type ordinal
 *   byte n | n x long categoryKey                                  liked categories
 *   byte n | n x long brandKey                                     liked brands
 *   byte n | n x (byte length, ASCII)                              sizes
 *   byte n | n x long productKey                                   disliked products
 *   byte n | [uint newest minute | n x (byte kind, varint minutes older than the previous entry,
 *            [int product], [float value])]                        activity log, newest first
 * </pre>
 * Budget at d = 64 with every other section full: header 57, affinity 130, categories 121, brands 97, recent
 * 301, owned 209, filter 257, impressions 241, event ids 386, counts 45, preferences 168: 2,012 bytes, which
 * leaves the log 35 bytes (three purchase lines) in that extreme; a shopper with a few stated preferences and
 * unexpired impressions keeps a few hundred bytes of log (measured in {@code ProfileCodecTest}).
 * Format 2 (before the log, preferences and first-touch times) is still read.
 * <p>
 * The profiles map holds three kinds of record, told apart by their first byte: a profile (this class), a
 * {@link TombstoneRecord} for an erased shopper and a {@link ForwardRecord} for a merged one. All three keep
 * their version at the same place, read by {@link #version(byte[])}.
 */
public final class ProfileCodec
{
    /** Version of the binary layout written by {@link #encode(Profile)}. */
    public static final byte FORMAT = 3;

    /** Largest binary form of a profile, in bytes. */
    public static final int MAX_LENGTH = 2048;

    private static final byte FORMAT_2 = 2;

    /** Base of per-entry times: 2020-01-01T00:00:00Z. */
    public static final long TIME_BASE_MS = 1_577_836_800_000L;

    private static final int TOMBSTONE_LENGTH = 1 + 8 + 8;
    private static final int HEADER_LENGTH = 1 + 8 + 8 + 8 + 8 + 4 + 8 + 4 + 4 + 4;
    private static final int WEIGHTED_KEY_LENGTH = 8 + 4;
    private static final int TIMED_KEY_LENGTH = 8 + 4 + 1;
    private static final int RECENT_LENGTH = TIMED_KEY_LENGTH + 2;
    private static final int HAS_PRODUCT = 0x10;
    private static final int HAS_VALUE = 0x20;
    private static final int IMPRESSION_LENGTH = 4 + 2 + 4;
    private static final int EVENT_ID_LENGTH = 6;
    private static final float HALF_LIMIT = 30_000f;

    private ProfileCodec()
    {
    }

    /**
     * Exact length of the binary form of a profile.
     *
     * @param profile profile to measure.
     * @return bytes {@link #encode(Profile)} will produce.
     */
    public static int encodedLength(final Profile profile)
    {
        return HEADER_LENGTH +
            2 + (profile.hasAffinity ? profile.dimensions * 2 : 0) +
            1 + profile.categoryCount * WEIGHTED_KEY_LENGTH +
            1 + profile.brandCount * WEIGHTED_KEY_LENGTH +
            1 + profile.recentCount * RECENT_LENGTH +
            1 + profile.ownedCount * TIMED_KEY_LENGTH +
            1 + (hasOwnedFilter(profile) ? profile.ownedFilter.length * 8 : 0) +
            1 + profile.impressions.count * IMPRESSION_LENGTH +
            2 + profile.eventIdCount * EVENT_ID_LENGTH +
            1 + profile.typeCounts.length * 4 +
            preferencesLength(profile) +
            activityLength(profile);
    }

    private static int preferencesLength(final Profile profile)
    {
        final StatedPreferences preferences = profile.preferences;
        int sizes = 0;
        for (int i = 0; i < preferences.sizeCount; i++)
        {
            sizes += 1 + preferences.sizeLengths[i];
        }
        return 1 + preferences.categoryCount * 8 + 1 + preferences.brandCount * 8 + 1 + sizes +
            1 + preferences.dislikedCount * 8;
    }

    private static int activityLength(final Profile profile)
    {
        profile.loadActivity();
        final int count = profile.activityCount;
        if (count == 0)
        {
            return 1;
        }
        int length = 1 + 4;
        for (int i = count - 1; i >= 0; i--)
        {
            final int newer = i == count - 1 ? profile.activityMinutes[i] : profile.activityMinutes[i + 1];
            length += 1 + varintLength(newer - profile.activityMinutes[i]) +
                (profile.activityProducts[i] != 0 ? 4 : 0) + (profile.activityValues[i] != 0f ? 4 : 0);
        }
        return length;
    }

    private static int varintLength(final int value)
    {
        int length = 1;
        int v = value >>> 7;
        while (v != 0)
        {
            length++;
            v >>>= 7;
        }
        return length;
    }

    /**
     * Writes a profile in binary form.
     *
     * @param profile profile to write.
     * @return a new array holding exactly the binary form.
     */
    public static byte[] encode(final Profile profile)
    {
        final byte[] bytes = new byte[encodedLength(profile)];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = 0;
        buffer.putByte(offset, FORMAT);
        offset += 1;
        buffer.putLong(offset, profile.version, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        buffer.putLong(offset, profile.createdAtMs, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        buffer.putLong(offset, profile.updatedAtMs, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        buffer.putLong(offset, profile.decayAtMs, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        buffer.putInt(offset, profile.flags, ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        buffer.putDouble(offset, profile.spend, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        buffer.putInt(offset, profile.lastServiceAtMs == 0 ? 0 : toSeconds(profile.lastServiceAtMs),
            ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        buffer.putFloat(offset, profile.priceLogMean, ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        buffer.putInt(offset, profile.priceSamples, ByteOrder.LITTLE_ENDIAN);
        offset += 4;

        final int d = profile.hasAffinity ? profile.dimensions : 0;
        buffer.putShort(offset, (short)d, ByteOrder.LITTLE_ENDIAN);
        offset += 2;
        if (d > 0)
        {
            // Half precision tops out at 65504: an extreme history is scaled down, keeping its direction.
            float max = 0f;
            for (int i = 0; i < d; i++)
            {
                max = Math.max(max, Math.abs(profile.affinity[i]));
            }
            final float scale = max > HALF_LIMIT ? HALF_LIMIT / max : 1f;
            for (int i = 0; i < d; i++)
            {
                buffer.putShort(offset, HalfFloat.fromFloat(profile.affinity[i] * scale), ByteOrder.LITTLE_ENDIAN);
                offset += 2;
            }
        }

        offset = putWeighted(buffer, offset, profile.categoryCount, profile.categoryKeys, profile.categoryWeights);
        offset = putWeighted(buffer, offset, profile.brandCount, profile.brandKeys, profile.brandWeights);
        buffer.putByte(offset++, (byte)profile.recentCount);
        for (int i = 0; i < profile.recentCount; i++)
        {
            buffer.putLong(offset, profile.recentKeys[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 8, toSeconds(profile.recentAtMs[i]), ByteOrder.LITTLE_ENDIAN);
            buffer.putByte(offset + 12, profile.recentTypes[i]);
            final long first = (profile.recentAtMs[i] - profile.recentFirstAtMs[i]) / ActivityLog.MINUTE_MS;
            buffer.putShort(offset + 13, (short)Math.max(0L, Math.min(0xFFFFL, first)), ByteOrder.LITTLE_ENDIAN);
            offset += RECENT_LENGTH;
        }
        offset = putTimed(buffer, offset, profile.ownedCount, profile.ownedKeys, profile.ownedAtMs,
            profile.ownedTypes);

        final boolean filter = hasOwnedFilter(profile);
        buffer.putByte(offset++, (byte)(filter ? 1 : 0));
        if (filter)
        {
            for (final long word : profile.ownedFilter)
            {
                buffer.putLong(offset, word, ByteOrder.LITTLE_ENDIAN);
                offset += 8;
            }
        }

        buffer.putByte(offset++, (byte)profile.impressions.count);
        for (int i = 0; i < profile.impressions.count; i++)
        {
            buffer.putInt(offset, profile.impressions.keys[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(offset + 4, (short)profile.impressions.counts[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 6, toSeconds(profile.impressions.sinceMs[i]), ByteOrder.LITTLE_ENDIAN);
            offset += IMPRESSION_LENGTH;
        }

        buffer.putByte(offset++, (byte)profile.eventIdCount);
        buffer.putByte(offset++, (byte)profile.eventIdHead);
        for (int i = 0; i < profile.eventIdCount; i++)
        {
            final long id = profile.eventIds[i];
            buffer.putInt(offset, (int)id, ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(offset + 4, (short)(id >>> 32), ByteOrder.LITTLE_ENDIAN);
            offset += EVENT_ID_LENGTH;
        }

        final int[] counts = profile.typeCounts;
        buffer.putByte(offset++, (byte)counts.length);
        for (final int count : counts)
        {
            buffer.putInt(offset, count, ByteOrder.LITTLE_ENDIAN);
            offset += 4;
        }

        final StatedPreferences preferences = profile.preferences;
        offset = putKeys(buffer, offset, preferences.categoryCount, preferences.categoryKeys);
        offset = putKeys(buffer, offset, preferences.brandCount, preferences.brandKeys);
        buffer.putByte(offset++, (byte)preferences.sizeCount);
        for (int i = 0; i < preferences.sizeCount; i++)
        {
            final int length = preferences.sizeLengths[i];
            buffer.putByte(offset++, (byte)length);
            buffer.putBytes(offset, preferences.sizeChars, i * StatedPreferences.MAX_SIZE_LENGTH, length);
            offset += length;
        }
        offset = putKeys(buffer, offset, preferences.dislikedCount, preferences.dislikedKeys);

        profile.loadActivity();
        final int activities = profile.activityCount;
        buffer.putByte(offset++, (byte)activities);
        if (activities > 0)
        {
            buffer.putInt(offset, profile.activityMinutes[activities - 1], ByteOrder.LITTLE_ENDIAN);
            offset += 4;
            for (int i = activities - 1; i >= 0; i--)
            {
                final int newer = i == activities - 1 ? profile.activityMinutes[i] : profile.activityMinutes[i + 1];
                final int product = profile.activityProducts[i];
                final float value = profile.activityValues[i];
                buffer.putByte(offset++, (byte)(profile.activityKinds[i] | (product != 0 ? HAS_PRODUCT : 0) |
                    (value != 0f ? HAS_VALUE : 0)));
                offset = putVarint(buffer, offset, newer - profile.activityMinutes[i]);
                if (product != 0)
                {
                    buffer.putInt(offset, product, ByteOrder.LITTLE_ENDIAN);
                    offset += 4;
                }
                if (value != 0f)
                {
                    buffer.putFloat(offset, value, ByteOrder.LITTLE_ENDIAN);
                    offset += 4;
                }
            }
        }
        return bytes;
    }

    private static int putKeys(final UnsafeBuffer buffer, final int start, final int count, final long[] keys)
    {
        int offset = start;
        buffer.putByte(offset++, (byte)count);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset, keys[i], ByteOrder.LITTLE_ENDIAN);
            offset += 8;
        }
        return offset;
    }

    private static int getKeys(final UnsafeBuffer buffer, final int start, final long[] keys)
    {
        int offset = start;
        final int count = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < count; i++)
        {
            keys[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            offset += 8;
        }
        return offset;
    }

    private static int putVarint(final UnsafeBuffer buffer, final int start, final int value)
    {
        int offset = start;
        int v = value;
        while ((v & ~0x7F) != 0)
        {
            buffer.putByte(offset++, (byte)((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        buffer.putByte(offset++, (byte)v);
        return offset;
    }

    /**
     * Reads a binary form into a profile, replacing everything it held.
     *
     * @param bytes   binary form written by {@link #encode(Profile)}.
     * @param profile profile to fill; its dimension must match the stored one unless no affinity is stored.
     * @return the filled profile.
     * @throws IllegalArgumentException when the form is of an unknown format or another dimension.
     */
    public static Profile decode(final byte[] bytes, final Profile profile)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = 0;
        final byte format = buffer.getByte(offset);
        if (format != FORMAT && format != FORMAT_2)
        {
            throw new IllegalArgumentException("unknown profile format " + format);
        }
        final boolean current = format == FORMAT;
        offset += 1;
        profile.clear();
        profile.version = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        profile.createdAtMs = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        profile.updatedAtMs = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        profile.decayAtMs = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        profile.flags = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        profile.spend = buffer.getDouble(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 8;
        if (current)
        {
            final int lastService = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            profile.lastServiceAtMs = lastService == 0 ? 0 : fromSeconds(lastService);
            offset += 4;
        }
        profile.priceLogMean = buffer.getFloat(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        profile.priceSamples = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 4;

        final int d = buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 2;
        if (d != 0 && d != profile.dimensions)
        {
            throw new IllegalArgumentException("stored affinity dimension " + d + " != " + profile.dimensions);
        }
        profile.hasAffinity = d != 0;
        for (int i = 0; i < d; i++)
        {
            profile.affinity[i] = HalfFloat.toFloat(buffer.getShort(offset, ByteOrder.LITTLE_ENDIAN));
            offset += 2;
        }

        profile.categoryCount = buffer.getByte(offset) & 0xFF;
        offset = getWeighted(buffer, offset + 1, profile.categoryCount, profile.categoryKeys, profile.categoryWeights);
        profile.brandCount = buffer.getByte(offset) & 0xFF;
        offset = getWeighted(buffer, offset + 1, profile.brandCount, profile.brandKeys, profile.brandWeights);
        profile.recentCount = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < profile.recentCount; i++)
        {
            profile.recentKeys[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            profile.recentAtMs[i] = fromSeconds(buffer.getInt(offset + 8, ByteOrder.LITTLE_ENDIAN));
            profile.recentTypes[i] = buffer.getByte(offset + 12);
            profile.recentFirstAtMs[i] = current ? profile.recentAtMs[i] - ActivityLog.MINUTE_MS *
                (buffer.getShort(offset + 13, ByteOrder.LITTLE_ENDIAN) & 0xFFFF) : profile.recentAtMs[i];
            offset += current ? RECENT_LENGTH : TIMED_KEY_LENGTH;
        }
        final int owned = buffer.getByte(offset) & 0xFF;
        // Format 2 kept 32 purchases; the newest 16 stay, the filter still holds every one.
        final int skipped = Math.max(0, owned - Profile.MAX_OWNED);
        profile.ownedCount = owned - skipped;
        offset = getTimed(buffer, offset + 1 + skipped * TIMED_KEY_LENGTH, profile.ownedCount, profile.ownedKeys,
            profile.ownedAtMs, profile.ownedTypes);

        if (buffer.getByte(offset++) == 1)
        {
            for (int i = 0; i < profile.ownedFilter.length; i++)
            {
                profile.ownedFilter[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
                offset += 8;
            }
        }

        profile.impressions.count = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < profile.impressions.count; i++)
        {
            profile.impressions.keys[i] = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            profile.impressions.counts[i] = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            profile.impressions.sinceMs[i] = fromSeconds(buffer.getInt(offset + 6, ByteOrder.LITTLE_ENDIAN));
            offset += IMPRESSION_LENGTH;
        }

        profile.eventIdCount = buffer.getByte(offset++) & 0xFF;
        profile.eventIdHead = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < profile.eventIdCount; i++)
        {
            final long low = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL;
            final long high = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFFL;
            profile.eventIds[i] = (high << 32) | low;
            offset += EVENT_ID_LENGTH;
        }

        final int storedTypes = buffer.getByte(offset++) & 0xFF;
        final int[] counts = profile.typeCounts;
        for (int i = 0; i < storedTypes; i++)
        {
            final int count = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            offset += 4;
            if (i < counts.length)
            {
                counts[i] = count;
            }
        }
        if (!current)
        {
            return profile;
        }

        final StatedPreferences preferences = profile.preferences;
        preferences.categoryCount = buffer.getByte(offset) & 0xFF;
        offset = getKeys(buffer, offset, preferences.categoryKeys);
        preferences.brandCount = buffer.getByte(offset) & 0xFF;
        offset = getKeys(buffer, offset, preferences.brandKeys);
        preferences.sizeCount = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < preferences.sizeCount; i++)
        {
            final int length = buffer.getByte(offset++) & 0xFF;
            preferences.sizeLengths[i] = (byte)length;
            buffer.getBytes(offset, preferences.sizeChars, i * StatedPreferences.MAX_SIZE_LENGTH, length);
            offset += length;
        }
        preferences.dislikedCount = buffer.getByte(offset) & 0xFF;
        offset = getKeys(buffer, offset, preferences.dislikedKeys);

        // The activity log is decoded when first used (Profile.loadActivity): a recommendation never needs it.
        profile.activityCount = 0;
        profile.activitySource = (buffer.getByte(offset) & 0xFF) == 0 ? null : bytes;
        profile.activityOffset = offset;
        return profile;
    }

    /**
     * Decodes the activity log section of a binary form, left there by {@link #decode(byte[], Profile)}.
     *
     * @param bytes   the binary form.
     * @param start   offset of the section (its count byte).
     * @param profile profile to fill.
     */
    static void decodeActivity(final byte[] bytes, final int start, final Profile profile)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = start;
        final int activities = buffer.getByte(offset++) & 0xFF;
        profile.activityCount = activities;
        if (activities == 0)
        {
            return;
        }
        int minute = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        offset += 4;
        for (int i = activities - 1; i >= 0; i--)
        {
            final int kind = bytes[offset++];
            int delta = 0;
            int shift = 0;
            int b;
            do
            {
                b = bytes[offset++];
                delta |= (b & 0x7F) << shift;
                shift += 7;
            }
            while ((b & 0x80) != 0);
            minute -= delta;
            profile.activityMinutes[i] = minute;
            profile.activityKinds[i] = (byte)(kind & (ActivityLog.TYPE_MASK | ActivityLog.STARTS_EVENT));
            profile.activityProducts[i] = 0;
            profile.activityValues[i] = 0f;
            if ((kind & HAS_PRODUCT) != 0)
            {
                profile.activityProducts[i] = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
                offset += 4;
            }
            if ((kind & HAS_VALUE) != 0)
            {
                profile.activityValues[i] = buffer.getFloat(offset, ByteOrder.LITTLE_ENDIAN);
                offset += 4;
            }
        }
    }

    private static boolean hasOwnedFilter(final Profile profile)
    {
        for (final long word : profile.ownedFilter)
        {
            if (word != 0)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * Version stored in a binary form, a tombstone or a forward record, without decoding the rest.
     *
     * @param bytes binary form, tombstone or forward record.
     * @return the profile version.
     */
    public static long version(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes).getLong(1, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Latest event time of a stored profile, without decoding the rest.
     *
     * @param bytes binary form of a profile.
     * @return epoch milliseconds.
     */
    public static long updatedAtMs(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes).getLong(17, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Flags (consent) of a stored profile, without decoding the rest.
     *
     * @param bytes binary form of a profile.
     * @return the flags, see {@link ProfileFlags}.
     */
    public static int flags(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes).getInt(33, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Whether a stored record holds a profile: present, neither a tombstone nor a forward record.
     *
     * @param bytes stored record, or {@code null}.
     * @return true for a live profile.
     */
    public static boolean isProfile(final byte[] bytes)
    {
        return bytes != null && bytes.length > 0 && bytes[0] != TombstoneRecord.MARKER &&
            bytes[0] != ForwardRecord.MARKER;
    }

    static int toSeconds(final long epochMs)
    {
        final long seconds = Math.max(0L, epochMs - TIME_BASE_MS) / 1000L;
        return (int)Math.min(seconds, 0xFFFF_FFFFL);
    }

    static long fromSeconds(final int seconds)
    {
        return TIME_BASE_MS + (seconds & 0xFFFF_FFFFL) * 1000L;
    }

    private static int putWeighted(final UnsafeBuffer buffer, final int start, final int count, final long[] keys,
        final float[] weights)
    {
        int offset = start;
        buffer.putByte(offset++, (byte)count);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset, keys[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putFloat(offset + 8, weights[i], ByteOrder.LITTLE_ENDIAN);
            offset += WEIGHTED_KEY_LENGTH;
        }
        return offset;
    }

    private static int getWeighted(final UnsafeBuffer buffer, final int start, final int count, final long[] keys,
        final float[] weights)
    {
        int offset = start;
        for (int i = 0; i < count; i++)
        {
            keys[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            weights[i] = buffer.getFloat(offset + 8, ByteOrder.LITTLE_ENDIAN);
            offset += WEIGHTED_KEY_LENGTH;
        }
        return offset;
    }

    private static int putTimed(final UnsafeBuffer buffer, final int start, final int count, final long[] keys,
        final long[] timesMs, final byte[] types)
    {
        int offset = start;
        buffer.putByte(offset++, (byte)count);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(offset, keys[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 8, toSeconds(timesMs[i]), ByteOrder.LITTLE_ENDIAN);
            buffer.putByte(offset + 12, types[i]);
            offset += TIMED_KEY_LENGTH;
        }
        return offset;
    }

    private static int getTimed(final UnsafeBuffer buffer, final int start, final int count, final long[] keys,
        final long[] timesMs, final byte[] types)
    {
        int offset = start;
        for (int i = 0; i < count; i++)
        {
            keys[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            timesMs[i] = fromSeconds(buffer.getInt(offset + 8, ByteOrder.LITTLE_ENDIAN));
            types[i] = buffer.getByte(offset + 12);
            offset += TIMED_KEY_LENGTH;
        }
        return offset;
    }
}
