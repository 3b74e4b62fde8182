package io.tailor.grid.experiment;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.util.Map;

/**
 * Defines, stops or deletes an experiment on its owner: the version grows by one on every change, the creation
 * time survives redefinitions, a deletion leaves a tombstone. A stopped experiment is not redefined (the answer is
 * the stopped definition, unchanged); stopping twice changes nothing. Returns the stored definition, for a
 * deletion the definition that was deleted, and {@code null} when there was nothing to stop or delete.
 */
public final class PutExperimentProcessor
    implements EntryProcessor<String, ExperimentDefinition, ExperimentDefinition>, IdentifiedDataSerializable
{
    /** What a processor does. */
    public enum Action
    {
        /** Define or redefine. */
        PUT,
        /** Stop assigning shoppers, keep the definition. */
        STOP,
        /** Delete, leaving a tombstone. */
        DELETE
    }

    private static final Action[] ACTIONS = Action.values();

    private Action action;
    private String json;
    private long nowMs;
    private transient ExperimentDefinition written;

    /** For deserialization. */
    public PutExperimentProcessor()
    {
    }

    /**
     * A change.
     *
     * @param action what to do.
     * @param json   the definition for {@link Action#PUT}, else {@code null}.
     * @param nowMs  when.
     */
    public PutExperimentProcessor(final Action action, final String json, final long nowMs)
    {
        this.action = action;
        this.json = json;
        this.nowMs = nowMs;
    }

    @Override
    public ExperimentDefinition process(final Map.Entry<String, ExperimentDefinition> entry)
    {
        final ExperimentDefinition current = entry.getValue();
        final boolean exists = current != null && !current.deleted();
        final long version = current == null ? 1 : current.version() + 1;
        final ExperimentDefinition next;
        switch (action)
        {
            case PUT ->
            {
                if (exists && current.stopped())
                {
                    return current;
                }
                next = new ExperimentDefinition(json, version, exists ? current.createdAtMs() : nowMs, nowMs, 0);
            }
            case STOP ->
            {
                if (!exists || current.stopped())
                {
                    return exists ? current : null;
                }
                next = new ExperimentDefinition(current.json(), version, current.createdAtMs(), nowMs, nowMs);
            }
            default ->
            {
                if (!exists)
                {
                    return null;
                }
                next = new ExperimentDefinition(null, version, current.createdAtMs(), nowMs, current.stoppedAtMs());
            }
        }
        entry.setValue(next);
        written = next;
        return action == Action.DELETE ? current : next;
    }

    @Override
    public EntryProcessor<String, ExperimentDefinition, ExperimentDefinition> getBackupProcessor()
    {
        final ExperimentDefinition definition = written;
        return definition == null ? null : new SetValueProcessor<>(definition);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_EXPERIMENT;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByte(action.ordinal());
        out.writeString(json);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        action = ACTIONS[in.readByte()];
        json = in.readString();
        nowMs = in.readLong();
    }
}
