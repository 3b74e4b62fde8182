package io.tailor.grid.webhook;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A value of the {@code webhooks} map: a webhook's definition as the API received it (canonical JSON text),
 * or a tombstone once deleted, so an older copy in some member's data file never comes back. The grid keeps
 * the text; each server node parses and compiles it.
 * <p>
 * Immutable. The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | createdAt long | updatedAt long | int n (-1: tombstone) | n x UTF-8 JSON
 * </pre>
 */
public final class WebhookDefinition
{
    private static final byte FORMAT = 1;

    private final String json;
    private final long version;
    private final long createdAtMs;
    private final long updatedAtMs;

    /**
     * A definition, or a tombstone.
     *
     * @param json        the definition, or {@code null} for a tombstone.
     * @param version     version; every change increases it.
     * @param createdAtMs when the webhook was first defined.
     * @param updatedAtMs when it was last changed (or deleted).
     */
    public WebhookDefinition(final String json, final long version, final long createdAtMs, final long updatedAtMs)
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
    public String json()
    {
        return json;
    }

    /**
     * Whether the webhook was deleted.
     *
     * @return true for a tombstone.
     */
    public boolean deleted()
    {
        return json == null;
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
     * When first defined.
     *
     * @return epoch milliseconds.
     */
    public long createdAtMs()
    {
        return createdAtMs;
    }

    /**
     * When last changed or deleted.
     *
     * @return epoch milliseconds.
     */
    public long updatedAtMs()
    {
        return updatedAtMs;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final byte[] text = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[1 + 8 + 8 + 8 + 4 + text.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, createdAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(17, updatedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(25, json == null ? -1 : text.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(29, text);
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the definition.
     */
    public static WebhookDefinition decode(final byte[] bytes)
    {
        if (bytes.length < 29 || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not a webhook definition of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = buffer.getInt(25, ByteOrder.LITTLE_ENDIAN);
        return new WebhookDefinition(length < 0 ? null : new String(bytes, 29, length, StandardCharsets.UTF_8),
            buffer.getLong(1, ByteOrder.LITTLE_ENDIAN), buffer.getLong(9, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(17, ByteOrder.LITTLE_ENDIAN));
    }
}
