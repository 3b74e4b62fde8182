package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ProfileCodec;

import java.util.Map;

/**
 * Reads a profile's binary form on its owner and, on the way, puts it into the owner's
 * {@link ProfileReplica} so the owner's next read of it needs no partition thread.
 * <p>
 * It runs on the partition thread, after every update queued before it, so what it puts is current.
 * An erased shopper's tombstone reads as no profile; a forward record (the id was linked to a customer) is
 * returned as it is, for the caller to follow, and never put into the replica.
 */
public final class ReadProfileProcessor
    implements EntryProcessor<String, byte[], byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware, ReadOnly
{
    private transient MemberContext member;

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public byte[] process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] bytes = entry.getValue();
        if (ProfileCodec.isForward(bytes))
        {
            return bytes;
        }
        if (!ProfileCodec.isProfile(bytes))
        {
            return null;
        }
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().put(entry.getKey(), bytes);
        }
        return bytes;
    }

    @Override
    public EntryProcessor<String, byte[], byte[]> getBackupProcessor()
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
        return TypeIds.READ_PROFILE;
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
