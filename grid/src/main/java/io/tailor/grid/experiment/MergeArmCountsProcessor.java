package io.tailor.grid.experiment;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;
import io.tailor.scoring.experiment.ShopperSketch;

import java.io.IOException;
import java.util.Map;

/**
 * Adds a node's counts of an experiment arm to the arm's totals on their owner: counts and revenue add, shopper
 * sketches merge by the larger register; the version grows by one. The backup copies the result.
 */
public final class MergeArmCountsProcessor
    implements EntryProcessor<String, ArmCounts, Object>, IdentifiedDataSerializable
{
    private ArmCounts delta;
    private transient ArmCounts written;

    /** For deserialization. */
    public MergeArmCountsProcessor()
    {
    }

    /**
     * A merge.
     *
     * @param delta what a node counted since its last flush.
     */
    public MergeArmCountsProcessor(final ArmCounts delta)
    {
        this.delta = delta;
    }

    @Override
    public Object process(final Map.Entry<String, ArmCounts> entry)
    {
        final ArmCounts current = entry.getValue();
        final long[] counts = delta.counts();
        double revenue = delta.revenue();
        byte[] shoppers = current == null || current.shoppers() == null ? null : current.shoppers().clone();
        byte[] purchasers = current == null || current.purchasers() == null ? null :
            current.purchasers().clone();
        if (current != null)
        {
            for (int i = 0; i < counts.length; i++)
            {
                counts[i] += current.count(i);
            }
            revenue += current.revenue();
        }
        if (delta.shoppers() != null)
        {
            if (shoppers == null)
            {
                shoppers = new byte[ShopperSketch.REGISTERS];
                purchasers = new byte[ShopperSketch.REGISTERS];
            }
            ShopperSketch.merge(shoppers, delta.shoppers());
            ShopperSketch.merge(purchasers, delta.purchasers());
        }
        written = new ArmCounts(current == null ? 1 : current.version() + 1, counts, revenue, shoppers, purchasers);
        entry.setValue(written);
        return null;
    }

    @Override
    public EntryProcessor<String, ArmCounts, Object> getBackupProcessor()
    {
        final ArmCounts result = written;
        return result == null ? null : new SetValueProcessor<>(result);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.MERGE_ARM_COUNTS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(delta.encode());
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        delta = ArmCounts.decode(in.readByteArray());
    }
}
