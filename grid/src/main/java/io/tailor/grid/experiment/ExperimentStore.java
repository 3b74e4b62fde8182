package io.tailor.grid.experiment;

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
 * The {@code experiments} map: experiment definitions by id, as JSON text the server parses. Deleted experiments
 * leave tombstones so that an older copy in some member's data file never comes back.
 */
public final class ExperimentStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "experiments";

    private final IMap<String, ExperimentDefinition> experiments;

    /**
     * Store over a map.
     *
     * @param experiments the experiments map.
     */
    public ExperimentStore(final IMap<String, ExperimentDefinition> experiments)
    {
        this.experiments = experiments;
    }

    /**
     * Defines, redefines, stops or deletes an experiment (see {@link PutExperimentProcessor}). Completes on a
     * Hazelcast thread.
     *
     * @param id     experiment id.
     * @param action what to do.
     * @param json   the definition for a put, else {@code null}.
     * @param nowMs  when.
     * @return what {@link PutExperimentProcessor} answers.
     */
    public CompletionStage<ExperimentDefinition> change(final String id, final PutExperimentProcessor.Action action,
        final String json, final long nowMs)
    {
        return experiments.submitToKey(id, new PutExperimentProcessor(action, json, nowMs));
    }

    /**
     * Reads an experiment. Completes on a Hazelcast thread.
     *
     * @param id experiment id.
     * @return the definition (a tombstone for a deleted one), or {@code null}.
     */
    public CompletionStage<ExperimentDefinition> get(final String id)
    {
        return experiments.getAsync(id);
    }

    /**
     * Every definition, tombstones included. Blocks.
     *
     * @return definitions by id.
     */
    public Map<String, ExperimentDefinition> all()
    {
        final Map<String, ExperimentDefinition> copy = new HashMap<>();
        for (final Map.Entry<String, ExperimentDefinition> entry : experiments.entrySet())
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
    public void listen(final BiConsumer<String, ExperimentDefinition> listener)
    {
        experiments.addEntryListener(new Listener(listener), true);
    }

    private static final class Listener implements EntryAddedListener<String, ExperimentDefinition>,
        EntryUpdatedListener<String, ExperimentDefinition>, EntryMergedListener<String, ExperimentDefinition>
    {
        private final BiConsumer<String, ExperimentDefinition> listener;

        Listener(final BiConsumer<String, ExperimentDefinition> listener)
        {
            this.listener = listener;
        }

        @Override
        public void entryAdded(final EntryEvent<String, ExperimentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        @Override
        public void entryUpdated(final EntryEvent<String, ExperimentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }

        /** A split brain's losing side's entry, kept by the merge policy: as much a change as an update. */
        @Override
        public void entryMerged(final EntryEvent<String, ExperimentDefinition> event)
        {
            listener.accept(event.getKey(), event.getValue());
        }
    }
}
