package io.tailor.grid.segment;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.List;

/**
 * What a scan of the profiles found for a segment: how many shoppers are members now, and a page of their
 * profile keys in key order.
 */
public final class SegmentScan implements IdentifiedDataSerializable
{
    private long count;
    private String[] keys;

    /** For deserialization. */
    public SegmentScan()
    {
    }

    /**
     * A result.
     *
     * @param count members now.
     * @param keys  a page of members' profile keys, ascending.
     */
    public SegmentScan(final long count, final String[] keys)
    {
        this.count = count;
        this.keys = keys;
    }

    /**
     * Members now.
     *
     * @return the count.
     */
    public long count()
    {
        return count;
    }

    /**
     * A page of members' profile keys, ascending.
     *
     * @return the keys.
     */
    public List<String> keys()
    {
        return List.of(keys);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SEGMENT_SCAN;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(count);
        out.writeStringArray(keys);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        count = in.readLong();
        keys = in.readStringArray();
    }
}
