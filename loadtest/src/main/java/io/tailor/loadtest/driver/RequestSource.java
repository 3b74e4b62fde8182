package io.tailor.loadtest.driver;

import io.netty.buffer.ByteBuf;

import java.util.List;

/**
 * What to send: writes each next request as complete HTTP/1.1 bytes. One instance per driver thread, so an
 * implementation needs no synchronisation and can keep scratch state.
 */
public interface RequestSource
{
    /**
     * Names of the request types this source issues, indexed by the values {@link #write} returns; each has
     * its own latency histogram.
     *
     * @return type names, e.g. {@code recommendations}, {@code view}.
     */
    List<String> types();

    /**
     * Writes the next request.
     *
     * @param out target buffer.
     * @return the request's type index.
     */
    int write(ByteBuf out);

    /**
     * A value that {@link #completed} gets back for the request last written; 0 if the source needs none.
     *
     * @return the tag.
     */
    default long tag()
    {
        return 0;
    }

    /**
     * A request this source wrote got its answer (or failed).
     *
     * @param type   its type index.
     * @param status HTTP status, or {@link LoadRecorders#STATUS_IO_ERROR} / {@link LoadRecorders#STATUS_TIMEOUT}.
     * @param tag    the value {@link #tag} gave for it.
     */
    default void completed(final int type, final int status, final long tag)
    {
    }
}
