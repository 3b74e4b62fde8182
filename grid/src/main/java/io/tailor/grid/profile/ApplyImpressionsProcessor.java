package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ImpressionRecord;

import java.io.IOException;
import java.util.Map;

/**
 * Applies a partition's batch of served lists to its shoppers' impression records, on the owner of the partition's
 * one entry ({@link PartitionImpressions}) with {@code submitToKey}: each record is decoded once, every list of its
 * shopper applied in order (a list applied before counts once), and stored once (into its own array when it has
 * room); then the records idle for longer than the counting and the attribution windows and an hour are swept.
 * The result depends only on the partition's records and the batch, so the backup runs the same batch; only the
 * owner's instance updates the owner-local replica. Returns nothing.
 */
public final class ApplyImpressionsProcessor
    implements EntryProcessor<String, PartitionImpressions, Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    /** A record nobody changed for a counting window, an attribution window and this long counts nothing. */
    static final long IDLE_MARGIN_MS = 3_600_000L;

    private static final ThreadLocal<ImpressionRecord> SCRATCH = ThreadLocal.withInitial(ImpressionRecord::new);

    private transient MemberContext member;
    private ImpressionBatch batch;
    private boolean backup;

    /** For deserialization. */
    public ApplyImpressionsProcessor()
    {
    }

    /**
     * A processor for one batch.
     *
     * @param batch  served lists of one partition's shoppers.
     * @param backup true for the copy run on the backup.
     */
    ApplyImpressionsProcessor(final ImpressionBatch batch, final boolean backup)
    {
        this.batch = batch;
        this.backup = backup;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<String, PartitionImpressions> entry)
    {
        final MemberContext context = member;
        if (context == null)
        {
            return null;
        }
        final long windowMs = context.updater().impressionWindowMs();
        final long attributionWindowMs = context.attributionWindowMs();
        final PartitionImpressions stored = entry.getValue();
        final PartitionImpressions records = stored == null ? new PartitionImpressions() : stored;
        final ImpressionRecord record = SCRATCH.get();
        final ProfileReplica replica = backup ? null : context.replica();
        final int partition = batch.partition();
        long latestMs = Long.MIN_VALUE;
        for (int keyIndex = 0, keys = batch.keyCount(); keyIndex < keys; keyIndex++)
        {
            final String key = batch.key(keyIndex);
            record.decode(records.get(key));
            boolean changed = false;
            long atMs = Long.MIN_VALUE;
            for (int list = batch.firstList(keyIndex), end = batch.endList(keyIndex); list < end; list++)
            {
                final long[] products = batch.products(list);
                atMs = Math.max(atMs, batch.atMs(list));
                changed |= record.apply(batch.listKey(list), products, products.length, batch.atMs(list), windowMs,
                    batch.tag(list), batch.arm(list), attributionWindowMs);
            }
            latestMs = Math.max(latestMs, atMs);
            if (changed)
            {
                // Into the held array when it has room (readers copy it under its version), so that a served list
                // is not a new record for the young collector to copy.
                final byte[] bytes = record.store();
                records.put(key, bytes, atMs);
                if (replica != null)
                {
                    replica.putImpressions(key, partition, bytes);
                }
            }
        }
        if (latestMs != Long.MIN_VALUE)
        {
            records.sweep(latestMs, Math.max(windowMs, attributionWindowMs) + IDLE_MARGIN_MS,
                replica == null ? null : key -> replica.putImpressions(key, partition, null));
        }
        // The same object when it was there: setValue marks the entry changed (Hazelcast's bookkeeping); the
        // backup's copy changes by the backup processor, not by this value.
        entry.setValue(records);
        return null;
    }

    @Override
    public EntryProcessor<String, PartitionImpressions, Object> getBackupProcessor()
    {
        return new ApplyImpressionsProcessor(batch, true);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.APPLY_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeBoolean(backup);
        batch.writeTo(out);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        backup = in.readBoolean();
        batch = ImpressionBatch.readFrom(in);
    }
}
