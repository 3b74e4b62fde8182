package io.tailor.scoring.profile;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A forward record: what a profile merged into another one (an anonymous id linked to a customer) is replaced
 * with. Events and reads that reach it are sent on to the target. Until the merge is confirmed it also carries
 * the merged profile, so a merge interrupted by a failure can be retried. Its version is read like a
 * profile's, with {@link ProfileCodec#version(byte[])}.
 * <pre>
 *   | 0x7D | version long | linkedAt long (epoch ms) | short n | n x UTF-8 target key
 *   | int m | m x byte profile pending merge (m = 0 when none) |
 * </pre>
 */
public final class ForwardRecord
{
    /** First byte of a forward record; no profile's binary form starts with it. */
    public static final byte MARKER = 0x7D;

    private ForwardRecord()
    {
    }

    /**
     * A forward record: the profile now lives under another key.
     *
     * @param version    its version, higher than the forwarded profile's.
     * @param linkedAtMs when the ids were linked.
     * @param target     key of the profile the shopper's data now lives in.
     * @param pending    the forwarded profile's binary form until its merge is confirmed, or {@code null}.
     * @return the record.
     */
    public static byte[] encode(final long version, final long linkedAtMs, final String target,
        final byte[] pending)
    {
        final byte[] key = target.getBytes(StandardCharsets.UTF_8);
        final int pendingLength = pending == null ? 0 : pending.length;
        final byte[] bytes = new byte[1 + 8 + 8 + 2 + key.length + 4 + pendingLength];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, MARKER);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, linkedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(17, (short)key.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(19, key);
        buffer.putInt(19 + key.length, pendingLength, ByteOrder.LITTLE_ENDIAN);
        if (pending != null)
        {
            buffer.putBytes(23 + key.length, pending);
        }
        return bytes;
    }

    /**
     * Whether a stored record forwards to another profile.
     *
     * @param bytes stored record, or {@code null}.
     * @return true for a forward record.
     */
    public static boolean isForward(final byte[] bytes)
    {
        return bytes != null && bytes.length > 0 && bytes[0] == MARKER;
    }

    /**
     * Key of the profile a forward record points to.
     *
     * @param forward a forward record.
     * @return the target key.
     */
    public static String target(final byte[] forward)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(forward);
        final int length = buffer.getShort(17, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        return new String(forward, 19, length, StandardCharsets.UTF_8);
    }

    /**
     * When the ids of a forward record were linked.
     *
     * @param forward a forward record.
     * @return epoch milliseconds.
     */
    public static long linkedAtMs(final byte[] forward)
    {
        return new UnsafeBuffer(forward).getLong(9, ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * The forwarded profile a forward record still carries because its merge is not confirmed.
     *
     * @param forward a forward record.
     * @return the profile's binary form, or {@code null} when none is pending.
     */
    public static byte[] pending(final byte[] forward)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(forward);
        final int keyLength = buffer.getShort(17, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
        final int length = buffer.getInt(19 + keyLength, ByteOrder.LITTLE_ENDIAN);
        if (length == 0)
        {
            return null;
        }
        final byte[] pending = new byte[length];
        buffer.getBytes(23 + keyLength, pending);
        return pending;
    }
}
