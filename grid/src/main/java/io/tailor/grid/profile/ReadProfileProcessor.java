package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;

import java.util.Map;

/**
 * Reads a profile's binary form on its owner and, on the way, puts it into the owner's
 * {@link ProfileReplica} so the owner's next read of it needs no partition thread.
 * <p>
 * It runs on the partition thread, after every update queued before it, so what it puts is current.
 * An erased shopper's tombstone reads as no profile; a forward record (the id was linked to a customer) is
 * returned as it is, for the caller to follow, and kept in the replica like a profile.
 * <p>
 * The shopper's impression record ({@link ImpressionStore}) lives in the same partition: when this owner has one
 * at hand, the profile returned carries its counts laid over the profile's own, so a reader on another node
 * applies the frequency cap without a second read. The stored profile does not change.
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
        final MemberContext context = member;
        if (context == null)
        {
            return ForwardRecord.isForward(bytes) || ProfileCodec.isProfile(bytes) ? bytes : null;
        }
        context.replica().put(entry.getKey(), bytes);
        if (!ProfileCodec.isProfile(bytes))
        {
            return ForwardRecord.isForward(bytes) ? bytes : null;
        }
        final byte[] impressions = context.replica().lookupImpressions(entry.getKey());
        if (!ImpressionRecord.isRecord(impressions))
        {
            return bytes;
        }
        final Profile profile = ProfileCodec.decode(bytes, context.scratchProfile());
        ImpressionRecord.overlay(impressions, profile, System.currentTimeMillis(),
            context.updater().impressionWindowMs());
        return ProfileCodec.encode(profile);
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
