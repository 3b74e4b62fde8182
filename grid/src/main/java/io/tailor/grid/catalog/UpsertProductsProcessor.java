package io.tailor.grid.catalog;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.catalog.Product;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

/**
 * Stores uploaded products on their keys' owner, one operation per partition with only that partition's products,
 * and returns what it stored.
 * <p>
 * A product uploaded without a launch time keeps the one it has, and a product the catalog does not hold (never
 * uploaded, or removed since) gets the upload's time: every new product is a new arrival, and an update or a feed
 * that does not know the launch date does not reset it. An explicit launch time always wins. The stored version
 * is above the current one, so every mirror takes the change even when the uploading node's clock is behind.
 * Deterministic given the current value, so the backup runs the same processor.
 */
public final class UpsertProductsProcessor
    implements EntryProcessor<String, CatalogEntry, CatalogEntry>, IdentifiedDataSerializable
{
    private Map<String, CatalogEntry> uploaded;
    private long nowMs;

    /** For deserialization. */
    public UpsertProductsProcessor()
    {
    }

    /**
     * Processor for products of one partition.
     *
     * @param uploaded the uploaded products with their versions, by id; each key applies only its own.
     * @param nowMs    the upload's time: the launch time of a product new to the catalog.
     */
    public UpsertProductsProcessor(final Map<String, CatalogEntry> uploaded, final long nowMs)
    {
        this.uploaded = uploaded;
        this.nowMs = nowMs;
    }

    @Override
    public CatalogEntry process(final Map.Entry<String, CatalogEntry> entry)
    {
        final CatalogEntry upload = uploaded.get(entry.getKey());
        if (upload == null)
        {
            return null;
        }
        final CatalogEntry current = entry.getValue();
        final Product product = upload.product();
        long launchedAt = product.launchedAtMs();
        if (launchedAt == Product.UNKNOWN_LAUNCH)
        {
            launchedAt = current != null && !current.removed() &&
                current.product().launchedAtMs() != Product.UNKNOWN_LAUNCH ? current.product().launchedAtMs() : nowMs;
        }
        final long version = current == null ? upload.version() : Math.max(upload.version(), current.version() + 1);
        final CatalogEntry stored = new CatalogEntry(product.withLaunchedAtMs(launchedAt), version);
        entry.setValue(stored);
        return stored;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.UPSERT_PRODUCTS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(nowMs);
        out.writeInt(uploaded.size());
        for (final Map.Entry<String, CatalogEntry> upload : uploaded.entrySet())
        {
            out.writeString(upload.getKey());
            out.writeObject(upload.getValue());
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        nowMs = in.readLong();
        final int size = in.readInt();
        uploaded = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++)
        {
            uploaded.put(in.readString(), in.readObject());
        }
    }
}
