package io.tailor.loadtest.scenario;

import io.netty.buffer.ByteBuf;
import io.tailor.loadtest.data.Ascii;
import io.tailor.loadtest.driver.RequestSource;

import java.util.List;

/**
 * {@code GET /v1/ping}, the same bytes every time: the HTTP ceiling that other endpoints are compared with.
 */
public final class PingSource implements RequestSource
{
    private final byte[] request;

    /**
     * A source for one server.
     *
     * @param host Host header value, and any header lines that follow it (see {@code RequestSourceFactory}).
     */
    public PingSource(final String host)
    {
        this.request = Ascii.bytes("GET /v1/ping HTTP/1.1\r\nHost: " + host + "\r\n\r\n");
    }

    @Override
    public List<String> types()
    {
        return List.of("ping");
    }

    @Override
    public int write(final ByteBuf out)
    {
        out.writeBytes(request);
        return 0;
    }
}
