package io.tailor.server.api;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.tailor.server.json.Json;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;

/**
 * Writes JSON answers with one long-lived generator per thread (each event loop has its own), into a reused byte
 * array, and hands each answer over in one buffer of its exact size, taken from Netty's pooled direct memory. A
 * generator per answer cost its own objects and buffers on every request, and a heap buffer per answer was 15 %
 * of the event loops' allocation on the recommendation route (JFR of the served path, benchmarks/RESULTS.md); a
 * direct buffer is also what the socket write needs, so the answer is not copied once more on its way out.
 * Answers of at most {@value #SMALL_ANSWER_BYTES} bytes (ping, most problems) stay on the heap: the listener that
 * gives a pooled buffer back costs more than they do.
 * <p>
 * Not re-entrant: an answer written while another is being written on the same thread, or one whose writing
 * failed, gets a generator of its own for that answer and leaves this one untouched or replaces it.
 */
final class JsonAnswerWriter
{
    /** Up to this size an answer is copied into a heap buffer; above it, into a pooled direct one. */
    static final int SMALL_ANSWER_BYTES = 256;

    private static final ThreadLocal<JsonAnswerWriter> PER_THREAD = ThreadLocal.withInitial(JsonAnswerWriter::new);

    private final Bytes out = new Bytes();
    private JsonGenerator json;
    private boolean writing;

    private JsonAnswerWriter()
    {
        this.json = newGenerator(out);
    }

    /**
     * Writes an answer.
     *
     * @param body writes the document.
     * @return the document: in a pooled direct buffer ({@link ByteBuf#isDirect()}) whose one reference the
     *         caller owns and releases once the answer is written or dropped, or, when small, in a heap buffer
     *         that needs no release.
     * @throws IOException when the body fails to write.
     */
    static ByteBuf write(final Responses.JsonBody body) throws IOException
    {
        final JsonAnswerWriter writer = PER_THREAD.get();
        if (writer.writing)
        {
            return once(body);
        }
        writer.writing = true;
        try
        {
            writer.out.reset();
            body.write(writer.json);
            writer.json.flush();
            return writer.out.toPooled();
        }
        catch (final IOException | RuntimeException ex)
        {
            // The generator may be mid-document: the next answer starts with a fresh one.
            writer.json = newGenerator(writer.out);
            throw ex;
        }
        finally
        {
            writer.writing = false;
        }
    }

    private static ByteBuf once(final Responses.JsonBody body) throws IOException
    {
        final Bytes bytes = new Bytes();
        try (JsonGenerator json = newGenerator(bytes))
        {
            body.write(json);
        }
        return bytes.toPooled();
    }

    private static JsonGenerator newGenerator(final OutputStream out)
    {
        try
        {
            // No separator between root values: each answer is one document of its own.
            return Json.FACTORY.createGenerator(out).setRootValueSeparator(null);
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException("a generator over memory cannot fail", ex);
        }
    }

    /** A growable byte array that can be emptied and read without a copy of its own. */
    private static final class Bytes extends OutputStream
    {
        private byte[] bytes = new byte[4096];
        private int length;

        void reset()
        {
            length = 0;
        }

        ByteBuf toPooled()
        {
            if (length <= SMALL_ANSWER_BYTES)
            {
                return Unpooled.wrappedBuffer(Arrays.copyOf(bytes, length));
            }
            return PooledByteBufAllocator.DEFAULT.directBuffer(length, length).writeBytes(bytes, 0, length);
        }

        @Override
        public void write(final int b)
        {
            ensure(1);
            bytes[length++] = (byte)b;
        }

        @Override
        public void write(final byte[] source, final int offset, final int count)
        {
            ensure(count);
            System.arraycopy(source, offset, bytes, length, count);
            length += count;
        }

        private void ensure(final int more)
        {
            if (length + more > bytes.length)
            {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, length + more));
            }
        }
    }
}
