package io.tailor.scoring.profile;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * A tombstone: what an erased shopper's profile is replaced with in the grid and on disk, so that an older
 * copy found later (in a backup of a data directory, on a member that was down) never comes back. Its version
 * is read like a profile's, with {@link ProfileCodec#version(byte[])}.
 * <pre>
 *   | 0x7E | version long | erasedAt long (epoch ms) |
 * </pre>
 */
public final class TombstoneRecord
{
    /** First byte of a tombstone; no profile's binary form starts with it. */
    public static final byte MARKER = 0x7E;

    private static final int LENGTH = 1 + 8 + 8;

    private TombstoneRecord()
    {
    }

    /**
     * A tombstone: the record that replaces an erased profile.
     *
     * @param version    its version, higher than the erased profile's.
     * @param erasedAtMs when the shopper was erased.
     * @return the tombstone bytes.
     */
    public static byte[] encode(final long version, final long erasedAtMs)
    {
        final byte[] bytes = new byte[LENGTH];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, MARKER);
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
        return bytes.length > 0 && bytes[0] == MARKER;
    }
}
