package io.tailor.grid.persist;

import com.hazelcast.map.MapStore;

import java.util.Collection;
import java.util.Map;
import java.util.function.Function;

/**
 * Write-through from a Hazelcast map to this member's data file: Hazelcast calls it on the partition
 * owner, on the partition thread, before a change is acknowledged.
 * <p>
 * It loads nothing through Hazelcast's loader contract, which assumes one shared store: every member
 * loads its own files at start ({@link FileLoader}), and a miss in the map is a miss.
 *
 * @param <K> key type.
 * @param <V> value type.
 */
public final class FileMapStore<K, V> implements MapStore<K, V>
{
    private final Function<MemberFiles, LocalFile<K>> file;
    private final Function<V, byte[]> encoder;
    private volatile MemberFiles files;

    /**
     * A store writing through to one of the member's files.
     *
     * @param file    which file of the member's.
     * @param encoder value to bytes.
     */
    public FileMapStore(final Function<MemberFiles, LocalFile<K>> file, final Function<V, byte[]> encoder)
    {
        this.file = file;
        this.encoder = encoder;
    }

    /**
     * Connects the store to the member's open files; until then writes fail loudly.
     *
     * @param memberFiles the files.
     */
    public void attach(final MemberFiles memberFiles)
    {
        this.files = memberFiles;
    }

    @Override
    public void store(final K key, final V value)
    {
        target().put(key, encoder.apply(value));
    }

    @Override
    public void storeAll(final Map<K, V> entries)
    {
        final LocalFile<K> target = target();
        for (final Map.Entry<K, V> entry : entries.entrySet())
        {
            target.put(entry.getKey(), encoder.apply(entry.getValue()));
        }
    }

    @Override
    public void delete(final K key)
    {
        target().remove(key);
    }

    @Override
    public void deleteAll(final Collection<K> keys)
    {
        final LocalFile<K> target = target();
        for (final K key : keys)
        {
            target.remove(key);
        }
    }

    @Override
    public V load(final K key)
    {
        return null;
    }

    @Override
    public Map<K, V> loadAll(final Collection<K> keys)
    {
        return Map.of();
    }

    @Override
    public Iterable<K> loadAllKeys()
    {
        return null;
    }

    private LocalFile<K> target()
    {
        final MemberFiles memberFiles = files;
        if (memberFiles == null)
        {
            throw new IllegalStateException("data files are not open yet");
        }
        return file.apply(memberFiles);
    }
}
