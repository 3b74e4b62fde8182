package io.tailor.grid.serialization;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.scoring.model.ItemStats;

import java.io.IOException;

/**
 * Binary form of {@link ItemStats}: three decayed sums, their time and the interaction count.
 */
public final class ItemStatsSerializer implements StreamSerializer<ItemStats>
{
    @Override
    public void write(final ObjectDataOutput out, final ItemStats stats) throws IOException
    {
        out.writeDouble(stats.views());
        out.writeDouble(stats.carts());
        out.writeDouble(stats.purchases());
        out.writeLong(stats.atMs());
        out.writeLong(stats.interactions());
    }

    @Override
    public ItemStats read(final ObjectDataInput in) throws IOException
    {
        return new ItemStats(in.readDouble(), in.readDouble(), in.readDouble(), in.readLong(), in.readLong());
    }

    @Override
    public int getTypeId()
    {
        return GridSerialization.ITEM_STATS_TYPE;
    }
}
