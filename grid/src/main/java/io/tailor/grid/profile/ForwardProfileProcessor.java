package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ForwardRecord;
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
public final class ForwardProfileProcessor extends ProfileWriteProcessor<byte[]>
{
    private String target;
    private long nowMs;

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
    public byte[] process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (ForwardRecord.isForward(current) && ForwardRecord.target(current).equals(target))
        {
            return ForwardRecord.pending(current);
        }
        final long version = current == null ? 1 : ProfileCodec.version(current) + 1;
        final byte[] pending = ProfileCodec.isProfile(current) ? current : null;
        write(entry, ForwardRecord.encode(version, nowMs, target, pending));
        return pending;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.FORWARD_PROFILE;
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
