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
 * Copies every impression record of one partition ({@link PartitionImpressions}, the partition's one entry of the
 * {@code impressions} map) into the owner's {@link ProfileReplica}, run by {@link ReplicaFiller} on the partition's
 * thread, so no batch of that partition interleaves with it. Reads only: no backup, nothing changes in the grid.
 * Returns nothing.
 */
public final class FillImpressionsReplicaProcessor implements EntryProcessor<String, PartitionImpressions, Object>,
    IdentifiedDataSerializable, HazelcastInstanceAware, ReadOnly
{
    private transient MemberContext member;

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<String, PartitionImpressions> entry)
    {
        final MemberContext context = member;
        final PartitionImpressions records = entry.getValue();
        if (context == null || records == null)
        {
            return null;
        }
        // Every shopper of the entry is in the entry key's partition: found once, not once per shopper (each
        // lookup serializes and hashes a key).
        final ProfileReplica replica = context.replica();
        final int partition = replica.partitionOf(entry.getKey());
        if (partition >= 0)
        {
            records.forEach((shopper, bytes) -> replica.putImpressions(shopper, partition, bytes));
        }
        return null;
    }

    @Override
    public EntryProcessor<String, PartitionImpressions, Object> getBackupProcessor()
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
        return TypeIds.FILL_IMPRESSIONS_REPLICA;
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
