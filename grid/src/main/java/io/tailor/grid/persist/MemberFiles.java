package io.tailor.grid.persist;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.serialization.CatalogEntryCodec;
import io.tailor.scoring.model.ItemStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member's data files, in its data directory:
 * <pre>
 *   profiles.cm    String -> profile record or tombstone
 *   catalog.cm     String -> catalog entry or tombstone
 *   item-stats.cm  Long   -> item stats
 * </pre>
 * A member writes the entries it owns, as they change (write-through, on the partition thread, before
 * the change is acknowledged), and every entry of a partition it becomes owner of. At start it loads its
 * files back into the grid, where the higher version of each entry wins.
 */
public final class MemberFiles implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(MemberFiles.class);

    private final LocalFile<String> profiles;
    private final LocalFile<String> catalog;
    private final LocalFile<Long> itemStats;
    private final AtomicLong errors = new AtomicLong();

    private MemberFiles(final LocalFile<String> profiles, final LocalFile<String> catalog,
        final LocalFile<Long> itemStats)
    {
        this.profiles = profiles;
        this.catalog = catalog;
        this.itemStats = itemStats;
    }

    /**
     * Opens (or creates, or recovers) a member's files.
     *
     * @param dataDir        the member's data directory.
     * @param profileEntries expected profiles on this member.
     * @param discardCorrupt set corrupt files aside instead of refusing to start.
     * @return the open files.
     * @throws CorruptDataException naming a file that cannot be read intact.
     */
    public static MemberFiles open(final Path dataDir, final long profileEntries, final boolean discardCorrupt)
    {
        final long started = System.nanoTime();
        final LocalFile<String> profiles = LocalFile.strings(dataDir.resolve("profiles.cm"), profileEntries, 24, 900,
            discardCorrupt);
        try
        {
            final long products = Math.max(10_000L, profileEntries / 4);
            final LocalFile<String> catalog = LocalFile.strings(dataDir.resolve("catalog.cm"), products, 16, 400,
                discardCorrupt);
            final LocalFile<Long> itemStats = LocalFile.longs(dataDir.resolve("item-stats.cm"), products, 500,
                discardCorrupt);
            final MemberFiles files = new MemberFiles(profiles, catalog, itemStats);
            LOG.info("data files in {} open: {} profiles, {} catalog entries, {} item stats ({} ms)", dataDir,
                profiles.size(), catalog.size(), itemStats.size(), (System.nanoTime() - started) / 1_000_000);
            return files;
        }
        catch (final RuntimeException ex)
        {
            profiles.close();
            throw ex;
        }
    }

    /**
     * The profiles file.
     *
     * @return the file.
     */
    public LocalFile<String> profiles()
    {
        return profiles;
    }

    /**
     * The catalog file.
     *
     * @return the file.
     */
    public LocalFile<String> catalog()
    {
        return catalog;
    }

    /**
     * The item stats file.
     *
     * @return the file.
     */
    public LocalFile<Long> itemStats()
    {
        return itemStats;
    }

    /**
     * Writes any of Tailor's map values to the file of its map.
     *
     * @param key   map key.
     * @param value map value.
     */
    public void write(final Object key, final Object value)
    {
        if (value instanceof byte[] bytes)
        {
            profiles.put((String)key, bytes);
        }
        else if (value instanceof CatalogEntry entry)
        {
            catalog.put((String)key, CatalogEntryCodec.encode(entry));
        }
        else if (value instanceof ItemStats)
        {
            itemStats.put((Long)key, StoredValues.encode(value));
        }
        else
        {
            throw new IllegalArgumentException("not a Tailor map value: " + value.getClass().getName());
        }
    }

    /**
     * Counts a failed write, for the persistence error metric.
     */
    public void countError()
    {
        errors.incrementAndGet();
    }

    /**
     * Failed writes since start.
     *
     * @return the count.
     */
    public long errors()
    {
        return errors.get();
    }

    @Override
    public void close()
    {
        itemStats.close();
        catalog.close();
        profiles.close();
    }
}
