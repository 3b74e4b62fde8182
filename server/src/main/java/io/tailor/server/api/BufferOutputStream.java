package io.tailor.server.api;

import io.vertx.core.buffer.Buffer;

import java.io.OutputStream;

/**
 * An output stream appending to a Vert.x {@link Buffer}, so JSON is generated straight into the
 * response buffer without an intermediate array.
 */
final class BufferOutputStream extends OutputStream
{
    private final Buffer buffer;

    BufferOutputStream(final Buffer buffer)
    {
        this.buffer = buffer;
    }

    @Override
    public void write(final int b)
    {
        buffer.appendByte((byte)b);
    }

    @Override
    public void write(final byte[] bytes, final int offset, final int length)
    {
        buffer.appendBytes(bytes, offset, length);
    }
}
