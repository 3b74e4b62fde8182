package io.tailor.scoring.model;

import org.agrona.collections.Long2ObjectHashMap;

/**
 * Folds item signals (interactions and pairs) into per-product {@link ItemStats} in memory: the grid's
 * aggregator uses it to build the deltas it merges into the cluster, and the offline evaluation uses it
 * as the whole model.
 * <p>
 * Not thread safe; one writer.
 */
public final class ItemSignalAccumulator implements ItemSignalHandler, ItemEvidence
{
    private final ModelSettings settings;
    private final long halfLifeMs;
    private final long cooccurrenceHalfLifeMs;
    private final Long2ObjectHashMap<ItemStats> stats = new Long2ObjectHashMap<>();

    /**
     * An empty accumulator with default settings but the popularity half-life.
     *
     * @param halfLifeMs popularity half-life.
     */
    public ItemSignalAccumulator(final long halfLifeMs)
    {
        this(withPopularityHalfLife(halfLifeMs));
    }

    /**
     * An empty accumulator.
     *
     * @param settings model settings: half-lives, pair weights, neighbour capacity.
     */
    public ItemSignalAccumulator(final ModelSettings settings)
    {
        this.settings = settings;
        this.halfLifeMs = settings.popularityHalfLifeMs();
        this.cooccurrenceHalfLifeMs = settings.cooccurrenceHalfLifeMs();
    }

    private static ModelSettings withPopularityHalfLife(final long halfLifeMs)
    {
        final ModelSettings d = ModelSettings.DEFAULT;
        return new ModelSettings(java.time.Duration.ofMillis(halfLifeMs), d.popularityWeights(), d.topPerCategory(),
            d.topGlobal(), d.cooccurrenceHalfLife(), d.cooccurrenceWeights(), d.neighborCapacity(), d.neighborsKept(),
            d.factors());
    }

    @Override
    public void onPopularity(final long productKey, final PopularityKind kind, final double weight, final long atMs)
    {
        statsOf(productKey).add(kind, weight, atMs, halfLifeMs);
    }

    @Override
    public void onCooccurrence(final long productKey, final long otherKey, final CooccurrenceKind kind,
        final long atMs)
    {
        final CooccurrenceWeights weights = settings.cooccurrenceWeights();
        final double together = weights.together(kind);
        final double bought = weights.bought(kind);
        final int capacity = settings.neighborCapacity();
        statsOf(productKey).addPair(otherKey, together, bought, atMs, cooccurrenceHalfLifeMs, capacity);
        statsOf(otherKey).addPair(productKey, together, bought, atMs, cooccurrenceHalfLifeMs, capacity);
    }

    /**
     * Adds a transition to the earlier product's row of followers, weighted {@code 1 / steps}: the product viewed
     * just before counts fully, older ones less (as in the sequential rules of Ludewig and Jannach, 2018).
     */
    @Override
    public void onTransition(final long fromKey, final long toKey, final int steps, final long atMs)
    {
        if (steps < 1 || fromKey == toKey)
        {
            return;
        }
        statsOf(fromKey).addTransition(toKey, 1.0 / steps, atMs, cooccurrenceHalfLifeMs,
            settings.neighborCapacity());
    }

    @Override
    public void onTimeToPurchase(final long productKey, final long delayMs, final long atMs)
    {
        statsOf(productKey).addTimeToPurchase(delayMs);
    }

    @Override
    public void onShown(final long productKey, final int placement, final long atMs)
    {
        statsOf(productKey).addShown(1, placement, atMs);
    }

    @Override
    public void onClicked(final long productKey, final int placement, final long atMs)
    {
        statsOf(productKey).addClick(placement, atMs);
    }

    private ItemStats statsOf(final long productKey)
    {
        ItemStats s = stats.get(productKey);
        if (s == null)
        {
            s = new ItemStats();
            stats.put(productKey, s);
        }
        return s;
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
        final ItemSignalAccumulator taken = new ItemSignalAccumulator(settings);
        taken.stats.putAll(stats);
        stats.clear();
        return taken;
    }
}
