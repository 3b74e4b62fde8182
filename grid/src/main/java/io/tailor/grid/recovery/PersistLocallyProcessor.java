package io.tailor.grid.recovery;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.serialization.TypeIds;

import java.util.Map;

/**
 * Writes the entries of a partition to the data files of the member that owns it: run when a member
 * becomes owner of a partition, so that the latest value of every entry is on the current owner's disk
 * even if the former owner leaves the cluster for good.
 */
public final class PersistLocallyProcessor
    implements EntryProcessor<Object, Object, Object>, IdentifiedDataSerializable, HazelcastInstanceAware, ReadOnly
{
    private transient MemberContext member;

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<Object, Object> entry)
    {
        final MemberContext context = member;
        final Object value = entry.getValue();
        if (value != null && context != null && context.files() != null)
        {
            context.files().write(entry.getKey(), value);
        }
        return null;
    }

    @Override
    public EntryProcessor<Object, Object, Object> getBackupProcessor()
    {
        return null;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PERSIST_LOCALLY;
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
