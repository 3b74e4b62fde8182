package io.tailor.grid.catalog;

import io.tailor.scoring.catalog.Product;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInput;
import java.io.DataInputStream;
import java.io.DataOutput;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The binary form of a product, shared by the wire (between members) and the data files.
 * <pre>
 *   id, title, category, brand (UTF) | price double | attributes: int n, n x (name UTF, int m, m x value UTF)
 *   | inStock bool | launchedAt long | sensitive bool | vector: int d (-1 for none), d x float
 * </pre>
 */
public final class CatalogEntryCodec
{
    private static final byte FORMAT = 1;

    private CatalogEntryCodec()
    {
    }

    /**
     * Writes a product's fields.
     *
     * @param out     destination.
     * @param product the product.
     * @throws IOException when the output fails.
     */
    public static void writeProduct(final DataOutput out, final Product product) throws IOException
    {
        out.writeUTF(product.id());
        out.writeUTF(product.title());
        out.writeUTF(product.category());
        out.writeUTF(product.brand());
        out.writeDouble(product.price());
        out.writeInt(product.attributes().size());
        for (final Map.Entry<String, List<String>> attribute : product.attributes().entrySet())
        {
            out.writeUTF(attribute.getKey());
            out.writeInt(attribute.getValue().size());
            for (final String value : attribute.getValue())
            {
                out.writeUTF(value);
            }
        }
        out.writeBoolean(product.inStock());
        out.writeLong(product.launchedAtMs());
        out.writeBoolean(product.sensitive());
        final float[] vector = product.vector();
        out.writeInt(vector == null ? -1 : vector.length);
        if (vector != null)
        {
            for (final float v : vector)
            {
                out.writeFloat(v);
            }
        }
    }

    /**
     * Reads a product written by {@link #writeProduct(DataOutput, Product)}.
     *
     * @param in source.
     * @return the product.
     * @throws IOException when the input fails.
     */
    public static Product readProduct(final DataInput in) throws IOException
    {
        final String id = in.readUTF();
        final String title = in.readUTF();
        final String category = in.readUTF();
        final String brand = in.readUTF();
        final double price = in.readDouble();
        final int attributeCount = in.readInt();
        final Map<String, List<String>> attributes = new LinkedHashMap<>();
        for (int i = 0; i < attributeCount; i++)
        {
            final String name = in.readUTF();
            final int valueCount = in.readInt();
            final List<String> values = new ArrayList<>(valueCount);
            for (int v = 0; v < valueCount; v++)
            {
                values.add(in.readUTF());
            }
            attributes.put(name, List.copyOf(values));
        }
        final boolean inStock = in.readBoolean();
        final long launchedAt = in.readLong();
        final boolean sensitive = in.readBoolean();
        final int d = in.readInt();
        float[] vector = null;
        if (d >= 0)
        {
            vector = new float[d];
            for (int i = 0; i < d; i++)
            {
                vector[i] = in.readFloat();
            }
        }
        return new Product(id, title, category, brand, price, Collections.unmodifiableMap(attributes), inStock,
            launchedAt, sensitive, vector);
    }

    /**
     * The data-file form of an entry: format byte, version, removed flag, product.
     *
     * @param entry the entry.
     * @return its bytes.
     */
    public static byte[] encode(final CatalogEntry entry)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
        try (DataOutputStream out = new DataOutputStream(bytes))
        {
            out.writeByte(FORMAT);
            out.writeLong(entry.version());
            out.writeBoolean(entry.removed());
            if (!entry.removed())
            {
                writeProduct(out, entry.product());
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads the data-file form.
     *
     * @param bytes the bytes.
     * @return the entry.
     */
    public static CatalogEntry decode(final byte[] bytes)
    {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes)))
        {
            final byte format = in.readByte();
            if (format != FORMAT)
            {
                throw new IllegalArgumentException("unknown catalog entry format " + format);
            }
            final long version = in.readLong();
            return in.readBoolean() ? CatalogEntry.tombstone(version) : new CatalogEntry(readProduct(in), version);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }
}
