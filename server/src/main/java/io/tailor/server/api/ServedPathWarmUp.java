package io.tailor.server.api;

import io.tailor.grid.profile.ProfileKeys;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.PoolOptions;
import io.vertx.ext.web.RoutingContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URLEncoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Serves recommendations to the node itself before it reports ready, so that a restarted member meets the
 * storefront with its served path compiled. Without it a restarted node answered about a tenth of its warm rate in
 * its first second after {@code /health/ready} and half after about five: the JIT compiler took most of a core for
 * ten seconds, on the two cores the event loops had too (benchmarks/RESULTS.md, "Per page view", fourteenth and
 * fifteenth slices). A warm-up in process, of the recommender alone on generated data, did not help: the handler,
 * Netty and Hazelcast stayed cold and real data recompiled the recommender. So this one goes through HTTP, to this
 * node's own port, with this node's own shoppers.
 * <p>
 * What it sends: {@code GET /v1/recommendations?recordImpressions=false} from a few keep-alive connections, each
 * sending its next request when the last is answered, for a mix of the shoppers this member owns (a profile each,
 * from its replica), unknown shoppers (about a quarter) and the placements (home, product pages of popular
 * products, cart, category pages, one list in sixteen explained). What it changes: nothing. A read with
 * {@code recordImpressions=false} stores no impression and counts no exposure, coverage, attribution or experiment
 * tally, and the warm-up's requests are left out of the route timers, the latency histograms and the degraded-answer
 * count, so dashboards and the console see only the storefront.
 * <p>
 * When it ends: once the JIT has compiled next to nothing for {@value #QUIET_SECONDS} seconds in a row (less than
 * {@value #QUIET_COMPILE_MS} ms of compiler time a second), after at least {@value #MIN_SECONDS} seconds, or at the
 * configured longest ({@code --warm-up}), whichever comes first; it starts once the grid is ready (data loaded,
 * model built). Until it ends {@code /health/ready} answers 503 and {@code tailor_ready} is 0.
 * <p>
 * With API keys its requests carry {@value #HEADER} with a random token instead of a key. The token lives only in
 * this process's memory, opens only the routes a {@code recs:read} key may call, and is forgotten when the warm-up
 * ends.
 */
public final class ServedPathWarmUp implements AutoCloseable
{
    /** The header that carries the warm-up's token. */
    static final String HEADER = "X-Tailor-Warm-Up";

    private static final Logger LOG = LoggerFactory.getLogger(ServedPathWarmUp.class);
    /** The routing context's mark of a warm-up request, set by the route timer that recognised it. */
    private static final String CONTEXT_KEY = "tailor.warmUp";
    private static final int MIN_SECONDS = 2;
    private static final int QUIET_SECONDS = 2;
    private static final long QUIET_COMPILE_MS = 100;
    /** Distinct requests cycled through; a power of two. */
    private static final int REQUESTS = 4096;
    /** Shoppers of this member's replica the requests are for. */
    private static final int SHOPPERS = 2048;
    /** Failed requests (no answer at all) after which the warm-up gives up: the node is ready without it. */
    private static final long MAX_FAILURES = 100;
    /** A request with no answer for this long fails, so that a lane cannot hang the warm-up's end. */
    private static final long REQUEST_IDLE_MS = 10_000;

    private final ServerContext server;
    private final Duration longest;
    private final AtomicLong answered = new AtomicLong();
    private final AtomicLong ok = new AtomicLong();
    private final AtomicLong failures = new AtomicLong();
    private volatile String token;
    private volatile boolean done;
    private volatile boolean stopping;
    private volatile Thread thread;
    private volatile String outcome = "not run";

    /**
     * A warm-up for a node; {@link #start} runs it.
     *
     * @param server  the node.
     * @param longest the longest it may run; zero for none (the node is ready as soon as its grid is).
     */
    ServedPathWarmUp(final ServerContext server, final Duration longest)
    {
        this.server = server;
        this.longest = longest;
        this.done = longest.isZero();
        this.token = done ? null : newToken();
    }

    /**
     * Whether the warm-up is over (or there is none): the node may report ready once its grid is.
     *
     * @return true when over.
     */
    public boolean done()
    {
        return done;
    }

    /**
     * Requests the warm-up answered, 200 or not.
     *
     * @return the count.
     */
    public long answered()
    {
        return answered.get();
    }

    /**
     * Requests the warm-up had answered with 200.
     *
     * @return the count.
     */
    public long answeredOk()
    {
        return ok.get();
    }

    /**
     * Why the warm-up ended, for logs and tests: "settled", "longest reached", "failed", "stopped" or "not run".
     *
     * @return the outcome.
     */
    public String outcome()
    {
        return outcome;
    }

    /**
     * Whether a request is the warm-up's own: it carries the running warm-up's token. False once it is over.
     *
     * @param request the request.
     * @return true for the warm-up's requests.
     */
    boolean admits(final HttpServerRequest request)
    {
        final String current = token;
        if (current == null)
        {
            return false;
        }
        final String presented = request.getHeader(HEADER);
        return presented != null && MessageDigest.isEqual(current.getBytes(StandardCharsets.US_ASCII),
            presented.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * Marks a request as the warm-up's own, for {@link #isWarmUp}.
     *
     * @param ctx routing context of a request {@link #admits} let in.
     */
    static void mark(final RoutingContext ctx)
    {
        ctx.put(CONTEXT_KEY, Boolean.TRUE);
    }

    /**
     * Whether a request was marked as the warm-up's own ({@link #mark}): let in without a key on the recommendation
     * routes, and left out of the node's metrics.
     *
     * @param ctx routing context.
     * @return true for the warm-up's requests.
     */
    static boolean isWarmUp(final RoutingContext ctx)
    {
        return ctx.get(CONTEXT_KEY) != null;
    }

    /**
     * Starts the warm-up on a thread of its own ({@code tailor-warm-up}); does nothing when there is none.
     *
     * @param vertx the node's Vert.x, whose event loops the warm-up's client shares.
     * @param host  the address the node listens on.
     * @param port  its HTTP port.
     * @param tls   whether it serves HTTPS.
     */
    public void start(final Vertx vertx, final String host, final int port, final boolean tls)
    {
        if (done)
        {
            return;
        }
        final Thread runner = new Thread(() -> run(vertx, host, port, tls), "tailor-warm-up");
        runner.setDaemon(true);
        thread = runner;
        runner.start();
    }

    /** Stops a warm-up still running and waits for it; the node is closing. */
    @Override
    public void close()
    {
        stopping = true;
        final Thread runner = thread;
        if (runner != null)
        {
            runner.interrupt();
            try
            {
                runner.join(TimeUnit.SECONDS.toMillis(10));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run(final Vertx vertx, final String host, final int port, final boolean tls)
    {
        try
        {
            while (!server.grid().ready())
            {
                if (stopping)
                {
                    finish("stopped", 0, 0);
                    return;
                }
                Thread.sleep(50);
            }
            final long startNs = System.nanoTime();
            final String[] requests = requests();
            final int lanes = 2 * server.settings().eventLoops();
            final HttpClient client = vertx.createHttpClient(new HttpClientOptions()
                .setDefaultHost(connectHost(host)).setDefaultPort(port).setKeepAlive(true)
                .setSsl(tls).setTrustAll(tls).setVerifyHost(false), new PoolOptions().setHttp1MaxSize(lanes));
            final CountDownLatch lanesDone = new CountDownLatch(lanes);
            final AtomicLong next = new AtomicLong();
            for (int lane = 0; lane < lanes; lane++)
            {
                send(vertx, client, requests, next, lanesDone);
            }
            final String reason = waitUntilSettled(startNs);
            stopping = true;
            lanesDone.await(10, TimeUnit.SECONDS);
            client.close().await(10, TimeUnit.SECONDS);
            finish(reason, startNs, requests.length);
        }
        catch (final InterruptedException ex)
        {
            finish("stopped", 0, 0);
        }
        catch (final Exception ex)
        {
            // The node serves without a warm-up; its first answers are merely slower.
            LOG.warn("warm-up failed; reporting ready without it", ex);
            finish("failed", 0, 0);
        }
    }

    private void finish(final String reason, final long startNs, final int distinct)
    {
        outcome = reason;
        token = null;
        done = true;
        if (startNs != 0)
        {
            LOG.info("warmed up: {} recommendations ({} answered 200, {} distinct requests) in {} ms, {}",
                answered.get(), ok.get(), distinct, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs),
                reason);
        }
    }

    /** Waits, a second at a time, until the JIT is quiet, the longest is reached or the requests fail. */
    private String waitUntilSettled(final long startNs) throws InterruptedException
    {
        final CompilationMXBean jit = ManagementFactory.getCompilationMXBean();
        final boolean canTell = jit != null && jit.isCompilationTimeMonitoringSupported();
        long compiledMs = canTell ? jit.getTotalCompilationTime() : 0;
        int quiet = 0;
        final long endNs = startNs + longest.toNanos();
        for (int second = 1; ; second++)
        {
            final long wakeNs = Math.min(endNs, startNs + TimeUnit.SECONDS.toNanos(second));
            final long sleepNs = wakeNs - System.nanoTime();
            if (sleepNs > 0)
            {
                TimeUnit.NANOSECONDS.sleep(sleepNs);
            }
            if (stopping)
            {
                return "stopped";
            }
            if (failures.get() >= MAX_FAILURES)
            {
                LOG.warn("warm-up requests to this node failed {} times; reporting ready without it", failures.get());
                return "failed";
            }
            if (System.nanoTime() - endNs >= 0)
            {
                return "longest reached";
            }
            if (canTell)
            {
                final long now = jit.getTotalCompilationTime();
                quiet = now - compiledMs < QUIET_COMPILE_MS ? quiet + 1 : 0;
                compiledMs = now;
                if (quiet >= QUIET_SECONDS && second >= MIN_SECONDS)
                {
                    return "settled";
                }
            }
        }
    }

    /** Sends one request and, once it is answered, the lane's next; stops the lane when the warm-up stops. */
    private void send(final Vertx vertx, final HttpClient client, final String[] requests, final AtomicLong next,
        final CountDownLatch lanesDone)
    {
        if (stopping || failures.get() >= MAX_FAILURES)
        {
            lanesDone.countDown();
            return;
        }
        final String uri = requests[(int)(next.getAndIncrement() & (requests.length - 1))];
        final String current = token;
        client.request(HttpMethod.GET, uri)
            .compose(request -> request.putHeader(HEADER, current).idleTimeout(REQUEST_IDLE_MS).send())
            .compose(response -> response.body().map(body -> response))
            .onComplete(answer ->
            {
                if (answer.succeeded())
                {
                    answered.incrementAndGet();
                    final HttpClientResponse response = answer.result();
                    if (response.statusCode() == 200)
                    {
                        ok.incrementAndGet();
                    }
                    send(vertx, client, requests, next, lanesDone);
                }
                else
                {
                    failures.incrementAndGet();
                    // not at once: a refused connection fails on the spot, and a lane must not spin on it
                    vertx.setTimer(10, id -> send(vertx, client, requests, next, lanesDone));
                }
            });
    }

    /**
     * The requests the lanes cycle through: three in four for shoppers this member holds (when it holds any),
     * the rest for unknown ones; home, product pages of popular products, the cart, category pages; one in
     * sixteen explained.
     */
    private String[] requests()
    {
        final List<String> keys = server.grid().profiles().localKeys(SHOPPERS);
        final ItemModel model = server.grid().models().current();
        final CatalogSnapshot catalog = model.catalog();
        final int[] popular = model.globalTop();
        final SplittableRandom random = new SplittableRandom(42);
        final String[] requests = new String[REQUESTS];
        final StringBuilder uri = new StringBuilder(160);
        for (int i = 0; i < REQUESTS; i++)
        {
            uri.setLength(0);
            uri.append("/v1/recommendations?k=10&recordImpressions=false&");
            final String key = keys.isEmpty() || i % 4 == 3 ? null : keys.get(random.nextInt(keys.size()));
            if (key != null && !ProfileKeys.isLoyalty(key))
            {
                uri.append(ProfileKeys.field(key)).append('=').append(encode(ProfileKeys.id(key)));
            }
            else
            {
                uri.append("user=tailor-warm-up-").append(i);
            }
            final int product = popular.length == 0 ? CatalogSnapshot.MISSING :
                popular[random.nextInt(popular.length)];
            switch (i % 8)
            {
                case 4, 5 ->
                {
                    if (product != CatalogSnapshot.MISSING)
                    {
                        uri.append("&placement=product&product=").append(encode(catalog.product(product).id()));
                    }
                }
                case 6 -> uri.append("&placement=cart");
                case 7 ->
                {
                    if (product != CatalogSnapshot.MISSING)
                    {
                        uri.append("&category=").append(encode(catalog.product(product).category()));
                    }
                }
                default ->
                {
                    // the home page
                }
            }
            if (i % 16 == 15)
            {
                uri.append("&explain=true");
            }
            requests[i] = uri.toString();
        }
        return requests;
    }

    private static String encode(final String value)
    {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /** Where to reach the node: its bind address, or loopback when it listens on every address. */
    private static String connectHost(final String host)
    {
        try
        {
            final InetAddress address = InetAddress.getByName(host);
            if (address.isAnyLocalAddress())
            {
                return InetAddress.getLoopbackAddress().getHostAddress();
            }
            return host;
        }
        catch (final UnknownHostException ex)
        {
            return host;
        }
    }

    private static String newToken()
    {
        final byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
