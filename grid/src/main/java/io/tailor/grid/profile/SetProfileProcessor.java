package io.tailor.grid.profile;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Stores a profile's binary form as computed on the owner: the backup side of {@link ApplyEventsProcessor}.
 *
 * @param <R> result type, always {@code null}.
 */
public final class SetProfileProcessor<R>
    implements EntryProcessor<String, byte[], R>, IdentifiedDataSerializable
{
    private byte[] bytes;

    /** For deserialization. */
    public SetProfileProcessor()
    {
    }

    /**
     * Processor that stores the given bytes.
     *
     * @param bytes binary form of the profile.
     */
    public SetProfileProcessor(final byte[] bytes)
    {
        this.bytes = bytes;
    }

    @Override
    public R process(final Map.Entry<String, byte[]> entry)
    {
        entry.setValue(bytes);
        return null;
    }

    @Override
    public EntryProcessor<String, byte[], R> getBackupProcessor()
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
        return TypeIds.SET_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(bytes);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        bytes = in.readByteArray();
    }
}
