package io.tailor.grid.persist;

import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogEntryCodec;
import io.tailor.grid.experiment.ArmCounts;
import io.tailor.grid.experiment.ExperimentDefinition;
import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.promotion.PromotionDefinition;
import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.Outbox;
import io.tailor.grid.webhook.WebhookDefinition;
import io.tailor.scoring.model.ItemStats;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One member's data files, in its data directory:
 * <pre>
 *   profiles.cm    String -> profile record, forward record or tombstone
 *   catalog.cm     String -> catalog entry or tombstone
 *   item-stats.cm  Long   -> item stats
 *   identities.cm  String -> identity link or tombstone
 *   segments.cm    String -> segment definition or tombstone
 *   experiments.cm String -> experiment definition or tombstone
 *   experiment-counts.cm  String -> an experiment arm's counts, a promotion's impressions delivered
 *   promotions.cm  String -> promotion definition or tombstone
 *   webhooks.cm    String -> webhook definition or tombstone
 *   webhook-outbox.cm  String -> a customer's trigger memberships, pending deliveries and dead letters
 *   feeds.cm       String -> catalog feed (definition, last fetch, ids it carried) or tombstone
 *   tailor.lock    held (an OS file lock) while a process has the files open; names its pid
 * </pre>
 * A member writes the entries it owns, as they change (write-through, on the partition thread, before
 * the change is acknowledged), and every entry of a partition it becomes owner of. At start it loads its
 * files back into the grid, where the higher version of each entry wins.
 */
public final class MemberFiles implements AutoCloseable
{
    /** Name of the lock file in the data directory. */
    public static final String LOCK_FILE = "tailor.lock";

    private static final Logger LOG = LoggerFactory.getLogger(MemberFiles.class);

    private final LocalFile<String> profiles;
    private final LocalFile<String> catalog;
    private final LocalFile<Long> itemStats;
    private final LocalFile<String> identities;
    private final LocalFile<String> segments;
    private final LocalFile<String> experiments;
    private final LocalFile<String> experimentCounts;
    private final LocalFile<String> promotions;
    private final LocalFile<String> webhooks;
    private final LocalFile<String> outbox;
    private final LocalFile<String> feeds;
    private final AtomicLong errors = new AtomicLong();
    private final FileChannel lock;

    private MemberFiles(final LocalFile<String> profiles, final LocalFile<String> catalog,
        final LocalFile<Long> itemStats, final LocalFile<String> identities, final LocalFile<String> segments,
        final LocalFile<String> experiments, final LocalFile<String> experimentCounts,
        final LocalFile<String> promotions, final LocalFile<String> webhooks, final LocalFile<String> outbox,
        final LocalFile<String> feeds, final FileChannel lock)
    {
        this.webhooks = webhooks;
        this.outbox = outbox;
        this.lock = lock;
        this.profiles = profiles;
        this.catalog = catalog;
        this.itemStats = itemStats;
        this.identities = identities;
        this.segments = segments;
        this.experiments = experiments;
        this.experimentCounts = experimentCounts;
        this.promotions = promotions;
        this.feeds = feeds;
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
        final FileChannel lock = lock(dataDir);
        final java.util.List<AutoCloseable> opened = new java.util.ArrayList<>();
        opened.add(lock);
        try
        {
            final LocalFile<String> profiles = LocalFile.strings(dataDir.resolve("profiles.cm"), profileEntries, 24,
                900, discardCorrupt);
            opened.add(profiles);
            final long products = Math.max(10_000L, profileEntries / 4);
            final LocalFile<String> catalog = LocalFile.strings(dataDir.resolve("catalog.cm"), products, 16, 400,
                discardCorrupt);
            opened.add(catalog);
            final LocalFile<Long> itemStats = LocalFile.longs(dataDir.resolve("item-stats.cm"), products, 500,
                discardCorrupt);
            opened.add(itemStats);
            // Linked ids: a few per customer at most; the file grows to four times this.
            final LocalFile<String> identities = LocalFile.strings(dataDir.resolve("identities.cm"),
                Math.max(10_000L, profileEntries / 2), 24, 40, discardCorrupt);
            opened.add(identities);
            final LocalFile<String> segments = LocalFile.strings(dataDir.resolve("segments.cm"), 1_000, 24, 1_000,
                discardCorrupt);
            opened.add(segments);
            final LocalFile<String> experiments = LocalFile.strings(dataDir.resolve("experiments.cm"), 1_000, 24,
                1_000, discardCorrupt);
            opened.add(experiments);
            // Two shopper sketches of 4 KiB per arm.
            final LocalFile<String> experimentCounts = LocalFile.strings(dataDir.resolve("experiment-counts.cm"),
                1_000, 32, 8_300, discardCorrupt);
            opened.add(experimentCounts);
            final LocalFile<String> promotions = LocalFile.strings(dataDir.resolve("promotions.cm"), 1_000, 24,
                2_000, discardCorrupt);
            opened.add(promotions);
            final LocalFile<String> webhooks = LocalFile.strings(dataDir.resolve("webhooks.cm"), 1_000, 24,
                2_000, discardCorrupt);
            opened.add(webhooks);
            // Customers with trigger state: those in a watched segment; most hold a membership or two.
            final LocalFile<String> outbox = LocalFile.strings(dataDir.resolve("webhook-outbox.cm"),
                Math.max(10_000L, profileEntries / 4), 24, 300, discardCorrupt);
            opened.add(outbox);
            // A feed's record carries the ids of its products, deflated, up to FeedRecord.MAX_PACKED_IDS: with
            // these sizes the file takes 13 MB and an entry up to about 3 MB.
            final LocalFile<String> feeds = LocalFile.strings(dataDir.resolve("feeds.cm"), 100, 24, 64 * 1024,
                discardCorrupt);
            opened.add(feeds);
            final MemberFiles files = new MemberFiles(profiles, catalog, itemStats, identities, segments, experiments,
                experimentCounts, promotions, webhooks, outbox, feeds, lock);
            LOG.info("data files in {} open: {} profiles, {} catalog entries, {} item stats, {} identity links, " +
                "{} segments, {} experiments ({} ms)", dataDir, profiles.size(), catalog.size(), itemStats.size(),
                identities.size(), segments.size(), experiments.size(), (System.nanoTime() - started) / 1_000_000);
            return files;
        }
        catch (final RuntimeException ex)
        {
            // Files first, the directory's lock last.
            for (int i = opened.size() - 1; i >= 0; i--)
            {
                try
                {
                    opened.get(i).close();
                }
                catch (final Exception closing)
                {
                    ex.addSuppressed(closing);
                }
            }
            throw ex;
        }
    }

    /**
     * Takes the data directory's lock, held until {@link #close()} or the end of the process (the OS releases
     * it after a crash too).
     */
    private static FileChannel lock(final Path dataDir)
    {
        final Path file = dataDir.resolve(LOCK_FILE);
        FileChannel channel = null;
        try
        {
            Files.createDirectories(dataDir);
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.READ,
                StandardOpenOption.WRITE);
            FileLock held;
            try
            {
                held = channel.tryLock();
            }
            catch (final OverlappingFileLockException ex)
            {
                held = null;
            }
            if (held == null)
            {
                String holder = "";
                try
                {
                    holder = Files.readString(file).trim();
                }
                catch (final IOException ignored)
                {
                    // The holder is only named for the message.
                }
                channel.close();
                throw new DataDirInUseException(dataDir, holder);
            }
            channel.truncate(0);
            channel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                .getBytes(StandardCharsets.US_ASCII)));
            return channel;
        }
        catch (final IOException ex)
        {
            if (channel != null)
            {
                try
                {
                    channel.close();
                }
                catch (final IOException closing)
                {
                    ex.addSuppressed(closing);
                }
            }
            throw new UncheckedIOException("data directory " + dataDir + " is not writable: " + ex, ex);
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
     * The identity links file.
     *
     * @return the file.
     */
    public LocalFile<String> identities()
    {
        return identities;
    }

    /**
     * The segment definitions file.
     *
     * @return the file.
     */
    public LocalFile<String> segments()
    {
        return segments;
    }

    /**
     * The experiment definitions file.
     *
     * @return the file.
     */
    public LocalFile<String> experiments()
    {
        return experiments;
    }

    /**
     * The experiment arm counts file.
     *
     * @return the file.
     */
    public LocalFile<String> experimentCounts()
    {
        return experimentCounts;
    }

    /**
     * The promotions file.
     *
     * @return the file.
     */
    public LocalFile<String> promotions()
    {
        return promotions;
    }

    /**
     * The webhook definitions file.
     *
     * @return the file.
     */
    public LocalFile<String> webhooks()
    {
        return webhooks;
    }

    /**
     * The webhook outbox file.
     *
     * @return the file.
     */
    public LocalFile<String> outbox()
    {
        return outbox;

    }

    /**
     * The feeds file.
     *
     * @return the file.
     */
    public LocalFile<String> feeds()
    {
        return feeds;
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
        else if (value instanceof IdentityLink link)
        {
            identities.put((String)key, link.encode());
        }
        else if (value instanceof SegmentDefinition definition)
        {
            segments.put((String)key, definition.encode());
        }
        else if (value instanceof ExperimentDefinition experiment)
        {
            experiments.put((String)key, experiment.encode());
        }
        else if (value instanceof ArmCounts counts)
        {
            experimentCounts.put((String)key, counts.encode());
        }
        else if (value instanceof PromotionDefinition promotion)
        {
            promotions.put((String)key, promotion.encode());
        }
        else if (value instanceof WebhookDefinition webhook)
        {
            webhooks.put((String)key, webhook.encode());
        }
        else if (value instanceof Outbox box)
        {
            outbox.put((String)key, box.encode());
        }
        else if (value instanceof FeedRecord feed)
        {
            feeds.put((String)key, feed.encode());
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
        outbox.close();
        webhooks.close();
        feeds.close();
        promotions.close();
        experimentCounts.close();
        experiments.close();
        segments.close();
        identities.close();
        itemStats.close();
        catalog.close();
        profiles.close();
        try
        {
            lock.close();
        }
        catch (final IOException ex)
        {
            LOG.warn("could not release the lock of the data directory: {}", ex.toString());
        }
    }
}
