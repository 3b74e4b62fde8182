package io.tailor.grid.segment;

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
 * The {@code segments} map: segment definitions by id, as JSON text the server parses. Deleted segments leave
 * tombstones so that an older copy in some member's data file never comes back.
 */
public final class SegmentStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "segments";

    private final IMap<String, SegmentDefinition> segments;

    /**
     * Store over a map.
     *
     * @param segments the segments map.
     */
    public SegmentStore(final IMap<String, SegmentDefinition> segments)
    {
        this.segments = segments;
    }

    /**
     * Defines or redefines a segment. Completes on a Hazelcast thread.
     *
     * @param id    segment id.
     * @param json  the definition.
     * @param nowMs when.
     * @return the stored definition.
     */
    public CompletionStage<SegmentDefinition> put(final String id, final String json, final long nowMs)
    {
        return segments.submitToKey(id, new PutSegmentProcessor(json, nowMs));
    }

    /**
     * Deletes a segment. Completes on a Hazelcast thread.
     *
     * @param id    segment id.
     * @param nowMs when.
     * @return the deleted definition, or {@code null} when there was none.
     */
    public CompletionStage<SegmentDefinition> delete(final String id, final long nowMs)
    {
        return segments.submitToKey(id, new PutSegmentProcessor(null, nowMs));
    }

    /**
     * Reads a segment. Completes on a Hazelcast thread.
     *
     * @param id segment id.
     * @return the definition (a tombstone for a deleted one), or {@code null}.
     */
    public CompletionStage<SegmentDefinition> get(final String id)
    {
        return segments.getAsync(id);
    }

    /**
     * Every definition, tombstones included. Blocks.
     *
     * @return definitions by id.
     */
    public Map<String, SegmentDefinition> all()
    {
        final Map<String, SegmentDefinition> copy = new HashMap<>();
        for (final Map.Entry<String, SegmentDefinition> entry : segments.entrySet())
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
    public void listen(final BiConsumer<String, SegmentDefinition> listener)
    {
        segments.addEntryListener(new Listener(listener), true);
    }

    private static final class Listener implements EntryAddedListener<String, SegmentDefinition>,
        EntryUpdatedListener<String, SegmentDefinition>, EntryMergedListener<String, SegmentDefinition>
    {
        private final BiConsumer<String, SegmentDefinition> listener;

        Listener(final BiConsumer<String, SegmentDefinition> listener)
        {
            this.listener = listener;
        }

        @Override
        public void entryAdded(final EntryEvent<String, SegmentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(final EntryEvent<String, SegmentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        /** A split brain's losing side's entry, kept by the merge policy: as much a change as an update. */
        @Override
        public void entryMerged(final EntryEvent<String, SegmentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }
    }
}
