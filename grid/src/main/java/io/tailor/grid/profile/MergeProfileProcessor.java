package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;

/**
 * Merges the profile of a linked id (an anonymous id or a loyalty card) into the customer's, on the customer
 * profile's owner. Idempotent per merge key: a merge retried after a failure changes nothing the second
 * time. Returns {@code Boolean.TRUE} when merged, {@code Boolean.FALSE} when this merge was done before.
 */
public final class MergeProfileProcessor extends ProfileChangeProcessor
{
    private byte[] source;
    private long mergeKey;
    private long nowMs;

    /** For deserialization. */
    public MergeProfileProcessor()
    {
    }

    /**
     * A merge.
     *
     * @param source   binary form of the profile merged in.
     * @param mergeKey key identifying this merge (the linked id and the merged profile's version).
     * @param nowMs    when.
     */
    public MergeProfileProcessor(final byte[] source, final long mergeKey, final long nowMs)
    {
        this.source = source;
        this.mergeKey = mergeKey;
        this.nowMs = nowMs;
    }

    @Override
    protected Object change(final Profile profile, final MemberContext context)
    {
        final Profile from = ProfileCodec.decode(source, context.scratchSource());
        return context.merger().merge(profile, from, mergeKey, nowMs) == ProfileUpdater.Outcome.APPLIED;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.MERGE_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(source);
        out.writeLong(mergeKey);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        source = in.readByteArray();
        mergeKey = in.readLong();
        nowMs = in.readLong();
    }
}
