package io.tailor.grid.persist;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.cluster.MemberContext;
import io.tailor.grid.serialization.GridSerialization;
import io.tailor.scoring.profile.ProfileCodec;

import java.io.IOException;
import java.util.concurrent.Callable;

/**
 * Sent to every member after an erasure: removes any older copy of the profile from the member's data
 * file (a copy a former owner wrote). The tombstone itself, at the erasure's version, stays.
 * Returns whether this member's file held an older copy.
 */
public final class PurgeProfileTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private String key;
    private long tombstoneVersion;
    private transient MemberContext member;

    /** For deserialization. */
    public PurgeProfileTask()
    {
    }

    /**
     * Purge of one profile.
     *
     * @param key              profile key.
     * @param tombstoneVersion version of the tombstone; stored copies below it go.
     */
    public PurgeProfileTask(final String key, final long tombstoneVersion)
    {
        this.key = key;
        this.tombstoneVersion = tombstoneVersion;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Boolean call()
    {
        final MemberContext context = member;
        if (context == null || context.files() == null)
        {
            return Boolean.FALSE;
        }
        final LocalFile<String> file = context.files().profiles();
        final byte[] stored = file.get(key);
        if (stored != null && ProfileCodec.version(stored) < tombstoneVersion)
        {
            file.remove(key);
            return Boolean.TRUE;
        }
        return Boolean.FALSE;
    }

    @Override
    public int getFactoryId()
    {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return GridSerialization.PURGE_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(key);
        out.writeLong(tombstoneVersion);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        key = in.readString();
        tombstoneVersion = in.readLong();
    }
}
