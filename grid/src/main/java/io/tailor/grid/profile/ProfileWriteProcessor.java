package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.util.Map;

/**
 * A processor that writes one record of the profiles map on its owner and sends its backup the bytes written
 * ({@link SetProfileProcessor}), so that a backup never re-runs the decision. The owner-local
 * {@link ProfileReplica} follows every write: it holds the new bytes of a profile or a forward record and
 * forgets the key of a tombstone (no profile).
 *
 * @param <R> the result for the caller.
 */
abstract class ProfileWriteProcessor<R>
    implements EntryProcessor<String, byte[], R>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private transient MemberContext member;
    private transient byte[] written;

    @Override
    public final void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    /**
     * This member's context.
     *
     * @return the context; {@code null} only when run outside a member.
     */
    protected final MemberContext member()
    {
        return member;
    }

    /**
     * Stores a record: in the entry, in the owner-local replica (or out of it), and for the backup.
     *
     * @param entry the entry being processed.
     * @param bytes the new record.
     */
    protected final void write(final Map.Entry<String, byte[]> entry, final byte[] bytes)
    {
        entry.setValue(bytes);
        written = bytes;
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().put(entry.getKey(), bytes);
        }
    }

    @Override
    public final EntryProcessor<String, byte[], R> getBackupProcessor()
    {
        final byte[] bytes = written;
        return bytes == null ? null : new SetProfileProcessor<>(bytes);
    }

    @Override
    public final int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }
}
