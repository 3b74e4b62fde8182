package io.tailor.grid.persist;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.serialization.CatalogEntryCodec;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.profile.ProfileCodec;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * The values of Tailor's maps as stored in data files, and their versions: of two copies of an entry
 * (after a migration, a crash, a split brain) the one with the higher version wins.
 */
public final class StoredValues
{
    private static final int ITEM_STATS_LENGTH = 1 + 8 * 5;
    private static final byte ITEM_STATS_FORMAT = 1;

    private StoredValues()
    {
    }

    /**
     * Version of a map value of any of Tailor's maps.
     *
     * @param value a profile record ({@code byte[]}), a {@link CatalogEntry} or {@link ItemStats}.
     * @return its version: the profile version, the catalog entry version, the interaction count.
     */
    public static long version(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return ProfileCodec.version(bytes);
        }
        if (value instanceof CatalogEntry entry)
        {
            return entry.version();
        }
        if (value instanceof ItemStats stats)
        {
            return stats.interactions();
        }
        throw new IllegalArgumentException("not a Tailor map value: " + value.getClass().getName());
    }

    /**
     * Data-file bytes of a map value.
     *
     * @param value a map value.
     * @return its bytes.
     */
    public static byte[] encode(final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            return bytes;
        }
        if (value instanceof CatalogEntry entry)
        {
            return CatalogEntryCodec.encode(entry);
        }
        if (value instanceof ItemStats stats)
        {
            final byte[] bytes = new byte[ITEM_STATS_LENGTH];
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            buffer.putByte(0, ITEM_STATS_FORMAT);
            buffer.putDouble(1, stats.views(), ByteOrder.LITTLE_ENDIAN);
            buffer.putDouble(9, stats.carts(), ByteOrder.LITTLE_ENDIAN);
            buffer.putDouble(17, stats.purchases(), ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(25, stats.atMs(), ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(33, stats.interactions(), ByteOrder.LITTLE_ENDIAN);
            return bytes;
        }
        throw new IllegalArgumentException("not a Tailor map value: " + value.getClass().getName());
    }

    /**
     * Item stats from data-file bytes.
     *
     * @param bytes bytes written by {@link #encode(Object)}.
     * @return the stats.
     */
    public static ItemStats itemStats(final byte[] bytes)
    {
        if (bytes.length != ITEM_STATS_LENGTH || bytes[0] != ITEM_STATS_FORMAT)
        {
            throw new IllegalArgumentException("not an item stats record");
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        return new ItemStats(buffer.getDouble(1, ByteOrder.LITTLE_ENDIAN), buffer.getDouble(9, ByteOrder.LITTLE_ENDIAN),
            buffer.getDouble(17, ByteOrder.LITTLE_ENDIAN), buffer.getLong(25, ByteOrder.LITTLE_ENDIAN),
            buffer.getLong(33, ByteOrder.LITTLE_ENDIAN));
    }
}
