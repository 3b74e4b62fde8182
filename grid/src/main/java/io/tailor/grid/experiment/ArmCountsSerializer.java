package io.tailor.grid.experiment;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link ArmCounts} between members: the same binary form as in the data files.
 */
public final class ArmCountsSerializer implements StreamSerializer<ArmCounts>
{
    @Override
    public void write(final ObjectDataOutput out, final ArmCounts counts) throws IOException
    {
        out.writeByteArray(counts.encode());
    }

    @Override
    public ArmCounts read(final ObjectDataInput in) throws IOException
    {
        return ArmCounts.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.ARM_COUNTS_TYPE;
    }
}
