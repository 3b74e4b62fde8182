package io.tailor.grid.promotion;

import com.hazelcast.core.EntryEvent;
import com.hazelcast.map.IMap;
import com.hazelcast.map.listener.EntryAddedListener;
import com.hazelcast.map.listener.EntryMergedListener;
import com.hazelcast.map.listener.EntryUpdatedListener;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.function.BiConsumer;

/**
 * The {@code promotions} map: promotion definitions by id, as JSON text the server parses. Deleted promotions leave
 * tombstones so that an older copy in some member's data file never comes back.
 */
public final class PromotionStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "promotions";
    /** Prefix of a promotion's key in the {@code experiment-counts} map. */
    public static final String COUNTS_PREFIX = "promotion:";

    private final IMap<String, PromotionDefinition> promotions;

    /**
     * Store over a map.
     *
     * @param promotions the promotions map.
     */
    public PromotionStore(final IMap<String, PromotionDefinition> promotions)
    {
        this.promotions = promotions;
    }

    /**
     * Where a promotion's delivered impressions are counted in the {@code experiment-counts} map (as the arm counts'
     * lists): a promotion deleted and defined again under its id starts from zero.
     *
     * @param id          promotion id.
     * @param createdAtMs when the promotion was defined.
     * @return the key.
     */
    public static String countsKey(final String id, final long createdAtMs)
    {
        return COUNTS_PREFIX + id + "@" + createdAtMs;
    }

    /**
     * Defines or redefines a promotion. Completes on a Hazelcast thread.
     *
     * @param id    promotion id.
     * @param json  the definition.
     * @param nowMs when.
     * @return the stored definition.
     */
    public CompletionStage<PromotionDefinition> put(final String id, final String json, final long nowMs)
    {
        return promotions.submitToKey(id, new PutPromotionProcessor(json, nowMs));
    }

    /**
     * Deletes a promotion. Completes on a Hazelcast thread.
     *
     * @param id    promotion id.
     * @param nowMs when.
     * @return the deleted definition, or {@code null} when there was none.
     */
    public CompletionStage<PromotionDefinition> delete(final String id, final long nowMs)
    {
        return promotions.submitToKey(id, new PutPromotionProcessor(null, nowMs));
    }

    /**
     * Reads a promotion. Completes on a Hazelcast thread.
     *
     * @param id promotion id.
     * @return the definition (a tombstone for a deleted one), or {@code null}.
     */
    public CompletionStage<PromotionDefinition> get(final String id)
    {
        return promotions.getAsync(id);
    }

    /**
     * Every definition, tombstones included. Blocks.
     *
     * @return definitions by id.
     */
    public Map<String, PromotionDefinition> all()
    {
        final Map<String, PromotionDefinition> copy = new HashMap<>();
        for (final Map.Entry<String, PromotionDefinition> entry : promotions.entrySet())
        {
            copy.put(entry.getKey(), entry.getValue());
        }
        return copy;
    }

    /**
     * Hears of every change anywhere in the cluster (tombstones for deletions), on a Hazelcast event thread.
     *
     * @param listener receives the id and the new definition.
     */
    public void listen(final BiConsumer<String, PromotionDefinition> listener)
    {
        promotions.addEntryListener(new Listener(listener), true);
    }

    private static final class Listener implements EntryAddedListener<String, PromotionDefinition>,
        EntryUpdatedListener<String, PromotionDefinition>, EntryMergedListener<String, PromotionDefinition>
    {
        private final BiConsumer<String, PromotionDefinition> listener;

        Listener(final BiConsumer<String, PromotionDefinition> listener)
        {
            this.listener = listener;
        }

        @Override
        public void entryAdded(final EntryEvent<String, PromotionDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(final EntryEvent<String, PromotionDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        /** A split brain's losing side's entry, kept by the merge policy: as much a change as an update. */
        @Override
        public void entryMerged(final EntryEvent<String, PromotionDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }
    }
}
