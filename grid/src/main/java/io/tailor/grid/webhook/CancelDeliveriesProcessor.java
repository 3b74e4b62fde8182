package io.tailor.grid.webhook;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Erasure of a customer's trigger state, on the partition owner: pending deliveries are cancelled, memberships and
 * dead letters (they name the customer) forgotten. What stays is an empty outbox with a higher version, so an older
 * copy in some member's data file never comes back. Returns how many pending deliveries were cancelled.
 */
public final class CancelDeliveriesProcessor
    implements EntryProcessor<String, Outbox, Integer>, IdentifiedDataSerializable
{
    private transient Outbox written;

    @Override
    public Integer process(final Map.Entry<String, Outbox> entry)
    {
        final Outbox current = entry.getValue();
        if (current == null)
        {
            return 0;
        }
        final Outbox next = new Outbox(current.version() + 1, Set.of(), List.of(), List.of());
        entry.setValue(next);
        written = next;
        return current.pending().size();
    }

    @Override
    public EntryProcessor<String, Outbox, Integer> getBackupProcessor()
    {
        final Outbox outbox = written;
        return outbox == null ? null : new SetValueProcessor<>(outbox);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.CANCEL_DELIVERIES;
    }

    @Override
    public void writeData(final ObjectDataOutput out)
    {
    }

    @Override
    public void readData(final ObjectDataInput in)
    {
    }
}
