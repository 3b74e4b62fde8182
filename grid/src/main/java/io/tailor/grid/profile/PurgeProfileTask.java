package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.persist.LocalFile;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ProfileCodec;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * Sent to every member after an erasure: removes any older copy of the erased profiles (and, for a customer,
 * of their identity links) from the member's data files: copies a former owner wrote. The tombstones
 * themselves, at the erasure's versions, stay. Returns how many copies this member removed.
 */
public final class PurgeProfileTask implements Callable<Integer>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private String[] profileKeys;
    private long[] profileVersions;
    private String[] linkKeys;
    private long[] linkVersions;
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
        this(List.of(key), new long[] {tombstoneVersion}, List.of(), new long[0]);
    }

    /**
     * Purge of profiles and identity links.
     *
     * @param profileKeys     profile keys.
     * @param profileVersions their tombstones' versions, in the same order.
     * @param linkKeys        identity link keys.
     * @param linkVersions    their tombstones' versions, in the same order.
     */
    public PurgeProfileTask(final List<String> profileKeys, final long[] profileVersions, final List<String> linkKeys,
        final long[] linkVersions)
    {
        this.profileKeys = profileKeys.toArray(new String[0]);
        this.profileVersions = profileVersions.clone();
        this.linkKeys = linkKeys.toArray(new String[0]);
        this.linkVersions = linkVersions.clone();
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Integer call()
    {
        final MemberContext context = member;
        if (context == null || context.files() == null)
        {
            return 0;
        }
        int purged = 0;
        final LocalFile<String> profiles = context.files().profiles();
        for (int i = 0; i < profileKeys.length; i++)
        {
            final byte[] stored = profiles.get(profileKeys[i]);
            if (stored != null && ProfileCodec.version(stored) < profileVersions[i])
            {
                profiles.remove(profileKeys[i]);
                purged++;
            }
        }
        final LocalFile<String> links = context.files().identities();
        for (int i = 0; i < linkKeys.length; i++)
        {
            final byte[] stored = links.get(linkKeys[i]);
            if (stored != null && IdentityLink.decode(stored).version() < linkVersions[i])
            {
                links.remove(linkKeys[i]);
                purged++;
            }
        }
        return purged;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PURGE_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeStringArray(profileKeys);
        out.writeLongArray(profileVersions);
        out.writeStringArray(linkKeys);
        out.writeLongArray(linkVersions);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        profileKeys = in.readStringArray();
        profileVersions = in.readLongArray();
        linkKeys = in.readStringArray();
        linkVersions = in.readLongArray();
    }
}
