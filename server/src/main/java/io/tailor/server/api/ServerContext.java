package io.tailor.server.api;

import io.tailor.grid.cluster.TailorGrid;
import io.tailor.server.config.ServerSettings;
import io.tailor.server.json.BatchReader;
import io.tailor.server.json.EventJsonReader;
import io.tailor.server.json.ProductJsonReader;
import io.tailor.server.metrics.Metrics;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;

import java.time.Clock;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What every HTTP event loop shares: settings, the grid, the (stateless) request readers and the clock.
 * Everything here is thread-safe; per-loop scratch state lives in the handlers.
 */
public final class ServerContext implements AutoCloseable
{
    private final ServerSettings settings;
    private final TailorGrid grid;
    private final Clock clock;
    private final EventJsonReader eventReader;
    private final BatchReader<Product> productBatches;
    private final String nodeTag;
    private final Metrics metrics;
    private final SegmentRegistry segments;

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
        this.eventReader = new EventJsonReader(settings.limits());
        final ProductJsonReader productReader = new ProductJsonReader(grid.settings().dimensions());
        this.productBatches = new BatchReader<>(productReader::read, settings.limits().maxBatchProducts(), "product");
        this.metrics = new Metrics(grid, clock);
        this.segments = new SegmentRegistry(grid);
        segments.start();
        this.nodeTag = Long.toString(ThreadLocalRandom.current().nextLong(36L * 36 * 36 * 36, 36L * 36 * 36 * 36 * 36),
            36);
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

    @Override
    public void close()
    {
        segments.close();
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
}
