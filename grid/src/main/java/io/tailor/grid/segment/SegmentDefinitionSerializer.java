package io.tailor.grid.segment;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link SegmentDefinition} between members: the same binary form as in the data files.
 */
public final class SegmentDefinitionSerializer implements StreamSerializer<SegmentDefinition>
{
    @Override
    public void write(final ObjectDataOutput out, final SegmentDefinition definition) throws IOException
    {
        out.writeByteArray(definition.encode());
    }

    @Override
    public SegmentDefinition read(final ObjectDataInput in) throws IOException
    {
        return SegmentDefinition.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.SEGMENT_DEFINITION_TYPE;
    }
}
