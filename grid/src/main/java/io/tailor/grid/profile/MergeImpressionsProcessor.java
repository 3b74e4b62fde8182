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
 * Adds a linked id's impression record to its customer's on the owner ({@link ImpressionRecord#merge}), so the
 * frequency cap counts what the id was shown and a purchase is credited to a list the id saw before it was linked.
 * The result depends only on the two records and the time carried, so the backup runs the same merge; only the
 * owner's instance updates the owner-local replica. Returns nothing.
 */
public final class MergeImpressionsProcessor
    implements EntryProcessor<String, PartitionImpressions, Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private static final ThreadLocal<ImpressionRecord> TARGET = ThreadLocal.withInitial(ImpressionRecord::new);
    private static final ThreadLocal<ImpressionRecord> SOURCE = ThreadLocal.withInitial(ImpressionRecord::new);

    private transient MemberContext member;
    private String shopper;
    private byte[] source;
    private long nowMs;
    private boolean backup;

    /** For deserialization. */
    public MergeImpressionsProcessor()
    {
    }

    /**
     * A merge of one record.
     *
     * @param shopper the customer's profile key.
     * @param source  the linked id's record.
     * @param nowMs  when: what has passed its window by then is dropped.
     * @param backup true for the copy run on the backup.
     */
    MergeImpressionsProcessor(final String shopper, final byte[] source, final long nowMs, final boolean backup)
    {
        this.shopper = shopper;
        this.source = source;
        this.nowMs = nowMs;
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
        if (context == null || !ImpressionRecord.isRecord(source))
        {
            return null;
        }
        final PartitionImpressions stored = entry.getValue();
        final PartitionImpressions records = stored == null ? new PartitionImpressions() : stored;
        final ImpressionRecord record = TARGET.get().decode(records.get(shopper));
        record.merge(SOURCE.get().decode(source), nowMs, context.updater().impressionWindowMs(),
            context.attributionWindowMs());
        final byte[] bytes = record.encode();
        records.put(shopper, bytes, nowMs);
        entry.setValue(records);
        if (!backup)
        {
            context.replica().putImpressions(shopper, bytes);
        }
        return null;
    }

    @Override
    public EntryProcessor<String, PartitionImpressions, Object> getBackupProcessor()
    {
        return new MergeImpressionsProcessor(shopper, source, nowMs, true);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.MERGE_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(shopper);
        out.writeBoolean(backup);
        out.writeLong(nowMs);
        out.writeByteArray(source);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        shopper = in.readString();
        backup = in.readBoolean();
        nowMs = in.readLong();
        source = in.readByteArray();
    }
}
