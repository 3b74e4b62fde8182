package io.tailor.grid.recovery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.persist.StoredValues;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Puts copies of entries (read from a member's data files at start, or from the losing side of a split
 * brain) into a map where they are newer than what it holds: the higher {@link StoredValues#version} wins.
 * <p>
 * The decision depends only on the two values, so the backup replica makes the same one with the same
 * processor. A profile written on the owner also goes to the owner's replica.
 */
public final class MergeIfNewerProcessor
    implements EntryProcessor<Object, Object, Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private Map<Object, Object> candidates;
    private transient MemberContext member;

    /** For deserialization. */
    public MergeIfNewerProcessor()
    {
    }

    /**
     * Processor for a batch of copies.
     *
     * @param candidates value by key; the processor uses only the entry of the key it runs on.
     */
    public MergeIfNewerProcessor(final Map<Object, Object> candidates)
    {
        this.candidates = candidates;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Boolean process(final Map.Entry<Object, Object> entry)
    {
        final Object candidate = candidates.get(entry.getKey());
        final Object current = entry.getValue();
        if (candidate == null || (current != null && StoredValues.version(current) >= StoredValues.version(candidate)))
        {
            return Boolean.FALSE;
        }
        entry.setValue(candidate);
        final MemberContext context = member;
        if (candidate instanceof byte[] bytes && context != null)
        {
            context.replica().putIfOwner((String)entry.getKey(), bytes);
        }
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<Object, Object, Boolean> getBackupProcessor()
    {
        return new MergeIfNewerProcessor(candidates);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.MERGE_IF_NEWER;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeInt(candidates.size());
        for (final Map.Entry<Object, Object> candidate : candidates.entrySet())
        {
            out.writeObject(candidate.getKey());
            out.writeObject(candidate.getValue());
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        final int count = in.readInt();
        candidates = new HashMap<>(count * 2);
        for (int i = 0; i < count; i++)
        {
            candidates.put(in.readObject(), in.readObject());
        }
    }
}
