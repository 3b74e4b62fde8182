package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.TombstoneRecord;

import java.io.IOException;
import java.util.Map;

/**
 * Retention: replaces a profile idle since before a cutoff (no event, consent or preference change) by a
 * tombstone, like an erasure. A record holding only a withdrawn personalization consent is kept: it is what
 * keeps the shopper's objection honoured. Forward records go with their customer's erasure. Returns the
 * tombstone's version for an expired profile, else {@code null}.
 */
public final class ExpireIdleProcessor
    implements EntryProcessor<String, byte[], Long>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private long cutoffMs;
    private long nowMs;
    private transient MemberContext member;

    /** For deserialization. */
    public ExpireIdleProcessor()
    {
    }

    /**
     * Expiry of profiles idle since before a time.
     *
     * @param cutoffMs profiles whose latest change is older than this expire.
     * @param nowMs    time of the expiry.
     */
    public ExpireIdleProcessor(final long cutoffMs, final long nowMs)
    {
        this.cutoffMs = cutoffMs;
        this.nowMs = nowMs;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Long process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (!ProfileCodec.isProfile(current) || ProfileCodec.updatedAtMs(current) >= cutoffMs ||
            !ProfileFlags.personalization(ProfileCodec.flags(current)))
        {
            return null;
        }
        final long version = ProfileCodec.version(current) + 1;
        final byte[] tombstone = TombstoneRecord.encode(version, nowMs);
        entry.setValue(tombstone);
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().remove(entry.getKey());
        }
        return version;
    }

    /**
     * The same processor: it runs over whole partitions, and a backup holds the same records, so it makes the
     * same decisions.
     *
     * @return this.
     */
    @Override
    public EntryProcessor<String, byte[], Long> getBackupProcessor()
    {
        return this;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.EXPIRE_IDLE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(cutoffMs);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        cutoffMs = in.readLong();
        nowMs = in.readLong();
    }
}
