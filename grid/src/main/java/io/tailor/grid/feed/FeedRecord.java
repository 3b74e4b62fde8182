package io.tailor.grid.feed;

import org.agrona.concurrent.UnsafeBuffer;

import java.io.ByteArrayOutputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A value of the {@code feeds} map: a catalog feed's definition as the API received it (canonical JSON text), the
 * outcome of its last fetch (JSON text the server wrote), the ids of the products that fetch applied (deflated, one
 * per line) and when the next fetch is due; or a tombstone once deleted, so that an older copy in some member's data
 * file never comes back. The grid keeps the texts; server nodes parse them.
 * <p>
 * Immutable. The binary form is shared by the wire and the data files:
 * <pre>
 *   format byte | version long | createdAt long | updatedAt long | nextFetchAt long
 *   | int n (-1: tombstone) | n x UTF-8 definition | int m (-1: never fetched) | m x UTF-8 last fetch
 *   | int k | k bytes of deflated ids
 * </pre>
 */
public final class FeedRecord
{
    /**
     * Most bytes of packed ids a record keeps: a million SKU-0000001 style ids pack to 24 KB, ids without shared
     * prefixes to a few bytes each. The data file of the feeds map is sized for records this large; a feed with
     * more ids is applied all the same but its ids are not kept, so the products that leave it are not removed.
     */
    public static final int MAX_PACKED_IDS = 2 << 20;

    private static final byte FORMAT = 1;
    private static final int HEADER = 1 + 8 + 8 + 8 + 8;
    private static final byte[] NO_IDS = new byte[0];

    private final String definition;
    private final long version;
    private final long createdAtMs;
    private final long updatedAtMs;
    private final long nextFetchAtMs;
    private final String lastFetch;
    private final byte[] ids;

    /**
     * A record, or a tombstone.
     *
     * @param definition    the definition, or {@code null} for a tombstone.
     * @param version       version; every change increases it.
     * @param createdAtMs   when the feed was first defined.
     * @param updatedAtMs   when it was last changed (defined, fetched or deleted).
     * @param nextFetchAtMs when the next fetch is due.
     * @param lastFetch     the last fetch's outcome, or {@code null} before the first.
     * @param ids           ids of the products the last applied fetch carried, as {@link #packIds(Collection)}
     *                      made them; not copied.
     */
    public FeedRecord(final String definition, final long version, final long createdAtMs, final long updatedAtMs,
        final long nextFetchAtMs, final String lastFetch, final byte[] ids)
    {
        this.definition = definition;
        this.version = version;
        this.createdAtMs = createdAtMs;
        this.updatedAtMs = updatedAtMs;
        this.nextFetchAtMs = nextFetchAtMs;
        this.lastFetch = lastFetch;
        this.ids = ids == null ? NO_IDS : ids;
    }

    /**
     * Packs product ids: sorted and front-coded (each id as the length of the prefix it shares with the one before,
     * one byte, then the rest of it and a line feed), deflated. A million SKU-style ids take under a megabyte.
     *
     * @param productIds the ids; ids never hold a line feed.
     * @return the packed bytes.
     */
    public static byte[] packIds(final Collection<String> productIds)
    {
        if (productIds.isEmpty())
        {
            return NO_IDS;
        }
        final String[] sorted = productIds.toArray(new String[0]);
        Arrays.sort(sorted);
        final ByteArrayOutputStream text = new ByteArrayOutputStream(sorted.length * 4 + 64);
        String previous = "";
        for (final String id : sorted)
        {
            final int limit = Math.min(Math.min(previous.length(), id.length()), 255);
            int shared = 0;
            while (shared < limit && previous.charAt(shared) == id.charAt(shared))
            {
                shared++;
            }
            text.write(shared);
            text.writeBytes(id.substring(shared).getBytes(StandardCharsets.UTF_8));
            text.write('\n');
            previous = id;
        }
        final Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION);
        deflater.setInput(text.toByteArray());
        deflater.finish();
        final ByteArrayOutputStream out = new ByteArrayOutputStream(text.size() / 4 + 64);
        final byte[] chunk = new byte[64 * 1024];
        while (!deflater.finished())
        {
            out.write(chunk, 0, deflater.deflate(chunk));
        }
        deflater.end();
        return out.toByteArray();
    }

    /**
     * The ids of the products the last applied fetch carried.
     *
     * @return a new set.
     */
    public Set<String> productIds()
    {
        final Set<String> result = new HashSet<>();
        if (ids.length == 0)
        {
            return result;
        }
        final byte[] text = inflate(ids);
        String previous = "";
        int at = 0;
        while (at < text.length)
        {
            final int shared = text[at] & 0xFF;
            int end = at + 1;
            while (text[end] != '\n')
            {
                end++;
            }
            final String id = previous.substring(0, shared) +
                new String(text, at + 1, end - at - 1, StandardCharsets.UTF_8);
            result.add(id);
            previous = id;
            at = end + 1;
        }
        return result;
    }

    private static byte[] inflate(final byte[] packed)
    {
        final Inflater inflater = new Inflater();
        inflater.setInput(packed);
        final ByteArrayOutputStream out = new ByteArrayOutputStream(packed.length * 4);
        final byte[] chunk = new byte[64 * 1024];
        try
        {
            while (!inflater.finished())
            {
                final int n = inflater.inflate(chunk);
                if (n == 0 && (inflater.needsInput() || inflater.needsDictionary()))
                {
                    break;
                }
                out.write(chunk, 0, n);
            }
        }
        catch (final DataFormatException ex)
        {
            throw new IllegalStateException("the feed's product ids are corrupt", ex);
        }
        finally
        {
            inflater.end();
        }
        return out.toByteArray();
    }

    /**
     * The definition.
     *
     * @return JSON text, or {@code null} for a tombstone.
     */
    public String definition()
    {
        return definition;
    }

    /**
     * Whether the feed was deleted.
     *
     * @return true for a tombstone.
     */
    public boolean deleted()
    {
        return definition == null;
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
     * When last changed.
     *
     * @return epoch milliseconds.
     */
    public long updatedAtMs()
    {
        return updatedAtMs;
    }

    /**
     * When the next fetch is due.
     *
     * @return epoch milliseconds.
     */
    public long nextFetchAtMs()
    {
        return nextFetchAtMs;
    }

    /**
     * The last fetch's outcome.
     *
     * @return JSON text, or {@code null} before the first fetch.
     */
    public String lastFetch()
    {
        return lastFetch;
    }

    /**
     * The packed ids, as stored.
     *
     * @return the bytes; not to be modified.
     */
    public byte[] packedIds()
    {
        return ids;
    }

    /**
     * The binary form.
     *
     * @return the bytes.
     */
    public byte[] encode()
    {
        final byte[] text = definition == null ? NO_IDS : definition.getBytes(StandardCharsets.UTF_8);
        final byte[] fetch = lastFetch == null ? NO_IDS : lastFetch.getBytes(StandardCharsets.UTF_8);
        final byte[] bytes = new byte[HEADER + 4 + text.length + 4 + fetch.length + 4 + ids.length];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        buffer.putByte(0, FORMAT);
        buffer.putLong(1, version, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(9, createdAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(17, updatedAtMs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(25, nextFetchAtMs, ByteOrder.LITTLE_ENDIAN);
        int at = HEADER;
        buffer.putInt(at, definition == null ? -1 : text.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + 4, text);
        at += 4 + text.length;
        buffer.putInt(at, lastFetch == null ? -1 : fetch.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + 4, fetch);
        at += 4 + fetch.length;
        buffer.putInt(at, ids.length, ByteOrder.LITTLE_ENDIAN);
        buffer.putBytes(at + 4, ids);
        return bytes;
    }

    /**
     * Reads a binary form.
     *
     * @param bytes bytes written by {@link #encode()}.
     * @return the record.
     */
    public static FeedRecord decode(final byte[] bytes)
    {
        if (bytes.length < HEADER + 12 || bytes[0] != FORMAT)
        {
            throw new IllegalArgumentException("not a feed record of format " + FORMAT);
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int at = HEADER;
        final int textLength = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
        final String text = textLength < 0 ? null : new String(bytes, at + 4, textLength, StandardCharsets.UTF_8);
        at += 4 + Math.max(0, textLength);
        final int fetchLength = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
        final String fetch = fetchLength < 0 ? null : new String(bytes, at + 4, fetchLength, StandardCharsets.UTF_8);
        at += 4 + Math.max(0, fetchLength);
        final int idsLength = buffer.getInt(at, ByteOrder.LITTLE_ENDIAN);
        final byte[] ids = new byte[idsLength];
        buffer.getBytes(at + 4, ids);
        return new FeedRecord(text, buffer.getLong(1, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(9, ByteOrder.LITTLE_ENDIAN), buffer.getLong(17, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(25, ByteOrder.LITTLE_ENDIAN), fetch, ids);
    }
}
