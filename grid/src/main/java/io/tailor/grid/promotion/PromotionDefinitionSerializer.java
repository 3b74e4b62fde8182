package io.tailor.grid.promotion;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link PromotionDefinition} between members: the same binary form as in the data files.
 */
public final class PromotionDefinitionSerializer implements StreamSerializer<PromotionDefinition>
{
    @Override
    public void write(final ObjectDataOutput out, final PromotionDefinition definition) throws IOException
    {
        out.writeByteArray(definition.encode());
    }

    @Override
    public PromotionDefinition read(final ObjectDataInput in) throws IOException
    {
        return PromotionDefinition.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.PROMOTION_DEFINITION_TYPE;
    }
}
