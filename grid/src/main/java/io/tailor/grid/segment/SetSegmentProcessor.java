package io.tailor.grid.segment;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.GridSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * Stores a segment definition as decided on the owner: the backup side of {@link PutSegmentProcessor}.
 */
public final class SetSegmentProcessor
    implements EntryProcessor<String, SegmentDefinition, SegmentDefinition>, IdentifiedDataSerializable
{
    private SegmentDefinition definition;

    /** For deserialization. */
    public SetSegmentProcessor()
    {
    }

    /**
     * Processor that stores a definition.
     *
     * @param definition the definition.
     */
    public SetSegmentProcessor(final SegmentDefinition definition)
    {
        this.definition = definition;
    }

    @Override
    public SegmentDefinition process(final Map.Entry<String, SegmentDefinition> entry)
    {
        entry.setValue(definition);
        return null;
    }

    @Override
    public EntryProcessor<String, SegmentDefinition, SegmentDefinition> getBackupProcessor()
    {
        return this;
    }

    @Override
    public int getFactoryId()
    {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return GridSerialization.SET_SEGMENT;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(definition.encode());
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        definition = SegmentDefinition.decode(in.readByteArray());
    }
}
