package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.util.Map;

/**
 * Copies every record of one partition of the {@code profiles} map into the owner's {@link ProfileReplica}
 * ({@link FillImpressionsReplicaProcessor} does the same for the impression records), run by {@link ReplicaFiller}
 * as one partition-wide operation on the partition's thread, so no write of that partition interleaves with it.
 * Reads only: no backup, nothing changes in the grid. Returns nothing.
 */
public final class FillReplicaProcessor
    implements EntryProcessor<String, byte[], Object>, IdentifiedDataSerializable, HazelcastInstanceAware, ReadOnly
{
    private transient MemberContext member;

    /** For deserialization. */
    public FillReplicaProcessor()
    {
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<String, byte[]> entry)
    {
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().put(entry.getKey(), entry.getValue());
        }
        return null;
    }

    @Override
    public EntryProcessor<String, byte[], Object> getBackupProcessor()
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
        return TypeIds.FILL_REPLICA;
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
