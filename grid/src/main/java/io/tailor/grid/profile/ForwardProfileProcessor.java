package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.cluster.MemberContext;
import io.tailor.grid.serialization.GridSerialization;
import io.tailor.scoring.profile.ProfileCodec;

import java.io.IOException;
import java.util.Map;

/**
 * Turns the profile of an id being linked to a customer into a forward record, on its owner, in one step: from
 * then on events and reads of the id go to the customer's profile. The profile it held is carried in the
 * forward record until its merge is confirmed ({@link ClearPendingProcessor}), so a link interrupted by a
 * failure can be retried without losing it; an id already forwarded to the same customer keeps what it
 * carries, and one forwarded to another customer (a shared device) is re-pointed, its history staying with
 * the first.
 * <p>
 * Returns the profile to merge into the customer's ({@code byte[]}), or {@code null} when there is none.
 */
public final class ForwardProfileProcessor
    implements EntryProcessor<String, byte[], byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private String target;
    private long nowMs;
    private transient MemberContext member;
    private transient byte[] written;

    /** For deserialization. */
    public ForwardProfileProcessor()
    {
    }

    /**
     * Forwarding to a customer's profile.
     *
     * @param target key of the customer's profile.
     * @param nowMs  when.
     */
    public ForwardProfileProcessor(final String target, final long nowMs)
    {
        this.target = target;
        this.nowMs = nowMs;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public byte[] process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (ProfileCodec.isForward(current) && ProfileCodec.forwardTarget(current).equals(target))
        {
            return ProfileCodec.forwardPending(current);
        }
        final long version = current == null ? 1 : ProfileCodec.version(current) + 1;
        final byte[] pending = ProfileCodec.isProfile(current) ? current : null;
        final byte[] forward = ProfileCodec.forward(version, nowMs, target, pending);
        entry.setValue(forward);
        written = forward;
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().remove(entry.getKey());
        }
        return pending;
    }

    @Override
    public EntryProcessor<String, byte[], byte[]> getBackupProcessor()
    {
        final byte[] bytes = written;
        return bytes == null ? null : new SetProfileProcessor<>(bytes);
    }

    @Override
    public int getFactoryId()
    {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return GridSerialization.FORWARD_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(target);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        target = in.readString();
        nowMs = in.readLong();
    }
}
