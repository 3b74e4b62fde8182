package io.tailor.grid.catalog;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * Binary form of a {@link CatalogEntry} between members: the version, a removed flag, then the product.
 */
public final class CatalogEntrySerializer implements StreamSerializer<CatalogEntry>
{
    @Override
    public void write(final ObjectDataOutput out, final CatalogEntry entry) throws IOException
    {
        out.writeLong(entry.version());
        out.writeBoolean(entry.removed());
        if (!entry.removed())
        {
            CatalogEntryCodec.writeProduct(out, entry.product());
        }
    }

    @Override
    public CatalogEntry read(final ObjectDataInput in) throws IOException
    {
        final long version = in.readLong();
        return in.readBoolean() ? CatalogEntry.tombstone(version) :
            new CatalogEntry(CatalogEntryCodec.readProduct(in), version);
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.CATALOG_ENTRY_TYPE;
    }
}
