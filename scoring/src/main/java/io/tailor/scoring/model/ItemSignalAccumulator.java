package io.tailor.scoring.model;

import io.tailor.scoring.profile.ItemSignalHandler;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Folds item signals into per-product {@link ItemStats} in memory: the grid's aggregator uses it to
 * build the deltas it merges into the cluster, and the offline evaluation uses it as the whole model.
 * <p>
 * Not thread safe; one writer.
 */
public final class ItemSignalAccumulator implements ItemSignalHandler, ItemEvidence
{
    private final long halfLifeMs;
    private final Long2ObjectHashMap<ItemStats> stats = new Long2ObjectHashMap<>();

    /**
     * An empty accumulator.
     *
     * @param halfLifeMs popularity half-life.
     */
    public ItemSignalAccumulator(final long halfLifeMs)
    {
        this.halfLifeMs = halfLifeMs;
    }

    @Override
    public void onPopularity(final long productKey, final PopularityKind kind, final double weight, final long atMs)
    {
        ItemStats s = stats.get(productKey);
        if (s == null)
        {
            s = new ItemStats();
            stats.put(productKey, s);
        }
        s.add(kind, weight, atMs, halfLifeMs);
    }

    @Override
    public ItemStats stats(final long productKey)
    {
        return stats.get(productKey);
    }

    /**
     * The accumulated stats by product key; the accumulator keeps no reference to it after {@link #clear()}.
     *
     * @return the live map.
     */
    public Long2ObjectHashMap<ItemStats> statsByProduct()
    {
        return stats;
    }

    /**
     * Whether nothing has been accumulated.
     *
     * @return true when empty.
     */
    public boolean isEmpty()
    {
        return stats.isEmpty();
    }

    /**
     * Takes everything accumulated so far, leaving this accumulator empty.
     *
     * @return a new accumulator holding what this one held.
     */
    public ItemSignalAccumulator drainTo()
    {
        final ItemSignalAccumulator taken = new ItemSignalAccumulator(halfLifeMs);
        taken.stats.putAll(stats);
        stats.clear();
        return taken;
    }
}
