package io.tailor.server.api;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.GZIPOutputStream;

/**
 * A merchant's feed server for tests: the JDK's HTTP server on an ephemeral loopback port serving one body at
 * {@code /feed} with an ETag (the body's version), answering 304 to a request that names the current one.
 */
public final class FeedServer implements AutoCloseable
{
    private final HttpServer http;
    private final ExecutorService threads = Executors.newFixedThreadPool(2);
    private final List<String> ifNoneMatch = new CopyOnWriteArrayList<>();
    private final AtomicInteger version = new AtomicInteger();
    private volatile byte[] body = new byte[0];
    private volatile int status = 200;
    private volatile boolean gzip;
    private volatile CountDownLatch gate;
    private volatile CountDownLatch midBody;
    private volatile int sentBeforeStall;

    private FeedServer(final HttpServer http)
    {
        this.http = http;
    }

    /**
     * Starts a server.
     *
     * @return the server.
     */
    public static FeedServer start()
    {
        try
        {
            final HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            final FeedServer server = new FeedServer(http);
            http.createContext("/feed", server::handle);
            http.setExecutor(server.threads);
            http.start();
            return server;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    private void handle(final HttpExchange exchange) throws IOException
    {
        final String condition = exchange.getRequestHeaders().getFirst("If-None-Match");
        ifNoneMatch.add(condition == null ? "" : condition);
        final CountDownLatch held = gate;
        if (held != null)
        {
            try
            {
                held.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        final String etag = "\"v" + version.get() + "\"";
        if (etag.equals(condition))
        {
            exchange.sendResponseHeaders(304, -1);
            exchange.close();
            return;
        }
        byte[] bytes = body;
        if (status == 200)
        {
            exchange.getResponseHeaders().set("ETag", etag);
        }
        final String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (gzip && accepted != null && accepted.contains("gzip"))
        {
            final ByteArrayOutputStream packed = new ByteArrayOutputStream();
            try (GZIPOutputStream out = new GZIPOutputStream(packed))
            {
                out.write(bytes);
            }
            bytes = packed.toByteArray();
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        }
        final CountDownLatch stall = midBody;
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : stall == null ? bytes.length : 0);
        try (OutputStream out = exchange.getResponseBody())
        {
            if (stall == null)
            {
                out.write(bytes);
                return;
            }
            out.write(bytes, 0, sentBeforeStall);
            out.flush();
            try
            {
                stall.await(30, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            out.write(bytes, sentBeforeStall, bytes.length - sentBeforeStall);
        }
        catch (final IOException ex)
        {
            // the reader gave up on a stalled body
        }
    }

    /**
     * Serves a new body (a new version, so a new ETag).
     *
     * @param text the feed.
     */
    public void serve(final String text)
    {
        body = text.getBytes(StandardCharsets.UTF_8);
        status = 200;
        version.incrementAndGet();
    }

    /**
     * Holds every request (counted, not answered) until the gate opens, or 30 s.
     *
     * @return the gate: count it down to answer.
     */
    public CountDownLatch hold()
    {
        final CountDownLatch latch = new CountDownLatch(1);
        gate = latch;
        return latch;
    }

    /**
     * Sends the first bytes of the body (chunked), then stops until the gate opens, or 30 s.
     *
     * @param bytes how many bytes to send first.
     * @return the gate: count it down to send the rest.
     */
    public CountDownLatch stallAfter(final int bytes)
    {
        final CountDownLatch latch = new CountDownLatch(1);
        sentBeforeStall = bytes;
        midBody = latch;
        return latch;
    }

    /**
     * Sends the body gzip-compressed to a client that accepts it.
     *
     * @param compress whether to.
     */
    public void gzip(final boolean compress)
    {
        gzip = compress;
    }

    /**
     * Answers every request with a status and no feed.
     *
     * @param code the status.
     */
    public void fail(final int code)
    {
        status = code;
        body = new byte[0];
        version.incrementAndGet();
    }

    /**
     * The feed's URL.
     *
     * @return {@code http://127.0.0.1:port/feed}.
     */
    public String url()
    {
        return "http://" + http.getAddress().getAddress().getHostAddress() + ":" + http.getAddress().getPort() +
            "/feed";
    }

    /**
     * Requests served so far.
     *
     * @return the count.
     */
    public int requests()
    {
        return ifNoneMatch.size();
    }

    /**
     * The If-None-Match header of each request, "" when absent.
     *
     * @return the values in order.
     */
    public List<String> conditions()
    {
        return List.copyOf(ifNoneMatch);
    }

    @Override
    public void close()
    {
        for (final CountDownLatch held : new CountDownLatch[] {gate, midBody})
        {
            if (held != null)
            {
                held.countDown();
            }
        }
        http.stop(0);
        threads.shutdownNow();
    }
}
