package io.tailor.grid.support;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A definition the API received as JSON (a segment, a promotion, a webhook), kept by the grid as canonical JSON
 * text that each server node parses, or a tombstone once deleted, so an older copy in some member's data file never
 * comes back. Each kind is its own subclass, so its map, serializer and data file stay apart.
 * <p>
 * Immutable. The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | createdAt long | updatedAt long | int n (-1: tombstone) | n x UTF-8 JSON
 * </pre>
 */
public abstract class JsonDefinition
{
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 8 + 8 + 8 + 4;

    private final String json;
    private final long version;
    private final long createdAtMs;
    private final long updatedAtMs;

    /** Makes a definition of one kind from its parts. */
    @FunctionalInterface
    public interface Kind<D extends JsonDefinition>
    {
        /**
         * A definition.
         *
         * @param json        the definition, or {@code null} for a tombstone.
         * @param version     version.
         * @param createdAtMs when first defined.
         * @param updatedAtMs when last changed.
         * @return the definition.
         */
        D create(String json, long version, long createdAtMs, long updatedAtMs);
    }

    /**
     * A definition, or a tombstone.
     *
     * @param json        the definition, or {@code null} for a tombstone.
     * @param version     version; every change increases it.
     * @param createdAtMs when it was first defined.
     * @param updatedAtMs when it was last changed (or deleted).
     */
    protected JsonDefinition(final String json, final long version, final long createdAtMs, final long updatedAtMs)
    {
        this.json = json;
        this.version = version;
        this.createdAtMs = createdAtMs;
        this.updatedAtMs = updatedAtMs;
    }

    /**
     * The definition.
     *
     * @return JSON text, or {@code null} for a tombstone.
     */
    public final String json()
    {
        return json;
    }

    /**
     * Whether it was deleted.
     *
     * @return true for a tombstone.
     */
    public final boolean deleted()
    {
        return json == null;
    }

    /**
     * Version.
     *
     * @return the version.
     */
    public final long version()
    {
        return version;
    }

    /**
     * When first defined.
     *
     * @return epoch milliseconds.
     */
    public final long createdAtMs()
    {
        return createdAtMs;
    }

    /**
     * When last changed or deleted.
     *
     * @return epoch milliseconds.
     */
    public final long updatedAtMs()
    {
        return updatedAtMs;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public final byte[] encode()
    {
        final byte[] text = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[HEADER + text.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, createdAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(17, updatedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(25, json == null ? -1 : text.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(HEADER, text);
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @param kind  makes the definition.
     * @param what  what it is, for the error, e.g. {@code "segment definition"}.
     * @param <D>   the kind.
     * @return the definition.
     */
    protected static <D extends JsonDefinition> D decode(final byte[] bytes, final Kind<D> kind, final String what)
    {
        if (bytes.length < HEADER || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not a " + what + " of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = buffer.getInt(25, ByteOrder.LITTLE_ENDIAN);
        return kind.create(length < 0 ? null : new String(bytes, HEADER, length, StandardCharsets.UTF_8),
            buffer.getLong(1, ByteOrder.LITTLE_ENDIAN), buffer.getLong(9, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(17, ByteOrder.LITTLE_ENDIAN));
    }
}
