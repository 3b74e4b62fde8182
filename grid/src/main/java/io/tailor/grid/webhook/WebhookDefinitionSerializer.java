package io.tailor.grid.webhook;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link WebhookDefinition} between members: the same binary form as in the data files.
 */
public final class WebhookDefinitionSerializer implements StreamSerializer<WebhookDefinition>
{
    @Override
    public void write(final ObjectDataOutput out, final WebhookDefinition definition) throws IOException
    {
        out.writeByteArray(definition.encode());
    }

    @Override
    public WebhookDefinition read(final ObjectDataInput in) throws IOException
    {
        return WebhookDefinition.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.WEBHOOK_DEFINITION_TYPE;
    }
}
