package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.util.Map;

/**
 * Removes a shopper's impression record on its owner and backup (erasure, withdrawn consent, an id linked to a
 * customer), and from the owner's replica. Returns the record removed, or {@code null}.
 */
public final class ClearImpressionsProcessor
    implements EntryProcessor<String, byte[], Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private transient MemberContext member;

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] removed = entry.getValue();
        if (removed != null)
        {
            entry.setValue(null);
        }
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().putImpressions(entry.getKey(), null);
        }
        return removed;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.CLEAR_IMPRESSIONS;
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
