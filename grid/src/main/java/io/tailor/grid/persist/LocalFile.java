package io.tailor.grid.persist;

import net.openhft.chronicle.map.ChronicleMap;
import net.openhft.chronicle.map.ChronicleMapBuilder;
import net.openhft.chronicle.map.ExternalMapQueryContext;
import net.openhft.chronicle.map.MapEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;

/**
 * One member-local, memory-mapped Chronicle Map file of binary values.
 * <p>
 * Writes go to mapped pages: once {@link #put} returns, the kernel has the bytes and a {@code kill -9} of
 * the process loses nothing (a power loss can lose what the kernel had not flushed). Chronicle's own
 * close-on-exit hook is off: the member closes its files itself, after it has left the cluster, so a
 * graceful stop never finds them closed while partitions are still migrating away. A clean
 * {@link #close()} leaves a marker; without it the next open runs Chronicle Map's recovery, which also
 * reports corruption. A file that cannot be opened or recovered intact stops the member with a
 * {@link CorruptDataException} naming it, unless corrupt data is to be discarded: then the file is moved
 * aside (kept, renamed) and an empty one is started.
 *
 * @param <K> key type, {@code String} or {@code Long}.
 */
public final class LocalFile<K> implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(LocalFile.class);

    private final Path file;
    private final ChronicleMap<K, byte[]> map;

    private LocalFile(final Path file, final ChronicleMap<K, byte[]> map)
    {
        this.file = file;
        this.map = map;
    }

    /**
     * Opens (creating, or recovering after a crash) a file keyed by strings.
     *
     * @param file           the file.
     * @param entries        expected entries; the file may grow to four times this.
     * @param averageKey     typical key length in bytes.
     * @param averageValue   typical value length in bytes.
     * @param discardCorrupt move a corrupt file aside instead of refusing to start.
     * @return the open file.
     */
    public static LocalFile<String> strings(final Path file, final long entries, final double averageKey,
        final double averageValue, final boolean discardCorrupt)
    {
        return open(file, discardCorrupt, () -> ChronicleMapBuilder.of(String.class, byte[].class)
            .name(file.getFileName().toString()).entries(entries).maxBloatFactor(4.0).skipCloseOnExitHook(true)
            .averageKeySize(averageKey).averageValueSize(averageValue));
    }

    /**
     * Opens (creating, or recovering after a crash) a file keyed by longs.
     *
     * @param file           the file.
     * @param entries        expected entries; the file may grow to four times this.
     * @param averageValue   typical value length in bytes.
     * @param discardCorrupt move a corrupt file aside instead of refusing to start.
     * @return the open file.
     */
    public static LocalFile<Long> longs(final Path file, final long entries, final double averageValue,
        final boolean discardCorrupt)
    {
        return open(file, discardCorrupt, () -> ChronicleMapBuilder.of(Long.class, byte[].class)
            .name(file.getFileName().toString()).entries(entries).maxBloatFactor(4.0).skipCloseOnExitHook(true)
            .averageValueSize(averageValue));
    }

    private interface Builder<K>
    {
        ChronicleMapBuilder<K, byte[]> builder();
    }

    private static <K> LocalFile<K> open(final Path file, final boolean discardCorrupt, final Builder<K> builder)
    {
        try
        {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return new LocalFile<>(file, openOrRecover(file, builder));
        }
        catch (final CorruptDataException ex)
        {
            if (!discardCorrupt)
            {
                throw ex;
            }
            final Path aside = file.resolveSibling(file.getFileName() + ".corrupt-" + System.currentTimeMillis());
            LOG.error("{}; moving it to {} and starting without it (--discard-corrupt-data)", ex.getMessage(), aside);
            try
            {
                Files.move(file, aside, StandardCopyOption.ATOMIC_MOVE);
                Files.deleteIfExists(marker(file));
                return new LocalFile<>(file, builder.builder().createPersistedTo(file.toFile()));
            }
            catch (final IOException io)
            {
                throw new UncheckedIOException("could not set " + file + " aside", io);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("could not open " + file, ex);
        }
    }

    private static <K> ChronicleMap<K, byte[]> openOrRecover(final Path file, final Builder<K> builder)
        throws IOException
    {
        final Path marker = marker(file);
        if (!Files.exists(file))
        {
            Files.deleteIfExists(marker);
            return builder.builder().createPersistedTo(file.toFile());
        }
        if (Files.size(file) == 0)
        {
            throw new CorruptDataException(file, "the file is empty", null);
        }
        final boolean cleanlyClosed = Files.deleteIfExists(marker);
        final List<String> problems = new ArrayList<>();
        final List<String> repaired = new ArrayList<>();
        final ChronicleMap<K, byte[]> map;
        try
        {
            if (cleanlyClosed)
            {
                map = builder.builder().createPersistedTo(file.toFile());
            }
            else
            {
                LOG.warn("{} was not closed cleanly (the process was killed or crashed); recovering it: every " +
                    "entry is checked, bookkeeping is repaired, a damaged entry stops the start", file);
                map = builder.builder().recoverPersistedTo(file.toFile(), true, corruption ->
                {
                    final String problem = corruption.message() + (corruption.segmentIndex() >= 0 ?
                        " (segment " + corruption.segmentIndex() + ")" : "");
                    if (isBookkeeping(corruption.message()))
                    {
                        repaired.add(problem);
                    }
                    else
                    {
                        problems.add(problem);
                    }
                });
            }
        }
        catch (final IOException | RuntimeException | Error ex)
        {
            throw new CorruptDataException(file, "it cannot be read as a Tailor data file (" + ex + ")", ex);
        }
        if (!repaired.isEmpty())
        {
            LOG.info("{}: recovery repaired {} bookkeeping hint(s) a killed process can leave behind, no entry " +
                "affected: {}", file, repaired.size(), String.join("; ", repaired.subList(0, Math.min(5,
                repaired.size()))));
        }
        if (!problems.isEmpty())
        {
            map.close();
            throw new CorruptDataException(file, "recovery found " + problems.size() + " corruption(s): " +
                String.join("; ", problems.subList(0, Math.min(5, problems.size()))), null);
        }
        return map;
    }

    /**
     * Whether a finding of Chronicle Map's recovery is about a segment's bookkeeping only (the hint where its
     * next free chunk starts, its entry counter), which recovery recomputes from the entries themselves: a
     * process killed between an entry's write and the hint's update leaves these, and no entry is lost. Any
     * other finding (checksums, sizes, overlapping or duplicate entries) is about the data.
     *
     * @param message the finding's message.
     * @return true when only bookkeeping was repaired.
     */
    static boolean isBookkeeping(final String message)
    {
        return message.startsWith("wrong lowest free chunk for tier") ||
            message.startsWith("Wrong number of entries counter for tier");
    }

    private static Path marker(final Path file)
    {
        return file.resolveSibling(file.getFileName() + ".clean");
    }

    /**
     * Stores a value.
     *
     * @param key   key.
     * @param value binary value; not modified afterwards by the caller.
     */
    public void put(final K key, final byte[] value)
    {
        // Not map.put: it returns the previous value, read from the file into a new array on every write (a tenth
        // of all the garbage a single-event write made, JFR). The query context writes without reading it.
        try (ExternalMapQueryContext<K, byte[], ?> context = map.queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<K, byte[]> entry = context.entry();
            if (entry != null)
            {
                context.replaceValue(entry, context.wrapValueAsData(value));
            }
            else
            {
                context.insert(context.absentEntry(), context.wrapValueAsData(value));
            }
        }
    }

    /**
     * Reads a value.
     *
     * @param key key.
     * @return the stored value, or {@code null}.
     */
    public byte[] get(final K key)
    {
        return map.get(key);
    }

    /**
     * Removes a value.
     *
     * @param key key.
     */
    public void remove(final K key)
    {
        // As in put: without reading the removed value back.
        try (ExternalMapQueryContext<K, byte[], ?> context = map.queryContext(key))
        {
            context.updateLock().lock();
            final MapEntry<K, byte[]> entry = context.entry();
            if (entry != null)
            {
                context.remove(entry);
            }
        }
    }

    /**
     * Visits every entry, for loading at start.
     *
     * @param visitor receives each key and value.
     */
    public void forEach(final BiConsumer<K, byte[]> visitor)
    {
        for (final Map.Entry<K, byte[]> entry : map.entrySet())
        {
            visitor.accept(entry.getKey(), entry.getValue());
        }
    }

    /**
     * Number of entries.
     *
     * @return the count.
     */
    public long size()
    {
        return map.longSize();
    }

    /**
     * The file.
     *
     * @return its path.
     */
    public Path file()
    {
        return file;
    }

    /**
     * Closes the file and marks it cleanly closed.
     */
    @Override
    public void close()
    {
        map.close();
        try
        {
            Files.writeString(marker(file), "closed cleanly\n");
        }
        catch (final IOException ex)
        {
            LOG.warn("could not mark {} as cleanly closed; the next start will recover it", file, ex);
        }
    }
}
