package io.tailor.scoring.profile;

import io.tailor.scoring.util.HalfFloat;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The compact binary form of a {@link Profile}: what the grid stores, backs up and persists.
 * <p>
 * Lists are written with their length, so a new shopper's profile takes a couple of hundred bytes and a
 * full one at most about 2,000 bytes at d = 64. The affinity vector is stored in half precision (its
 * direction is what scoring uses), event ids by 48 bits, per-entry times as seconds since
 * {@link #TIME_BASE_MS} in an unsigned int. Little-endian throughout.
 * <pre>
 *   format byte | version long | created, updated, decayAt long ms | flags int | spend double
 *   | priceLogMean float | priceSamples int
 *   short d' (0 when no affinity, else d) | d' x half-float affinity
 *   byte n | n x (long categoryKey, float weight)
 *   byte n | n x (long brandKey, float weight)
 *   byte n | n x (long productKey, uint seconds, byte type)       recent, oldest first
 *   byte n | n x (long productKey, uint seconds, byte type)       owned, oldest first
 *   byte hasFilter | [32 x long]                                   filter of everything ever owned
 *   byte n | n x (int fingerprint, ushort count, uint seconds)     impressions
 *   byte n | byte head | n x 48-bit eventIdKey                     ring
 *   byte n | n x int count                                          per event type ordinal
 * </pre>
 */
public final class ProfileCodec
{
    /** Version of the binary layout written by {@link #encode(Profile)}. */
    public static final byte FORMAT = 2;

    /**
     * First byte of a tombstone: what an erased shopper's profile is replaced with, so that an older copy
     * found later (in a backup of a data directory, on a member that was down) never comes back.
     * <pre>
     *   | 0x7E | version long | erasedAt long (epoch ms) |
     * </pre>
     */
    public static final byte TOMBSTONE = 0x7E;

    /** Base of per-entry times: 2020-01-01T00:00:00Z. */
    public static final long TIME_BASE_MS = 1_577_836_800_000L;

    private static final int TOMBSTONE_LENGTH = 1 + 8 + 8;
    private static final int HEADER_LENGTH = 1 + 8 + 8 + 8 + 8 + 4 + 8 + 4 + 4;
    private static final int WEIGHTED_KEY_LENGTH = 8 + 4;
    private static final int TIMED_KEY_LENGTH = 8 + 4 + 1;
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
            1 + profile.recentCount * TIMED_KEY_LENGTH +
            1 + profile.ownedCount * TIMED_KEY_LENGTH +
            1 + (hasOwnedFilter(profile) ? profile.ownedFilter.length * 8 : 0) +
            1 + profile.impressionCount * IMPRESSION_LENGTH +
            2 + profile.eventIdCount * EVENT_ID_LENGTH +
            1 + profile.typeCounts.length * 4;
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
        offset = putTimed(buffer, offset, profile.recentCount, profile.recentKeys, profile.recentAtMs,
            profile.recentTypes);
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

        buffer.putByte(offset++, (byte)profile.impressionCount);
        for (int i = 0; i < profile.impressionCount; i++)
        {
            buffer.putInt(offset, profile.impressionKeys[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(offset + 4, (short)profile.impressionCounts[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 6, toSeconds(profile.impressionSinceMs[i]), ByteOrder.LITTLE_ENDIAN);
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
        return bytes;
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
        if (format != FORMAT)
        {
            throw new IllegalArgumentException("unknown profile format " + format);
        }
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
        profile.recentCount = buffer.getByte(offset) & 0xFF;
        offset = getTimed(buffer, offset + 1, profile.recentCount, profile.recentKeys, profile.recentAtMs,
            profile.recentTypes);
        profile.ownedCount = buffer.getByte(offset) & 0xFF;
        offset = getTimed(buffer, offset + 1, profile.ownedCount, profile.ownedKeys, profile.ownedAtMs,
            profile.ownedTypes);

        if (buffer.getByte(offset++) == 1)
        {
            for (int i = 0; i < profile.ownedFilter.length; i++)
            {
                profile.ownedFilter[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
                offset += 8;
            }
        }

        profile.impressionCount = buffer.getByte(offset++) & 0xFF;
        for (int i = 0; i < profile.impressionCount; i++)
        {
            profile.impressionKeys[i] = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            profile.impressionCounts[i] = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            profile.impressionSinceMs[i] = fromSeconds(buffer.getInt(offset + 6, ByteOrder.LITTLE_ENDIAN));
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
        return profile;
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
     * Version stored in a binary form or a tombstone, without decoding the rest.
     *
     * @param bytes binary form or tombstone.
     * @return the profile version.
     */
    public static long version(final byte[] bytes)
    {
        return new UnsafeBuffer(bytes).getLong(1, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * A tombstone: the record that replaces an erased profile.
     *
     * @param version    its version, higher than the erased profile's.
     * @param erasedAtMs when the shopper was erased.
     * @return the tombstone bytes.
     */
    public static byte[] tombstone(final long version, final long erasedAtMs)
    {
        final byte[] bytes = new byte[TOMBSTONE_LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, TOMBSTONE);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, erasedAtMs, ByteOrder.LITTLE_ENDIAN);
        return bytes;
    }

    /**
     * Whether a stored record is a tombstone rather than a profile.
     *
     * @param bytes stored record.
     * @return true for a tombstone.
     */
    public static boolean isTombstone(final byte[] bytes)
    {
        return bytes.length > 0 && bytes[0] == TOMBSTONE;
    }

    /**
     * Whether a stored record holds a profile: present and not a tombstone.
     *
     * @param bytes stored record, or {@code null}.
     * @return true for a live profile.
     */
    public static boolean isProfile(final byte[] bytes)
    {
        return bytes != null && !isTombstone(bytes);
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
