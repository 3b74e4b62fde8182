package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A piece of JSON text assembled as bytes and handed to a generator as one value
 * ({@link JsonGenerator#writeRawValue(SerializableString)}): the generator writes the separator before it and
 * copies the bytes into its buffer, with no conversion. Jackson's {@code writeRawValue(char[], ...)} converts each
 * character to bytes and checks it for surrogates; for a 500-item re-ranked answer that conversion was a sixth of
 * the event loop's time (perf, benchmarks/RESULTS.md, "Re-rank"). Reused: {@link #clear()} starts the next value.
 * <p>
 * The caller writes only valid JSON text (ASCII here: ids, digits, field names); nothing is escaped. Not thread
 * safe: one per writer.
 */
public final class RawJsonValue implements SerializableString
{
    private byte[] bytes;
    private int length;

    /**
     * @param capacity initial bytes; it grows as needed.
     */
    public RawJsonValue(final int capacity)
    {
        bytes = new byte[capacity];
    }

    /**
     * Empties it for the next value.
     *
     * @return this.
     */
    public RawJsonValue clear()
    {
        length = 0;
        return this;
    }

    /**
     * Appends bytes.
     *
     * @param text the bytes, JSON text.
     * @return this.
     */
    public RawJsonValue append(final byte[] text)
    {
        ensure(text.length);
        System.arraycopy(text, 0, bytes, length, text.length);
        length += text.length;
        return this;
    }

    /**
     * Appends a string whose characters are all ASCII and need no escaping (an id: {@code InputLimits.isId}), one
     * byte each.
     *
     * @param ascii the string.
     * @return this.
     */
    @SuppressWarnings("deprecation") // String.getBytes(int, int, byte[], int): the low byte of each char, no encoder
    public RawJsonValue appendAscii(final String ascii)
    {
        final int count = ascii.length();
        ensure(count);
        ascii.getBytes(0, count, bytes, length);
        length += count;
        return this;
    }

    /**
     * Appends a score as {@link ScoreText} writes it.
     *
     * @param score the score.
     * @return false, with nothing appended, when six decimals cannot say it (the caller writes it another way).
     */
    public boolean appendScore(final float score)
    {
        ensure(ScoreText.MAX_LENGTH);
        final int written = ScoreText.write(score, bytes, length);
        length += written;
        return written > 0;
    }

    /** Bytes held. */
    public int length()
    {
        return length;
    }

    private void ensure(final int more)
    {
        if (length + more > bytes.length)
        {
            bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
        }
    }

    @Override
    public int appendUnquotedUTF8(final byte[] buffer, final int offset)
    {
        if (offset + length > buffer.length)
        {
            return -1;
        }
        System.arraycopy(bytes, 0, buffer, offset, length);
        return length;
    }

    /** The generator's way when its buffer has no room left (about once per 8 KB written): a copy. */
    @Override
    public byte[] asUnquotedUTF8()
    {
        return Arrays.copyOf(bytes, length);
    }

    @Override
    public String getValue()
    {
        return new String(bytes, 0, length, StandardCharsets.UTF_8);
    }

    @Override
    public int charLength()
    {
        return getValue().length();
    }

    @Override
    public int appendUnquoted(final char[] buffer, final int offset)
    {
        final String value = getValue();
        if (offset + value.length() > buffer.length)
        {
            return -1;
        }
        value.getChars(0, value.length(), buffer, offset);
        return value.length();
    }

    @Override
    public int writeUnquotedUTF8(final OutputStream out) throws IOException
    {
        out.write(bytes, 0, length);
        return length;
    }

    @Override
    public int putUnquotedUTF8(final ByteBuffer buffer)
    {
        if (length > buffer.remaining())
        {
            return -1;
        }
        buffer.put(bytes, 0, length);
        return length;
    }

    // Quoted, the text is a JSON string whose value is this text (Jackson's escaping): what a generator writes when
    // the value is used as a string or a field name rather than raw.

    @Override
    public char[] asQuotedChars()
    {
        return JsonStringEncoder.getInstance().quoteAsString(getValue());
    }

    @Override
    public byte[] asQuotedUTF8()
    {
        return JsonStringEncoder.getInstance().quoteAsUTF8(getValue());
    }

    @Override
    public int appendQuotedUTF8(final byte[] buffer, final int offset)
    {
        final byte[] quoted = asQuotedUTF8();
        if (offset + quoted.length > buffer.length)
        {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, offset, quoted.length);
        return quoted.length;
    }

    @Override
    public int appendQuoted(final char[] buffer, final int offset)
    {
        final char[] quoted = asQuotedChars();
        if (offset + quoted.length > buffer.length)
        {
            return -1;
        }
        System.arraycopy(quoted, 0, buffer, offset, quoted.length);
        return quoted.length;
    }

    @Override
    public int writeQuotedUTF8(final OutputStream out) throws IOException
    {
        final byte[] quoted = asQuotedUTF8();
        out.write(quoted);
        return quoted.length;
    }

    @Override
    public int putQuotedUTF8(final ByteBuffer buffer)
    {
        final byte[] quoted = asQuotedUTF8();
        if (quoted.length > buffer.remaining())
        {
            return -1;
        }
        buffer.put(quoted);
        return quoted.length;
    }

    @Override
    public String toString()
    {
        return getValue();
    }
}
