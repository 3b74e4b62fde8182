package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;

import java.io.IOException;
import java.util.Map;

/**
 * Drops the profile a forward record carries once its merge into the customer's profile is confirmed, so the
 * linked id holds nothing but the pointer. Only the merge that was confirmed is dropped: the record must still
 * forward to the same customer and carry a profile of the same version.
 */
public final class ClearPendingProcessor extends ProfileWriteProcessor<Boolean>
{
    private String target;
    private long pendingVersion;

    /** For deserialization. */
    public ClearPendingProcessor()
    {
    }

    /**
     * Clearing a confirmed merge.
     *
     * @param target         key of the customer's profile.
     * @param pendingVersion version of the merged profile.
     */
    public ClearPendingProcessor(final String target, final long pendingVersion)
    {
        this.target = target;
        this.pendingVersion = pendingVersion;
    }

    @Override
    public Boolean process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (!ForwardRecord.isForward(current) || !ForwardRecord.target(current).equals(target))
        {
            return Boolean.FALSE;
        }
        final byte[] pending = ForwardRecord.pending(current);
        if (pending == null || ProfileCodec.version(pending) != pendingVersion)
        {
            return Boolean.FALSE;
        }
        write(entry, ForwardRecord.encode(ProfileCodec.version(current) + 1, ForwardRecord.linkedAtMs(current),
            target, null));
        return Boolean.TRUE;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.CLEAR_PENDING;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(target);
        out.writeLong(pendingVersion);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        target = in.readString();
        pendingVersion = in.readLong();
    }
}
