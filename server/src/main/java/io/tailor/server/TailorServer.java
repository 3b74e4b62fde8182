package io.tailor.server;

import io.tailor.grid.TailorGrid;
import io.tailor.scoring.vector.DotKernels;
import io.tailor.server.api.HttpVerticle;
import io.tailor.server.api.ServedPathWarmUp;
import io.tailor.server.api.ServerContext;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.feed.FeedScheduler;
import io.tailor.server.metrics.Metrics;
import io.vertx.core.DeploymentOptions;
import io.vertx.core.ThreadingModel;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Tailor node: the grid member plus the HTTP server on its event loops.
 * <p>
 * Start: grid (join, load the model) then HTTP. Stop: HTTP first (no new requests; in-flight ones
 * finish), then the grid leaves gracefully.
 */
public final class TailorServer implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(TailorServer.class);
    /** The longest a start spends compiling the scoring kernel before it listens ({@link KernelWarmUp}). */
    private static final Duration KERNEL_WARM_UP = Duration.ofSeconds(10);

    private final ServerSettings settings;
    private final TailorGrid grid;
    private final Vertx vertx;
    private final int port;
    private final boolean ownsGrid;
    private final ServerContext context;

    private TailorServer(final ServerSettings settings, final TailorGrid grid, final Vertx vertx, final int port,
        final boolean ownsGrid, final ServerContext context)
    {
        this.settings = settings;
        this.grid = grid;
        this.vertx = vertx;
        this.port = port;
        this.ownsGrid = ownsGrid;
        this.context = context;
    }

    /**
     * Starts a node: a grid member and the HTTP server.
     *
     * @param settings node settings.
     * @param clock    server time.
     * @return the running node.
     */
    public static TailorServer start(final ServerSettings settings, final Clock clock)
    {
        final TailorGrid grid = TailorGrid.startMember(settings.grid(), clock);
        try
        {
            return start(settings, grid, clock, true);
        }
        catch (final RuntimeException ex)
        {
            grid.close();
            throw ex;
        }
    }

    /**
     * Starts an HTTP server that is a client of a dedicated grid (not a member itself).
     *
     * @param settings node settings; {@code grid().members()} are the members to connect to.
     * @param clock    server time.
     * @return the running node.
     */
    public static TailorServer startClient(final ServerSettings settings, final Clock clock)
    {
        final TailorGrid grid = TailorGrid.startClient(settings.grid(), clock);
        try
        {
            return start(settings, grid, clock, true);
        }
        catch (final RuntimeException ex)
        {
            grid.close();
            throw ex;
        }
    }

    /**
     * Starts the HTTP server over a running grid member.
     *
     * @param settings node settings.
     * @param grid     the grid member.
     * @param clock    server time.
     * @param ownsGrid whether {@link #close()} also closes the grid.
     * @return the running node.
     */
    public static TailorServer start(final ServerSettings settings, final TailorGrid grid, final Clock clock,
        final boolean ownsGrid)
    {
        final KernelWarmUp.Result warm = KernelWarmUp.run(DotKernels.best(), grid.settings().dimensions(),
            grid.settings().model().factors().rank(), KERNEL_WARM_UP);
        LOG.info("scoring kernel {} after {} batches in {} ms", warm.compiled() ? "compiled" :
            "not yet allocation-free (the JIT is still compiling it)", warm.batches(), warm.millis());
        // Every loop listens with the same options and Vert.x shares one socket between them. Vert.x would
        // give each loop its own random port for port 0, so "any free port" is chosen here first; if another
        // process takes it in between, the start is retried with another.
        IllegalStateException failure = null;
        for (int attempt = 0; attempt < 3; attempt++)
        {
            final int port = settings.port() != 0 ? settings.port() : freePort(settings.host());
            try
            {
                return listen(settings, grid, clock, ownsGrid, port);
            }
            catch (final IllegalStateException ex)
            {
                failure = ex;
                if (settings.port() != 0)
                {
                    break;
                }
            }
        }
        throw failure;
    }

    private static TailorServer listen(final ServerSettings settings, final TailorGrid grid, final Clock clock,
        final boolean ownsGrid, final int port)
    {
        final Vertx vertx = Vertx.vertx(new VertxOptions()
            .setEventLoopPoolSize(settings.eventLoops())
            .setWorkerPoolSize(Math.max(2, settings.eventLoops()))
            .setPreferNativeTransport(false));
        ServerContext context = null;
        try
        {
            context = new ServerContext(settings, grid, clock);
            final DeploymentOptions options = new DeploymentOptions().setThreadingModel(ThreadingModel.EVENT_LOOP);
            for (int i = 0; i < settings.eventLoops(); i++)
            {
                vertx.deployVerticle(new HttpVerticle(context, i, port), options).await(30, TimeUnit.SECONDS);
            }
            final String url = url(settings, port);
            if (settings.developmentMode())
            {
                LOG.info("Tailor listening on {} ({} event loops) in DEVELOPMENT MODE: no API keys, every request " +
                    "is allowed, HTTP on loopback only; give --api-keys-file to serve other hosts", url,
                    settings.eventLoops());
            }
            else
            {
                LOG.info("Tailor listening on {} ({} event loops) with {} API keys: {}", url, settings.eventLoops(),
                    settings.keys().keys().size(), settings.keys().keys());
                if (settings.tls() == null && !ServerSettings.isLoopback(settings.host()))
                {
                    LOG.warn("API keys travel in clear text: HTTP on {} without TLS; terminate TLS in front of " +
                        "Tailor or give --tls-cert and --tls-key", settings.host());
                }
            }
            final TailorServer server = new TailorServer(settings, grid, vertx, port, ownsGrid, context);
            context.warmUp().start(vertx, settings.host(), port, settings.tls() != null);
            return server;
        }
        catch (final Exception ex)
        {
            if (context != null)
            {
                context.close();
            }
            vertx.close();
            throw new IllegalStateException("HTTP server failed to start on port " + port + ": " + ex.getMessage(), ex);
        }
    }

    private static int freePort(final String host)
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName(host)))
        {
            return socket.getLocalPort();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /**
     * The HTTP port.
     *
     * @return the port listened on.
     */
    public int port()
    {
        return port;
    }

    /**
     * Base URL of the API.
     *
     * @return e.g. {@code http://127.0.0.1:8080}, {@code https://...} with TLS.
     */
    public String url()
    {
        return url(settings, port);
    }

    private static String url(final ServerSettings settings, final int port)
    {
        final String host = settings.host().contains(":") ? "[" + settings.host() + "]" : settings.host();
        return (settings.tls() == null ? "http://" : "https://") + host + ":" + port;
    }

    /**
     * The routes this node serves, each with the scope a key needs.
     *
     * @return the routes.
     */
    public List<ServerContext.RouteInfo> routes()
    {
        return context.routes();
    }

    /**
     * Whether the node is ready to serve: its grid has loaded its data and its warm-up is over.
     *
     * @return what {@code /health/ready} would say.
     */
    public boolean ready()
    {
        return context.ready();
    }

    /**
     * The node's warm-up before it reports ready ({@code --warm-up}).
     *
     * @return the warm-up; over at once when the node has none.
     */
    public ServedPathWarmUp warmUp()
    {
        return context.warmUp();
    }

    /**
     * This node's metrics (Prometheus registry and per-route latency histograms).
     *
     * @return the metrics.
     */
    public Metrics metrics()
    {
        return context.metrics();
    }

    /**
     * This node's part of fetching the catalog feeds.
     *
     * @return the scheduler.
     */
    public FeedScheduler feeds()
    {
        return context.feeds();
    }

    /**
     * The grid member of this node.
     *
     * @return the grid.
     */
    public TailorGrid grid()
    {
        return grid;
    }

    /**
     * Stops taking requests, lets in-flight ones finish, then leaves the grid.
     */
    @Override
    public void close()
    {
        // A warm-up still running sends through this Vert.x: stopped first.
        context.warmUp().close();
        try
        {
            vertx.close().await(30, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            LOG.warn("HTTP server did not stop cleanly: {}", ex.toString());
        }
        context.close();
        if (ownsGrid)
        {
            grid.close();
        }
        LOG.info("Tailor stopped");
    }
}
