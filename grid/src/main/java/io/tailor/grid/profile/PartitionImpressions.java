package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * The impression records ({@link io.tailor.scoring.profile.ImpressionRecord}) of one partition's shoppers: the
 * value of the {@code impression-partitions} map's one entry per partition ({@link ImpressionStore}). A flush applies a
 * partition's served lists with one operation on one entry, not one map entry per shopper: Hazelcast's per-entry
 * work (key lookup, record update, expiry bookkeeping) cost as much as applying the lists (benchmarks/RESULTS.md).
 * <p>
 * Held in object form and changed in place, only on the partition's thread (owner and backup each change their
 * own copy with the same batch); Hazelcast serializes it whole to migrate or re-sync a partition. A record nobody
 * changed for the idle time is dropped by {@link #sweep}, which the batches call on the time they carry, so owner
 * and backup drop the same records; a partition that gets no more lists keeps its records until it does.
 * <p>
 * After a split brain, the map's merge policy keeps one side's entry per partition whole (the higher version): the
 * other side's lists served during the split are not counted, where per-shopper entries kept each shopper's newer
 * record.
 */
public final class PartitionImpressions implements IdentifiedDataSerializable
{
    /** How often a partition's records are swept for idle ones, in the batches' time. */
    static final long SWEEP_INTERVAL_MS = 60_000L;

    private final Map<String, Held> records = new HashMap<>();
    /** Not serialized: after a migration the first batch sweeps. */
    private long nextSweepAtMs;

    /** A shopper's record and when it last changed. */
    private static final class Held
    {
        byte[] bytes;
        long changedAtMs;

        Held(final byte[] bytes, final long changedAtMs)
        {
            this.bytes = bytes;
            this.changedAtMs = changedAtMs;
        }
    }

    /** An empty partition; also for deserialization. */
    public PartitionImpressions()
    {
    }

    /**
     * A shopper's record.
     *
     * @param key profile key.
     * @return the record's bytes (the held array itself), or {@code null}.
     */
    public byte[] get(final String key)
    {
        final Held held = records.get(key);
        return held == null ? null : held.bytes;
    }

    /**
     * Holds a shopper's record as changed at a time.
     *
     * @param key   profile key.
     * @param bytes the record (this instance keeps the array).
     * @param atMs  when it changed.
     */
    public void put(final String key, final byte[] bytes, final long atMs)
    {
        final Held held = records.get(key);
        if (held == null)
        {
            records.put(key, new Held(bytes, atMs));
        }
        else
        {
            held.bytes = bytes;
            held.changedAtMs = Math.max(held.changedAtMs, atMs);
        }
    }

    /**
     * Drops a shopper's record.
     *
     * @param key profile key.
     * @return the record it held, or {@code null}.
     */
    public byte[] remove(final String key)
    {
        final Held held = records.remove(key);
        return held == null ? null : held.bytes;
    }

    /**
     * Shoppers with a record.
     *
     * @return the count.
     */
    public int size()
    {
        return records.size();
    }

    /**
     * Every record, for filling the owner's replica.
     *
     * @param action called with each profile key and record.
     */
    public void forEach(final BiConsumer<String, byte[]> action)
    {
        records.forEach((key, held) -> action.accept(key, held.bytes));
    }

    /**
     * Drops the records unchanged for longer than the idle time, at most once per {@link #SWEEP_INTERVAL_MS} of
     * the times passed in.
     *
     * @param nowMs   the time of the batch being applied.
     * @param idleMs  how long a record may stay unchanged (it counts nothing after that).
     * @param dropped called with each dropped key, or {@code null}.
     * @return how many records were dropped.
     */
    public int sweep(final long nowMs, final long idleMs, final Consumer<String> dropped)
    {
        if (nowMs < nextSweepAtMs)
        {
            return 0;
        }
        nextSweepAtMs = nowMs + SWEEP_INTERVAL_MS;
        int count = 0;
        for (final Iterator<Map.Entry<String, Held>> it = records.entrySet().iterator(); it.hasNext(); )
        {
            final Map.Entry<String, Held> entry = it.next();
            if (nowMs - entry.getValue().changedAtMs > idleMs)
            {
                it.remove();
                count++;
                if (dropped != null)
                {
                    dropped.accept(entry.getKey());
                }
            }
        }
        return count;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PARTITION_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeInt(records.size());
        for (final Map.Entry<String, Held> entry : records.entrySet())
        {
            out.writeString(entry.getKey());
            out.writeLong(entry.getValue().changedAtMs);
            out.writeByteArray(entry.getValue().bytes);
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        records.clear();
        for (int n = in.readInt(); n > 0; n--)
        {
            final String key = in.readString();
            final long changedAtMs = in.readLong();
            records.put(key, new Held(in.readByteArray(), changedAtMs));
        }
    }
}
