package io.tailor.grid.webhook;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import com.hazelcast.query.Predicate;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Selects the outboxes holding dead letters of one webhook, where they are (a query over every partition).
 */
public final class DeadLettersOf implements Predicate<String, Outbox>, IdentifiedDataSerializable
{
    private String webhook;

    /** For deserialization. */
    public DeadLettersOf()
    {
    }

    /**
     * The predicate.
     *
     * @param webhook webhook id.
     */
    public DeadLettersOf(final String webhook)
    {
        this.webhook = webhook;
    }

    @Override
    public boolean apply(final Map.Entry<String, Outbox> entry)
    {
        final Outbox outbox = entry.getValue();
        if (outbox == null)
        {
            return false;
        }
        for (final Outbox.Delivery delivery : outbox.dead())
        {
            if (delivery.webhook().equals(webhook))
            {
                return true;
            }
        }
        return false;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.DEAD_LETTERS_OF;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(webhook);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        webhook = in.readString();
    }
}
