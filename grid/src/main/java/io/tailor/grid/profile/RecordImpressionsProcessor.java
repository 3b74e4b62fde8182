package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.cluster.MemberContext;
import io.tailor.grid.serialization.GridSerialization;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;
import java.util.Map;

/**
 * Counts the products of a list Tailor served as shown to the shopper, on the profile's owner, for the
 * frequency cap.
 * <p>
 * Only an existing profile changes: serving a list to a shopper Tailor knows nothing about (or one erased)
 * creates no profile. The list's id makes a retried delivery count once. Like {@link ApplyEventsProcessor},
 * the backup gets the resulting bytes, and the owner-local replica is updated.
 * <p>
 * Returns whether the impressions were recorded.
 */
public final class RecordImpressionsProcessor
    implements EntryProcessor<String, byte[], Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private long listKey;
    private long atMs;
    private long[] productKeys;
    private transient MemberContext member;
    private transient byte[] written;

    /** For deserialization. */
    public RecordImpressionsProcessor()
    {
    }

    /**
     * Processor for one served list.
     *
     * @param listKey     key of the list's request id.
     * @param atMs        when it was served.
     * @param productKeys keys of the products in it.
     */
    public RecordImpressionsProcessor(final long listKey, final long atMs, final long[] productKeys)
    {
        this.listKey = listKey;
        this.atMs = atMs;
        this.productKeys = productKeys;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Boolean process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (current == null || !ProfileCodec.isProfile(current))
        {
            return Boolean.FALSE;
        }
        final MemberContext context = member;
        final Profile profile = ProfileCodec.decode(current, context.scratchProfile());
        if (context.updater().applyImpressions(profile, listKey, productKeys, productKeys.length, atMs) !=
            ProfileUpdater.Outcome.APPLIED)
        {
            return Boolean.FALSE;
        }
        final byte[] bytes = ProfileCodec.encode(profile);
        entry.setValue(bytes);
        written = bytes;
        context.replica().put(entry.getKey(), bytes);
        return Boolean.TRUE;
    }

    @Override
    public EntryProcessor<String, byte[], Boolean> getBackupProcessor()
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
        return GridSerialization.RECORD_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(listKey);
        out.writeLong(atMs);
        out.writeLongArray(productKeys);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        listKey = in.readLong();
        atMs = in.readLong();
        productKeys = in.readLongArray();
    }
}
