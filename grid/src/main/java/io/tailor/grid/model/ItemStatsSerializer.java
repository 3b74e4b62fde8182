package io.tailor.grid.model;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ItemStatsCodec;

import java.io.IOException;

/**
 * {@link ItemStats} between members: the same binary form as in the data files ({@link ItemStatsCodec}).
 */
public final class ItemStatsSerializer implements StreamSerializer<ItemStats>
{
    @Override
    public void write(final ObjectDataOutput out, final ItemStats stats) throws IOException
    {
        out.writeByteArray(ItemStatsCodec.encode(stats));
    }

    @Override
    public ItemStats read(final ObjectDataInput in) throws IOException
    {
        return ItemStatsCodec.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.ITEM_STATS_TYPE;
    }
}
