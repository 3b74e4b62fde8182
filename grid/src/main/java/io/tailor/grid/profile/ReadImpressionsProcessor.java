package io.tailor.grid.profile;

import com.hazelcast.core.ReadOnly;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Arrays;
import java.util.Map;

/**
 * Reads one shopper's impression record from its partition's entry on the owner, for an export. Returns a copy
 * (the held array changes in place with the next batch), or {@code null} when the shopper has none.
 */
public final class ReadImpressionsProcessor
    implements EntryProcessor<String, PartitionImpressions, byte[]>, IdentifiedDataSerializable, ReadOnly
{
    private String shopper;

    /** For deserialization. */
    public ReadImpressionsProcessor()
    {
    }

    /**
     * A read of one shopper's record.
     *
     * @param shopper the shopper's profile key.
     */
    ReadImpressionsProcessor(final String shopper)
    {
        this.shopper = shopper;
    }

    @Override
    public byte[] process(final Map.Entry<String, PartitionImpressions> entry)
    {
        final PartitionImpressions records = entry.getValue();
        final byte[] bytes = records == null ? null : records.get(shopper);
        return bytes == null ? null : Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public EntryProcessor<String, PartitionImpressions, byte[]> getBackupProcessor()
    {
        return null;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.READ_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(shopper);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        shopper = in.readString();
    }
}
