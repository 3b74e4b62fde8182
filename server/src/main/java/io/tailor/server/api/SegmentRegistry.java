package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.segment.Segments;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.SegmentJsonReader;
import io.tailor.server.json.SegmentSpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * This node's view of the segments in force: every definition in the grid, parsed, with rules bound to the
 * node's current catalog, published as one immutable {@link Segments} that the recommender reads with one
 * volatile read.
 * <p>
 * Definitions arrive from the grid's listener (any node's changes) and directly from this node's handlers
 * (read your writes); the higher version wins. A background thread ({@code tailor-segments}) binds the rules
 * again when the catalog snapshot changes, so a category condition sees products added since.
 */
public final class SegmentRegistry implements SegmentSource, AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(SegmentRegistry.class);
    private static final long REBIND_CHECK_MS = 500;

    /** One parsed definition. */
    private record Known(long version, SegmentSpec spec)
    {
    }

    private final TailorGrid grid;
    private final Map<String, Known> known = new HashMap<>();
    private final Map<String, Long> versions = new HashMap<>();
    private final ScheduledExecutorService thread;
    private volatile Segments current = Segments.EMPTY;
    /**
     * The ids of {@link #versions}, written after {@link #current}: read before it, every id in it is bound (or
     * deleted) in the {@link #current} read next.
     */
    private volatile Set<String> heard = Set.of();
    private CatalogSnapshot boundTo;

    /**
     * A registry over the grid's segments; call {@link #start()}.
     *
     * @param grid the grid.
     */
    public SegmentRegistry(final TailorGrid grid)
    {
        this.grid = grid;
        this.thread = DaemonThreads.scheduled("tailor-segments");
    }

    /**
     * Loads every definition, listens for changes, and keeps rules bound to the current catalog.
     */
    public void start()
    {
        grid.segments().listen(this::update);
        for (final Map.Entry<String, SegmentDefinition> entry : grid.segments().all().entrySet())
        {
            update(entry.getKey(), entry.getValue());
        }
        thread.scheduleWithFixedDelay(this::rebindIfCatalogChanged, REBIND_CHECK_MS, REBIND_CHECK_MS,
            TimeUnit.MILLISECONDS);
    }

    @Override
    public Segments current()
    {
        return current;
    }

    /**
     * The definition of a segment in force.
     *
     * @param id segment id.
     * @return the parsed definition, or {@code null}.
     */
    public synchronized SegmentSpec spec(final String id)
    {
        final Known entry = known.get(id);
        return entry == null ? null : entry.spec();
    }

    /**
     * The segments heard of, as one snapshot: after a full restart a segment is unknown until the member whose data
     * files hold it has loaded them. Read it before {@link #current()}: every id in it is then bound, or deleted, in
     * the segments read next, so a segment of it not found there is known not to exist.
     *
     * @return ids of the segments whose definition, or deletion, reached this node.
     */
    public Set<String> heard()
    {
        return heard;
    }

    /**
     * Takes a new version of a definition (or a deletion's tombstone); older versions than the one known
     * are ignored.
     *
     * @param id         segment id.
     * @param definition the definition.
     */
    public synchronized void update(final String id, final SegmentDefinition definition)
    {
        final Long seen = versions.get(id);
        if (definition == null || (seen != null && seen >= definition.version()))
        {
            return;
        }
        versions.put(id, definition.version());
        if (definition.deleted())
        {
            known.remove(id);
        }
        else
        {
            try
            {
                known.put(id, new Known(definition.version(), new SegmentJsonReader(null).read(
                    definition.json().getBytes(java.nio.charset.StandardCharsets.UTF_8))));
            }
            catch (final InvalidInput ex)
            {
                LOG.error("segment {} version {} cannot be read and is ignored: {} at {}", id, definition.version(),
                    ex.reason(), ex.field());
                known.remove(id);
            }
        }
        publish(grid.models().current().catalog());
        heard = Set.copyOf(versions.keySet());
    }

    private synchronized void rebindIfCatalogChanged()
    {
        final CatalogSnapshot catalog = grid.models().current().catalog();
        if (catalog != boundTo)
        {
            publish(catalog);
        }
    }

    private void publish(final CatalogSnapshot catalog)
    {
        final List<Segment> segments = new ArrayList<>(known.size());
        for (final Map.Entry<String, Known> entry : known.entrySet())
        {
            segments.add(entry.getValue().spec().bind(entry.getKey(), catalog));
        }
        boundTo = catalog;
        current = new Segments(segments);
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
    }
}
