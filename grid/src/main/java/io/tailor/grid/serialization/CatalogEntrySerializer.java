package io.tailor.grid.serialization;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.scoring.catalog.Product;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binary form of a {@link CatalogEntry}: the version, then the product's fields in declaration order.
 */
public final class CatalogEntrySerializer implements StreamSerializer<CatalogEntry>
{
    @Override
    public void write(final ObjectDataOutput out, final CatalogEntry entry) throws IOException
    {
        final Product p = entry.product();
        out.writeLong(entry.version());
        out.writeString(p.id());
        out.writeString(p.title());
        out.writeString(p.category());
        out.writeString(p.brand());
        out.writeDouble(p.price());
        out.writeInt(p.attributes().size());
        for (final Map.Entry<String, List<String>> attribute : p.attributes().entrySet())
        {
            out.writeString(attribute.getKey());
            out.writeInt(attribute.getValue().size());
            for (final String value : attribute.getValue())
            {
                out.writeString(value);
            }
        }
        out.writeBoolean(p.inStock());
        out.writeLong(p.launchedAtMs());
        out.writeBoolean(p.sensitive());
        out.writeFloatArray(p.vector());
    }

    @Override
    public CatalogEntry read(final ObjectDataInput in) throws IOException
    {
        final long version = in.readLong();
        final String id = in.readString();
        final String title = in.readString();
        final String category = in.readString();
        final String brand = in.readString();
        final double price = in.readDouble();
        final int attributeCount = in.readInt();
        final Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++)
        {
            final String name = in.readString();
            final int valueCount = in.readInt();
            final List<String> values = new ArrayList<>(valueCount);
            for (int v = 0; v < valueCount; v++)
            {
                values.add(in.readString());
            }
            attributes.put(name, List.copyOf(values));
        }
        final boolean inStock = in.readBoolean();
        final long launchedAt = in.readLong();
        final boolean sensitive = in.readBoolean();
        final float[] vector = in.readFloatArray();
        return new CatalogEntry(new Product(id, title, category, brand, price, java.util.Collections.unmodifiableMap(
            attributes), inStock, launchedAt, sensitive, vector), version);
    }

    @Override
    public int getTypeId()
    {
        return GridSerialization.CATALOG_ENTRY_TYPE;
    }
}
