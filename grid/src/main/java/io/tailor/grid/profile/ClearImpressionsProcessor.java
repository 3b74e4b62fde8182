package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Removes a shopper's impression record from its partition's entry ({@link PartitionImpressions}) on the owner
 * and the backup (erasure, withdrawn consent, an id linked to a customer), and from the owner's replica. Returns
 * the record removed, or {@code null}.
 */
public final class ClearImpressionsProcessor
    implements EntryProcessor<String, PartitionImpressions, Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private transient MemberContext member;
    private String shopper;
    private boolean backup;

    /** For deserialization. */
    public ClearImpressionsProcessor()
    {
    }

    /**
     * A removal of one shopper's record.
     *
     * @param shopper the shopper's profile key.
     * @param backup  true for the copy run on the backup.
     */
    ClearImpressionsProcessor(final String shopper, final boolean backup)
    {
        this.shopper = shopper;
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
        final PartitionImpressions records = entry.getValue();
        final byte[] removed = records == null ? null : records.remove(shopper);
        if (removed != null)
        {
            entry.setValue(records);
        }
        final MemberContext context = member;
        if (context != null && !backup)
        {
            context.replica().putImpressions(shopper, null);
        }
        return removed;
    }

    @Override
    public EntryProcessor<String, PartitionImpressions, Object> getBackupProcessor()
    {
        return new ClearImpressionsProcessor(shopper, true);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.CLEAR_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(shopper);
        out.writeBoolean(backup);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        shopper = in.readString();
        backup = in.readBoolean();
    }
}
