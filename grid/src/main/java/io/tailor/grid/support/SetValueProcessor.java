package io.tailor.grid.support;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Stores a value decided on the owner: the backup side of an entry processor whose outcome depends on the
 * owner's state (an identity claim, a segment redefinition), so the backup copies the result instead of
 * deciding again. The value travels with its registered stream serializer.
 *
 * @param <K> key type.
 * @param <V> value type.
 * @param <R> result type of the owner's processor; the backup returns nothing.
 */
public final class SetValueProcessor<K, V, R> implements EntryProcessor<K, V, R>, IdentifiedDataSerializable
{
    private V value;

    /** For deserialization. */
    public SetValueProcessor()
    {
    }

    /**
     * Processor that stores a value.
     *
     * @param value the value, of a type with a registered serializer.
     */
    public SetValueProcessor(final V value)
    {
        this.value = value;
    }

    @Override
    public R process(final Map.Entry<K, V> entry)
    {
        entry.setValue(value);
        return null;
    }

    @Override
    public EntryProcessor<K, V, R> getBackupProcessor()
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
        return TypeIds.SET_VALUE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeObject(value);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        value = in.readObject();
    }
}
