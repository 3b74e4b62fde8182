package io.tailor.grid.webhook;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link Outbox} between members: the same binary form as in the data files.
 */
public final class OutboxSerializer implements StreamSerializer<Outbox>
{
    @Override
    public void write(final ObjectDataOutput out, final Outbox outbox) throws IOException
    {
        out.writeByteArray(outbox.encode());
    }

    @Override
    public Outbox read(final ObjectDataInput in) throws IOException
    {
        return Outbox.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.WEBHOOK_OUTBOX_TYPE;
    }
}
