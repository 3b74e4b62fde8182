package io.tailor.grid.experiment;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A value of the {@code experiments} map: an experiment's definition as the API received it (canonical JSON
 * text), when it was stopped if it was, or a tombstone once deleted, so an older copy in some member's data file
 * never comes back. The grid keeps the text; each server node parses it and binds it to its ranking settings.
 * <p>
 * Immutable. The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | createdAt long | updatedAt long | stoppedAt long (0: running)
 *   | int n (-1: tombstone) | n x UTF-8 JSON
 * </pre>
 */
public final class ExperimentDefinition
{
    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 8 + 8 + 8 + 8 + 4;

    private final String json;
    private final long version;
    private final long createdAtMs;
    private final long updatedAtMs;
    private final long stoppedAtMs;

    /**
     * A definition, or a tombstone.
     *
     * @param json        the definition, or {@code null} for a tombstone.
     * @param version     version; every change increases it.
     * @param createdAtMs when the experiment was first defined.
     * @param updatedAtMs when it was last changed (or stopped, or deleted).
     * @param stoppedAtMs when it was stopped, 0 while it runs.
     */
    public ExperimentDefinition(final String json, final long version, final long createdAtMs,
        final long updatedAtMs, final long stoppedAtMs)
    {
        this.json = json;
        this.version = version;
        this.createdAtMs = createdAtMs;
        this.updatedAtMs = updatedAtMs;
        this.stoppedAtMs = stoppedAtMs;
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
     * Whether the experiment was deleted.
     *
     * @return true for a tombstone.
     */
    public boolean deleted()
    {
        return json == null;
    }

    /**
     * Whether the experiment was stopped: it keeps its definition but assigns no one any more.
     *
     * @return true once stopped.
     */
    public boolean stopped()
    {
        return stoppedAtMs != 0;
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
     * When last changed, stopped or deleted.
     *
     * @return epoch milliseconds.
     */
    public long updatedAtMs()
    {
        return updatedAtMs;
    }

    /**
     * When stopped.
     *
     * @return epoch milliseconds, 0 while running.
     */
    public long stoppedAtMs()
    {
        return stoppedAtMs;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final byte[] text = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[HEADER + text.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, createdAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(17, updatedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(25, stoppedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(33, json == null ? -1 : text.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(HEADER, text);
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the definition.
     */
    public static ExperimentDefinition decode(final byte[] bytes)
    {
        if (bytes.length < HEADER || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not an experiment definition of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        final int length = buffer.getInt(33, ByteOrder.LITTLE_ENDIAN);
        return new ExperimentDefinition(length < 0 ? null : new String(bytes, HEADER, length, StandardCharsets.UTF_8),
            buffer.getLong(1, ByteOrder.LITTLE_ENDIAN), buffer.getLong(9, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(17, ByteOrder.LITTLE_ENDIAN), buffer.getLong(25, ByteOrder.LITTLE_ENDIAN));
    }
}
