package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.feed.FeedFetcher;
import io.tailor.server.feed.FeedScheduler;
import io.tailor.server.json.BatchReader;
import io.tailor.server.json.EventJsonReader;
import io.tailor.server.json.ProductJsonReader;
import io.tailor.server.metrics.CatalogCoverage;
import io.tailor.server.metrics.LatencySampler;
import io.tailor.server.metrics.Metrics;

import io.tailor.server.security.AddressRateLimiter;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What every HTTP event loop shares: settings, the grid, the (stateless) request readers and the clock.
 * Everything here is thread-safe; per-loop scratch state lives in the handlers.
 */
public final class ServerContext implements AutoCloseable
{
    private final ServerSettings settings;
    private final TailorGrid grid;
    private final RecentSessionIndex recentSessions;
    private final Clock clock;
    private final EventJsonReader eventReader;
    private final BatchReader<Product> productBatches;
    private final String nodeTag;
    private final Metrics metrics;
    private final ServedPathWarmUp warmUp;
    private final AddressRateLimiter addressLimiter;
    private final AtomicLong bodyBytesInFlight = new AtomicLong();
    private final AtomicInteger queuedParses = new AtomicInteger();
    private volatile List<RouteInfo> routes = List.of();

    /**
     * A route the HTTP server serves, with who may call it.
     *
     * @param method HTTP method, or {@code *} for any.
     * @param path   Vert.x path, e.g. {@code /v1/products/:id}.
     * @param access the access it was registered with, or {@code null} when it was registered without one.
     */
    public record RouteInfo(String method, String path, Access access)
    {
    }
    private final SegmentRegistry segments;
    private final ExperimentRegistry experiments;
    private final PromotionRegistry promotions;
    private final FeedScheduler feeds;
    private final CatalogCoverage coverage;
    private final LatencySampler latencySampler;
    private final long attributionWindowMs;
    private final WebhookRegistry webhooks;
    private final WebhookDispatcher dispatcher;

    /**
     * Context of one node.
     *
     * @param settings node settings.
     * @param grid     the grid member.
     * @param clock    server time.
     */
    public ServerContext(final ServerSettings settings, final TailorGrid grid, final Clock clock)
    {
        this.settings = settings;
        this.grid = grid;
        this.clock = clock;
        this.recentSessions = asksSimilarSessions(settings.ranking()) ?
            grid.keepRecentSessions(new RecentSessionIndex()) : null;
        this.eventReader = new EventJsonReader(settings.limits());
        final ProductJsonReader productReader = new ProductJsonReader(grid.settings().dimensions(),
            settings.limits());
        this.productBatches = new BatchReader<>(productReader::read, settings.limits().maxBatchProducts(), "product");
        this.warmUp = new ServedPathWarmUp(this, settings.warmUp());
        this.metrics = new Metrics(grid, clock, this::ready);
        this.addressLimiter = new AddressRateLimiter(settings.security().publicKeyAddressRate(), System.nanoTime());
        this.segments = new SegmentRegistry(grid);
        segments.start();
        this.experiments = new ExperimentRegistry(grid, settings.ranking(), metrics.attribution());
        this.attributionWindowMs = grid.settings().retention().attributionWindow().toMillis();
        experiments.start();
        this.promotions = new PromotionRegistry(grid, current -> metrics.promotions(current, clock));
        promotions.start();
        this.coverage = new CatalogCoverage(grid, clock);
        metrics.catalogCoverage(coverage);
        coverage.start();
        this.latencySampler = new LatencySampler(metrics.latency(), clock);
        latencySampler.start();
        this.webhooks = new WebhookRegistry(grid, segments);
        webhooks.start();
        this.dispatcher = new WebhookDispatcher(this, webhooks, settings.webhooks());
        dispatcher.start();
        this.feeds = new FeedScheduler(grid.feeds(), new FeedFetcher(grid, settings.limits(), clock), clock,
            grid.errors());
        feeds.start();
        this.nodeTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36),
            36);
    }

    /**
     * The attribution window of lists served outside experiments ({@code attribution.window}).
     *
     * @return milliseconds.
     */
    public long attributionWindowMs()
    {
        return attributionWindowMs;
    }

    /**
     * Node settings.
     *
     * @return the settings.
     */
    public ServerSettings settings()
    {
        return settings;
    }

    /**
     * The recent sessions this member keeps for similar sessions, when a placement weighs them
     * ({@code ranking.placements.<p>.weights.similarSessions}) and this node is a grid member.
     *
     * @return the index, or {@code null}.
     */
    public RecentSessionIndex recentSessions()
    {
        return recentSessions;
    }

    /** Whether any placement weighs similar sessions: only then does a node keep them (memory, ingest cost). */
    private static boolean asksSimilarSessions(final RankingSettings ranking)
    {
        for (final Placement placement : Placement.values())
        {
            if (ranking.weightsFor(placement).similarSessions() != 0f)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The grid member.
     *
     * @return the grid.
     */
    public TailorGrid grid()
    {
        return grid;
    }

    /**
     * Server time.
     *
     * @return the clock.
     */
    public Clock clock()
    {
        return clock;
    }

    /**
     * A reader of event batches stamping missing times with server time now.
     *
     * @return a batch reader; cheap to create.
     */
    public BatchReader<Event> eventBatches()
    {
        final long nowMs = clock.millis();
        return new BatchReader<>(parser -> eventReader.read(parser, nowMs), settings.limits().maxBatchEvents(),
            "event");
    }

    /**
     * The product batch reader.
     *
     * @return the reader.
     */
    public BatchReader<Product> productBatches()
    {
        return productBatches;
    }

    /**
     * The node's metrics.
     *
     * @return the metrics.
     */
    public Metrics metrics()
    {
        return metrics;
    }

    /**
     * The segments in force on this node.
     *
     * @return the registry.
     */
    public SegmentRegistry segments()
    {
        return segments;
    }

    /**
     * The webhooks in force on this node.
     *
     * @return the registry.
     */
    public WebhookRegistry webhooks()
    {
        return webhooks;
    }

    /**
     * This node's webhook dispatcher: trigger evaluation after events, deliveries of the partitions it owns.
     *
     * @return the dispatcher.
     */
    public WebhookDispatcher dispatcher()
    {
        return dispatcher;
    }

    /**
     * The experiments in force on this node.
     *
     * @return the registry.
     */
    public ExperimentRegistry experiments()
    {
        return experiments;
    }

    /**
     * The promotions in force on this node, with what they delivered.
     *
     * @return the registry.
     */
    public PromotionRegistry promotions()
    {
        return promotions;
    }

    /**
     * What the served lists showed, for the catalog coverage metric.
     *
     * @return this node's coverage.
     */
    public CatalogCoverage coverage()
    {
        return coverage;
    }

    /**
     * This node's part of fetching the catalog feeds.
     *
     * @return the scheduler.
     */
    public FeedScheduler feeds()
    {
        return feeds;
    }

    /**
     * Whether the node is ready to serve, as {@code /health/ready} and {@code tailor_ready} say: its grid has joined
     * and loaded its data, and its warm-up is over.
     *
     * @return true when ready.
     */
    public boolean ready()
    {
        return grid.ready() && warmUp.done();
    }

    /**
     * The node's warm-up before it reports ready.
     *
     * @return the warm-up, over at once when the node has none.
     */
    public ServedPathWarmUp warmUp()
    {
        return warmUp;
    }

    @Override
    public void close()
    {
        warmUp.close();
        dispatcher.close();
        feeds.close();
        latencySampler.close();
        coverage.close();
        promotions.close();
        experiments.close();
        segments.close();
        metrics.close();
    }

    /**
     * A short random tag of this node, part of every request id it hands out.
     *
     * @return five base-36 characters.
     */
    public String nodeTag()
    {
        return nodeTag;
    }

    /**
     * Token buckets per client address for public keys, shared by every loop.
     *
     * @return the limiter.
     */
    public AddressRateLimiter addressLimiter()
    {
        return addressLimiter;
    }

    /**
     * Counts a request body the node will hold, if it fits under {@code overload.maxBodyBytesInFlight}.
     *
     * @param bytes declared (or largest possible) body size.
     * @return true when counted; false when it would pass the bound (nothing counted).
     */
    public boolean reserveBodyBytes(final long bytes)
    {
        final long max = settings.overload().maxBodyBytesInFlight();
        while (true)
        {
            final long held = bodyBytesInFlight.get();
            if (held + bytes > max)
            {
                return false;
            }
            if (bodyBytesInFlight.compareAndSet(held, held + bytes))
            {
                return true;
            }
        }
    }

    /**
     * Releases bytes counted by {@link #reserveBodyBytes}.
     *
     * @param bytes the same count.
     */
    public void releaseBodyBytes(final long bytes)
    {
        bodyBytesInFlight.addAndGet(-bytes);
    }

    /**
     * Request body bytes counted now.
     *
     * @return the bytes.
     */
    public long bodyBytesInFlight()
    {
        return bodyBytesInFlight.get();
    }

    /**
     * Counts a body to be parsed on a worker, if the queue is not at {@code overload.maxQueuedParses}.
     *
     * @return true when counted.
     */
    public boolean queueParse()
    {
        if (queuedParses.incrementAndGet() > settings.overload().maxQueuedParses())
        {
            queuedParses.decrementAndGet();
            return false;
        }
        return true;
    }

    /**
     * Uncounts a parse counted by {@link #queueParse}.
     */
    public void parseDone()
    {
        queuedParses.decrementAndGet();
    }

    /**
     * The routes the HTTP server serves, as the first event loop registered them.
     *
     * @return the routes.
     */
    public List<RouteInfo> routes()
    {
        return routes;
    }

    void routes(final List<RouteInfo> registered)
    {
        this.routes = List.copyOf(registered);
    }
}
