package io.tailor.grid.catalog;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.tailor.scoring.catalog.Product;

import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The {@code catalog} map as the server sees it: upsert, read and remove products.
 * <p>
 * Reads of single products go to the grid (the source of truth), so a product is readable the moment its
 * upload is acknowledged. Recommendations and event updates read each member's local snapshot: an upload or
 * removal completes only once the node that made it and every grid member show the change (the view given
 * here does both), so an event sent to any node after the upload answered is applied with the product's
 * category, brand and vector. A member that does not answer in time follows within its refresh interval.
 */
public final class CatalogStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "catalog";

    private final IMap<String, CatalogEntry> catalog;
    private final LocalView view;
    private final PartitionService partitions;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    /**
     * Store over a map.
     *
     * @param catalog    the catalog map.
     * @param view       this node's local view, shown every change this node makes.
     * @param partitions the grid's partition service, to send each partition its own products.
     * @param clock      the time a product new to the catalog was launched, when its upload does not say.
     */
    public CatalogStore(final IMap<String, CatalogEntry> catalog, final LocalView view,
        final PartitionService partitions, final Clock clock)
    {
        this.catalog = catalog;
        this.view = view;
        this.partitions = partitions;
        this.clock = clock;
    }

    /**
     * The node's local view of the catalog (mirror and snapshot), told about writes this node made so it
     * need not wait for their map events.
     */
    @FunctionalInterface
    public interface LocalView
    {
        /**
         * Shows stored entries (tombstones included) in the local view.
         *
         * @param written entries now in the map, by product id.
         * @return completes once recommendations on this node see them.
         */
        CompletionStage<Void> show(Map<String, CatalogEntry> written);
    }

    /**
     * Inserts or replaces products. A product without a launch time keeps the one it has, or gets now when it is
     * new to the catalog ({@link UpsertProductsProcessor}).
     *
     * @param products validated products, ids unique.
     * @return completes when every product is stored with its backup and this node's recommendations see
     *     it; fails only when storing failed.
     */
    public CompletionStage<Void> upsert(final List<Product> products)
    {
        final long nowMs = clock.millis();
        // One operation per partition with only its products, as the item-stats merges do (ModelRefresher).
        final Map<Integer, Map<String, CatalogEntry>> byPartition = new HashMap<>();
        for (final Product product : products)
        {
            byPartition.computeIfAbsent(partitions.getPartition(product.id()).getPartitionId(),
                p -> new HashMap<>()).put(product.id(), new CatalogEntry(product, nextVersion()));
        }
        final Map<String, CatalogEntry> stored = new ConcurrentHashMap<>(products.size() * 2);
        final CompletableFuture<?>[] writes = new CompletableFuture<?>[byPartition.size()];
        int n = 0;
        for (final Map<String, CatalogEntry> uploaded : byPartition.values())
        {
            writes[n++] = catalog.submitToKeys(uploaded.keySet(), new UpsertProductsProcessor(uploaded, nowMs))
                .thenAccept(stored::putAll).toCompletableFuture();
        }
        return CompletableFuture.allOf(writes).thenCompose(ignored -> shown(stored));
    }

    /**
     * Reads one product. The stage completes on a Hazelcast thread: continue with an async method and
     * your own executor.
     *
     * @param id product id.
     * @return the entry, or {@code null} when absent; a removed product's entry is a tombstone
     *     ({@link CatalogEntry#removed()}).
     */
    public CompletionStage<CatalogEntry> get(final String id)
    {
        return catalog.getAsync(id);
    }

    /**
     * Removes one product, leaving a tombstone. The stage completes on a Hazelcast thread.
     *
     * @param id product id.
     * @return the removed entry, or {@code null} when there was none.
     */
    public CompletionStage<CatalogEntry> remove(final String id)
    {
        final long version = nextVersion();
        return catalog.submitToKey(id, new RemoveProductProcessor(version)).thenCompose(old ->
            old == null ? CompletableFuture.completedFuture(null) :
                shown(Map.of(id, CatalogEntry.tombstone(version))).thenApply(ignored -> old));
    }

    /** The local view's stage; a failure there does not undo the write, so it completes normally. */
    private CompletionStage<Void> shown(final Map<String, CatalogEntry> written)
    {
        return view.show(written).handle((ignored, error) -> null);
    }

    /**
     * Number of products in the cluster.
     *
     * @return the size of the map.
     */
    public int size()
    {
        return catalog.size();
    }

    /**
     * A version larger than any this node gave before and, across nodes, ordered by wall-clock time.
     */
    private long nextVersion()
    {
        final long candidate = System.currentTimeMillis() * 1_000L;
        return sequence.accumulateAndGet(candidate, (previous, now) -> Math.max(previous + 1, now));
    }
}
