package io.tailor.grid.experiment;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link ExperimentDefinition} between members: the same binary form as in the data files.
 */
public final class ExperimentDefinitionSerializer implements StreamSerializer<ExperimentDefinition>
{
    @Override
    public void write(final ObjectDataOutput out, final ExperimentDefinition definition) throws IOException
    {
        out.writeByteArray(definition.encode());
    }

    @Override
    public ExperimentDefinition read(final ObjectDataInput in) throws IOException
    {
        return ExperimentDefinition.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.EXPERIMENT_DEFINITION_TYPE;
    }
}
