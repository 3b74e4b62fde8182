package io.tailor.loadtest.scenario;

import io.netty.buffer.ByteBuf;
import io.tailor.loadtest.data.Ascii;

/**
 * Writes HTTP/1.1 request heads around a path or a body, with the constant parts encoded once.
 */
public final class HttpRequestWriter
{
    private static final byte[] GET = Ascii.bytes("GET ");
    private static final byte[] CONTENT_LENGTH = Ascii.bytes("\r\nContent-Length: ");
    private static final byte[] END_OF_HEAD = Ascii.bytes("\r\n\r\n");

    private final byte[] versionAndHost;

    /**
     * A writer for one server.
     *
     * @param host value of the Host header, {@code host:port}, and any header lines that follow it (each
     *             starting with CRLF, e.g. the API key).
     */
    public HttpRequestWriter(final String host)
    {
        this.versionAndHost = Ascii.bytes(" HTTP/1.1\r\nHost: " + host);
    }

    /**
     * Starts a GET; the caller then writes the path and query, and calls {@link #endGet}.
     *
     * @param out target.
     */
    public void startGet(final ByteBuf out)
    {
        out.writeBytes(GET);
    }

    /**
     * Ends a GET started with {@link #startGet}.
     *
     * @param out target.
     */
    public void endGet(final ByteBuf out)
    {
        out.writeBytes(versionAndHost);
        out.writeBytes(END_OF_HEAD);
    }

    /**
     * A request with a body.
     *
     * @param out              target.
     * @param methodAndPath    e.g. {@code POST /v1/events}, encoded.
     * @param contentTypeLine  e.g. {@code \r\nContent-Type: application/json}, encoded.
     * @param body             the body; read, not released.
     */
    public void withBody(final ByteBuf out, final byte[] methodAndPath, final byte[] contentTypeLine,
        final ByteBuf body)
    {
        out.writeBytes(methodAndPath);
        out.writeBytes(versionAndHost);
        out.writeBytes(contentTypeLine);
        out.writeBytes(CONTENT_LENGTH);
        Ascii.writeLong(out, body.readableBytes());
        out.writeBytes(END_OF_HEAD);
        out.writeBytes(body, body.readerIndex(), body.readableBytes());
    }
}
