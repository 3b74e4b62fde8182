package io.tailor.benchmarks.jmh;

import io.tailor.grid.GridSettings;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.TailorServer;
import io.tailor.server.config.InputLimits;
import io.tailor.server.config.ServerSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * A page view's recommendation as a storefront gets it: a whole node (grid member and HTTP server) in this JVM,
 * a store loaded through the public API ({@code products} products in 40 categories, {@code shoppers} shoppers
 * with 5 views each), and {@code GET /v1/recommendations?user=<random shopper>&k=10} with impressions recorded,
 * sent over one loopback connection, {@value #PIPELINED} requests pipelined per invocation, so the client costs
 * next to nothing and the event loop runs the whole path: parse, profile from the owner replica, recommend, JSON,
 * impressions queued (and, on their thread, applied). {@code ping} is the same client against {@code /v1/ping}:
 * the HTTP floor. Run with {@code -prof gc} for bytes allocated per request (the whole JVM: server threads and
 * this near-allocation-free client).
 * <pre>
 *   ./tailor bench ServedRecommendationBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class ServedRecommendationBenchmark
{
    /** Requests written before their answers are read. */
    static final int PIPELINED = 16;
    private static final int DISTINCT_REQUESTS = 4096;
    private static final int CATEGORIES = 40;
    private static final int VIEWS = 5;

    @Param({"20000", "100000"})
    int products;

    @Param("20000")
    int shoppers;

    private TailorServer server;
    private Connection connection;
    private byte[][] recommendations;
    private byte[] ping;
    private int next;

    /** Starts the node and loads the store through the API. */
    @Setup(Level.Trial)
    public void setUp() throws IOException
    {
        final GridSettings grid = GridSettings.loopback(freePort(), null).withClusterName("bench-" + System.nanoTime());
        server = TailorServer.start(new ServerSettings("127.0.0.1", 0, 1, Duration.ofMillis(1), InputLimits.DEFAULT,
            RankingSettings.DEFAULT, grid), Clock.systemUTC());
        connection = new Connection(server.port());
        final SplittableRandom random = new SplittableRandom(42);
        load(random);
        recommendations = new byte[DISTINCT_REQUESTS][];
        for (int i = 0; i < DISTINCT_REQUESTS; i++)
        {
            recommendations[i] = request("GET /v1/recommendations?user=u" + random.nextInt(shoppers) + "&k=10");
        }
        ping = request("GET /v1/ping");
    }

    /** Stops the node. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException
    {
        connection.close();
        server.close();
    }

    /**
     * Recommendations for random shoppers, impressions recorded.
     *
     * @return bytes received, so nothing is optimised away.
     */
    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public long recommendations()
    {
        for (int i = 0; i < PIPELINED; i++)
        {
            connection.queue(recommendations[next]);
            next = (next + 1) & (DISTINCT_REQUESTS - 1);
        }
        return connection.exchange(PIPELINED);
    }

    /**
     * The HTTP floor: {@code /v1/ping} with the same client.
     *
     * @return bytes received.
     */
    @Benchmark
    @OperationsPerInvocation(PIPELINED)
    public long ping()
    {
        for (int i = 0; i < PIPELINED; i++)
        {
            connection.queue(ping);
        }
        return connection.exchange(PIPELINED);
    }

    private void load(final SplittableRandom random)
    {
        final StringBuilder catalog = new StringBuilder();
        for (int p = 0; p < products; p++)
        {
            catalog.append("{\"id\":\"p").append(p).append("\",\"title\":\"Product ").append(p)
                .append("\",\"category\":\"c/").append(p % CATEGORIES).append("\",\"brand\":\"b").append(p % 97)
                .append("\",\"price\":").append(5 + p % 200).append("}\n");
            if ((p + 1) % 1000 == 0 || p == products - 1)
            {
                connection.send("PUT", "/v1/products", "application/x-ndjson", catalog.toString());
                catalog.setLength(0);
            }
        }
        final StringBuilder events = new StringBuilder();
        for (int s = 0; s < shoppers; s++)
        {
            // Each shopper browses one category, popular products more often.
            final int category = random.nextInt(CATEGORIES);
            for (int v = 0; v < VIEWS; v++)
            {
                final int rank = (int)Math.min(products / CATEGORIES - 1, Math.floor(Math.pow(random.nextDouble(), 3) *
                    (products / CATEGORIES)));
                events.append("{\"type\":\"view\",\"user\":\"u").append(s).append("\",\"product\":\"p")
                    .append(rank * CATEGORIES + category).append("\"}\n");
            }
            if ((s + 1) % 200 == 0 || s == shoppers - 1)
            {
                connection.send("POST", "/v1/events", "application/x-ndjson", events.toString());
                events.setLength(0);
            }
        }
        server.grid().flushModelNow();
    }

    private static byte[] request(final String line)
    {
        return (line + " HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0))
        {
            return socket.getLocalPort();
        }
    }

    /** One keep-alive HTTP/1.1 connection: requests queued, then written at once, then their answers read. */
    static final class Connection
    {
        private final SocketChannel channel;
        private final ByteBuffer out = ByteBuffer.allocateDirect(1 << 20);
        private final ByteBuffer in = ByteBuffer.allocateDirect(1 << 22);

        Connection(final int port) throws IOException
        {
            channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
            channel.socket().setTcpNoDelay(true);
        }

        void queue(final byte[] request)
        {
            out.put(request);
        }

        /** Writes what is queued and reads {@code answers} answers; returns the bytes read. */
        long exchange(final int answers)
        {
            try
            {
                out.flip();
                while (out.hasRemaining())
                {
                    channel.write(out);
                }
                out.clear();
                in.clear();
                int parsed = 0;
                int position = 0;
                long total = 0;
                while (parsed < answers)
                {
                    final int read = channel.read(in);
                    if (read < 0)
                    {
                        throw new IOException("connection closed after " + parsed + " answers");
                    }
                    total += read;
                    int end;
                    while (parsed < answers && (end = answerEnd(position, in.position())) > 0)
                    {
                        position = end;
                        parsed++;
                    }
                }
                return total;
            }
            catch (final IOException ex)
            {
                throw new UncheckedIOException(ex);
            }
        }

        /** Sends one request with a body and checks it was accepted (set-up only). */
        void send(final String method, final String path, final String contentType, final String body)
        {
            final byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            queue((method + " " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: " + contentType +
                "\r\nContent-Length: " + bytes.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            queue(bytes);
            exchange(1);
            final byte status = in.get(9);
            if (status != '2')
            {
                throw new IllegalStateException(method + " " + path + " was refused: " + StandardCharsets.US_ASCII
                    .decode(in.duplicate().flip()));
            }
        }

        /** End of the answer that starts at {@code from}, or -1 when it is not complete in {@code [from, limit)}. */
        private int answerEnd(final int from, final int limit)
        {
            int contentLength = 0;
            int lineStart = from;
            for (int i = from; i + 1 < limit; i++)
            {
                if (in.get(i) == '\r' && in.get(i + 1) == '\n')
                {
                    if (i == lineStart)
                    {
                        final int end = i + 2 + contentLength;
                        return end <= limit ? end : -1;
                    }
                    contentLength = Math.max(contentLength, contentLength(lineStart, i));
                    lineStart = i + 2;
                    i++;
                }
            }
            return -1;
        }

        /** The value of a {@code content-length} header line, or 0 for any other line. */
        private int contentLength(final int start, final int end)
        {
            final String name = "content-length:";
            if (end - start <= name.length())
            {
                return 0;
            }
            for (int i = 0; i < name.length(); i++)
            {
                if (Character.toLowerCase((char)in.get(start + i)) != name.charAt(i))
                {
                    return 0;
                }
            }
            int value = 0;
            for (int i = start + name.length(); i < end; i++)
            {
                final byte b = in.get(i);
                if (b >= '0' && b <= '9')
                {
                    value = value * 10 + b - '0';
                }
            }
            return value;
        }

        void close() throws IOException
        {
            channel.close();
        }
    }
}
