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
 * Applies a partition's batch of served lists to its shoppers' impression records, on the owner with
 * {@code submitToKeys}: each record is decoded once, every list of its shopper applied in order (a list applied
 * before counts once), and stored once (into its own array when it has room). The result depends only on the
 * record and the batch, so the backup runs the same batch; only the owner's instance updates the owner-local
 * replica. Returns nothing.
 */
public final class ApplyImpressionsProcessor
    implements EntryProcessor<String, byte[], Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
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
    public Object process(final Map.Entry<String, byte[]> entry)
    {
        final int keyIndex = batch.indexOf(entry.getKey());
        final MemberContext context = member;
        if (keyIndex < 0 || context == null)
        {
            return null;
        }
        final long windowMs = context.updater().impressionWindowMs();
        final long attributionWindowMs = context.attributionWindowMs();
        final ImpressionRecord record = SCRATCH.get().decode(entry.getValue());
        boolean changed = false;
        for (int list = batch.firstList(keyIndex), end = batch.endList(keyIndex); list < end; list++)
        {
            final long[] products = batch.products(list);
            changed |= record.apply(batch.listKey(list), products, products.length, batch.atMs(list), windowMs,
                batch.tag(list), batch.arm(list), attributionWindowMs);
        }
        if (changed)
        {
            // Into the stored array when it has room (readers copy it under its version), so that a served list
            // is not a new record for the young collector to copy; setValue either way, for the expiry and backup.
            final byte[] bytes = record.store();
            entry.setValue(bytes);
            if (!backup)
            {
                context.replica().putImpressions(entry.getKey(), batch.partition(), bytes);
            }
        }
        return null;
    }

    @Override
    public EntryProcessor<String, byte[], Object> getBackupProcessor()
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
