package io.tailor.grid.persist;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.spi.merge.MergingValue;
import com.hazelcast.spi.merge.SplitBrainMergePolicy;

/**
 * Split-brain healing for Tailor's maps: when two sub-clusters merge, of two copies of an entry the one
 * with the higher {@link StoredValues#version} survives (the profile version, the catalog entry version,
 * the item's interaction count). Changes made only on the side whose copy loses are lost; for a profile
 * that is the side where the shopper was less active, for a tombstone never (an erasure is always newer
 * than the profile it erased).
 */
public final class HigherVersionMergePolicy
    implements SplitBrainMergePolicy<Object, MergingValue<Object>, Object>
{
    @Override
    public Object merge(final MergingValue<Object> mergingValue, final MergingValue<Object> existingValue)
    {
        if (existingValue == null)
        {
            return mergingValue.getRawValue();
        }
        if (mergingValue == null)
        {
            return existingValue.getRawValue();
        }
        final Object merging = mergingValue.getDeserializedValue();
        final Object existing = existingValue.getDeserializedValue();
        if (existing == null)
        {
            return mergingValue.getRawValue();
        }
        if (merging == null)
        {
            return existingValue.getRawValue();
        }
        return StoredValues.version(merging) > StoredValues.version(existing) ?
            mergingValue.getRawValue() : existingValue.getRawValue();
    }

    @Override
    public void writeData(final ObjectDataOutput out)
    {
    }

    @Override
    public void readData(final ObjectDataInput in)
    {
    }
}
