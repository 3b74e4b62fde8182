package io.tailor.grid.catalog;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Removes a product by leaving a tombstone with a newer version; returns the removed entry, or
 * {@code null} when there was no product. Deterministic, so the backup runs the same processor.
 */
public final class RemoveProductProcessor
    implements EntryProcessor<String, CatalogEntry, CatalogEntry>, IdentifiedDataSerializable
{
    private long version;

    /** For deserialization. */
    public RemoveProductProcessor()
    {
    }

    /**
     * Removal with a version.
     *
     * @param version version of the tombstone.
     */
    public RemoveProductProcessor(final long version)
    {
        this.version = version;
    }

    @Override
    public CatalogEntry process(final Map.Entry<String, CatalogEntry> entry)
    {
        final CatalogEntry current = entry.getValue();
        if (current == null || current.removed())
        {
            return null;
        }
        entry.setValue(CatalogEntry.tombstone(Math.max(version, current.version() + 1)));
        return current;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.REMOVE_PRODUCT;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(version);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        version = in.readLong();
    }
}
