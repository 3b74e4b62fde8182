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
 * Erases a shopper's profile (or the forward record of an id linked to a customer) on its owner: the record
 * becomes a tombstone one version newer, which the owner's data file keeps (write-through) and the backup
 * receives, so no older copy can win against it later. Returns the erased record, so the caller can say what
 * was erased (the tombstone's version is one more than its version), or {@code null} when there was none.
 */
public final class EraseProfileProcessor
    implements EntryProcessor<String, byte[], byte[]>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private long erasedAtMs;
    private transient MemberContext member;
    private transient byte[] written;

    /** For deserialization. */
    public EraseProfileProcessor()
    {
    }

    /**
     * Erasure at a time.
     *
     * @param erasedAtMs when, epoch milliseconds.
     */
    public EraseProfileProcessor(final long erasedAtMs)
    {
        this.erasedAtMs = erasedAtMs;
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
        if (!ProfileCodec.isProfile(current) && !ProfileCodec.isForward(current))
        {
            return null;
        }
        final long version = ProfileCodec.version(current) + 1;
        final byte[] tombstone = ProfileCodec.tombstone(version, erasedAtMs);
        entry.setValue(tombstone);
        written = tombstone;
        final MemberContext context = member;
        if (context != null)
        {
            context.replica().remove(entry.getKey());
        }
        return current;
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
        return GridSerialization.ERASE_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(erasedAtMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        erasedAtMs = in.readLong();
    }
}
