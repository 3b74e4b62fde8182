package io.tailor.grid.identity;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A value of the {@code identities} map: the customer an anonymous id or a loyalty card belongs to, or a
 * tombstone once the link was erased (so an older copy in some member's data file never comes back).
 * <p>
 * Immutable. The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | linkedAt long (epoch ms) | short n (-1: tombstone) | n x UTF-8 customer key
 * </pre>
 */
public final class IdentityLink
{
    private static final byte FORMAT = 1;

    private final String user;
    private final long version;
    private final long linkedAtMs;

    /**
     * A link, or a tombstone.
     *
     * @param user       key of the customer's profile ({@code u:...}), or {@code null} for a tombstone.
     * @param version    version; every change of the entry increases it.
     * @param linkedAtMs when it was linked (or erased).
     */
    public IdentityLink(final String user, final long version, final long linkedAtMs)
    {
        this.user = user;
        this.version = version;
        this.linkedAtMs = linkedAtMs;
    }

    /**
     * Key of the customer's profile.
     *
     * @return the key, or {@code null} for a tombstone.
     */
    public String user()
    {
        return user;
    }

    /**
     * Whether the link was erased.
     *
     * @return true for a tombstone.
     */
    public boolean erased()
    {
        return user == null;
    }

    /**
     * Version.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * When it was linked or erased.
     *
     * @return epoch milliseconds.
     */
    public long linkedAtMs()
    {
        return linkedAtMs;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final byte[] key = user == null ? new byte[0] : user.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[1 + 8 + 8 + 2 + key.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, linkedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putShort(17, (short)(user == null ? -1 : key.length), ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(19, key);
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the link.
     */
    public static IdentityLink decode(final byte[] bytes)
    {
        if (bytes.length < 19 || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not an identity link of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = buffer.getShort(17, ByteOrder.LITTLE_ENDIAN);
        return new IdentityLink(length < 0 ? null : new String(bytes, 19, length, StandardCharsets.UTF_8),
            buffer.getLong(1, ByteOrder.LITTLE_ENDIAN), buffer.getLong(9, ByteOrder.LITTLE_ENDIAN));
    }

    @Override
    public String toString()
    {
        return "IdentityLink{user=" + user + ", version=" + version + ", linkedAtMs=" + linkedAtMs + '}';
    }
}
