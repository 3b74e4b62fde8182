package io.tailor.server.metrics;

import io.tailor.grid.TailorGrid;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.coverage.CoverageTally;
import io.tailor.scoring.coverage.CoverageWindow;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.util.DistinctSketch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Catalog coverage per placement, cluster-wide: the share of the in-stock catalog that the lists served with
 * impressions recorded showed at least once in the last day ({@code tailor_catalog_coverage_ratio{placement}}).
 * <pre>
 *   event loops ──shown()──► CoverageTally (this node, per placement and hour, lock-free)
 *   tailor-coverage, every REFRESH_INTERVAL_MS:
 *     changed sketches ──MergeCoverageProcessor──► coverage-sketches map (placement/hour, every node's merged)
 *     last 24 hours of each placement ──union──► estimate ÷ in-stock products now ──► cached ratio per placement
 *     once per EXPIRE_INTERVAL_MS: buckets older than 25 hours removed
 * </pre>
 * A scrape reads the cached ratios and does no work. The ratio is an estimate (HyperLogLog, about 1.6 % relative
 * error on the count of products shown); products shown and since gone out of stock or removed still count, so it is
 * capped at 1. What this node counted since its last merge is lost if it crashes.
 */
public final class CatalogCoverage implements AutoCloseable
{
    /** How often this node's sketches are merged into the grid and the ratios recomputed. */
    public static final long REFRESH_INTERVAL_MS = 2_000L;
    /** How often buckets past the window are removed (by every node; removing twice does no harm). */
    public static final long EXPIRE_INTERVAL_MS = 600_000L;

    private static final Logger LOG = LoggerFactory.getLogger(CatalogCoverage.class);
    private static final Placement[] PLACEMENTS = Placement.values();

    private final TailorGrid grid;
    private final Clock clock;
    private final CoverageTally tally = new CoverageTally();
    private final AtomicLongArray ratioBits = new AtomicLongArray(PLACEMENTS.length);
    private final ScheduledExecutorService thread;
    private CatalogSnapshot countedCatalog;
    private int inStock;
    private long lastExpiryMs = Long.MIN_VALUE;

    /**
     * Coverage of a node; call {@link #start()}.
     *
     * @param grid  the grid.
     * @param clock server time, which places lists in their hour.
     */
    public CatalogCoverage(final TailorGrid grid, final Clock clock)
    {
        this.grid = grid;
        this.clock = clock;
        this.thread = DaemonThreads.scheduled("tailor-coverage");
    }

    /**
     * Starts merging and recomputing in the background.
     */
    public void start()
    {
        thread.scheduleWithFixedDelay(this::refresh, REFRESH_INTERVAL_MS, REFRESH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Counts the products of a list served with impressions recorded. Allocation-free and lock-free; called on
     * the event loop.
     *
     * @param placement where the list was served.
     * @param list      the list.
     * @param catalog   the catalog its item indices refer to.
     * @param nowMs     server time of the list.
     */
    public void shown(final Placement placement, final Recommendation list, final CatalogSnapshot catalog,
        final long nowMs)
    {
        tally.shown(placement, list, catalog, nowMs);
    }

    /**
     * The last computed share of a placement; what the gauge reports.
     *
     * @param placement the placement.
     * @return 0 to 1; 0 before the first computation.
     */
    public double ratio(final Placement placement)
    {
        return Double.longBitsToDouble(ratioBits.get(placement.ordinal()));
    }

    /** One round of the background thread: merge, recompute, and now and then expire. */
    private void refresh()
    {
        try
        {
            merge().get(REFRESH_INTERVAL_MS, TimeUnit.MILLISECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            return;
        }
        catch (final ExecutionException | TimeoutException ex)
        {
            // a failed merge was recorded by its own callback and a slow one lands later: the ratios are
            // recomputed from what the grid holds now, and the sketch is sent again in full once it changes
        }
        try
        {
            recompute();
        }
        catch (final RuntimeException ex)
        {
            grid.errors().record(BackgroundErrors.CATALOG_COVERAGE, ex);
        }
    }

    /**
     * Merges every sketch changed since the last call into the grid.
     *
     * @return completion of every merge sent.
     */
    CompletableFuture<Void> merge()
    {
        final List<CompletableFuture<Object>> sent = new ArrayList<>();
        tally.collectChanged((placement, hour, registers) -> sent.add(grid.coverage()
            .merge(placement, hour, registers).toCompletableFuture().whenComplete((ignored, error) ->
            {
                if (error != null)
                {
                    grid.errors().record(BackgroundErrors.CATALOG_COVERAGE, error);
                }
            })));
        return CompletableFuture.allOf(sent.toArray(new CompletableFuture<?>[0]));
    }

    /**
     * Recomputes each placement's share from the grid's buckets and the current catalog, and removes old buckets
     * once per {@link #EXPIRE_INTERVAL_MS}. Blocks on the grid; the background thread only.
     */
    void recompute()
    {
        final long nowMs = clock.millis();
        final long nowHour = CoverageWindow.hourOf(nowMs);
        final int products = inStockProducts();
        final byte[] union = new byte[DistinctSketch.REGISTERS];
        for (final Placement placement : PLACEMENTS)
        {
            Arrays.fill(union, (byte)0);
            for (final Map.Entry<Long, byte[]> bucket : grid.coverage().window(placement, nowHour).entrySet())
            {
                CoverageWindow.addToUnion(union, bucket.getKey(), bucket.getValue(), nowHour);
            }
            ratioBits.set(placement.ordinal(), Double.doubleToRawLongBits(
                CoverageWindow.ratio(DistinctSketch.estimate(union), products)));
        }
        if (lastExpiryMs == Long.MIN_VALUE || nowMs - lastExpiryMs >= EXPIRE_INTERVAL_MS || nowMs < lastExpiryMs)
        {
            lastExpiryMs = nowMs;
            final int removed = grid.coverage().expire(nowHour);
            if (removed > 0)
            {
                LOG.debug("removed {} coverage buckets older than {} hours", removed, CoverageWindow.KEEP_HOURS);
            }
        }
    }

    /** In-stock products of the current catalog, counted again only when the catalog changed. */
    private int inStockProducts()
    {
        final CatalogSnapshot catalog = grid.models().current().catalog();
        if (catalog != countedCatalog)
        {
            int count = 0;
            for (int i = 0, size = catalog.size(); i < size; i++)
            {
                count += catalog.inStock(i) ? 1 : 0;
            }
            inStock = count;
            countedCatalog = catalog;
        }
        return inStock;
    }

    @Override
    public void close()
    {
        // the last scheduled round ends first, so the final merge is the only one running
        DaemonThreads.stop(thread);
        try
        {
            merge().get(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final ExecutionException | TimeoutException | RuntimeException ex)
        {
            LOG.warn("the last coverage sketches could not be merged into the grid: {}", ex.toString());
        }
    }
}
