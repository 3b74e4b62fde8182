package io.tailor.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.webhook.WebhookDefinition;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * Sent to every member after a webhook is defined: shows the definition, and those of the segments it watches, to
 * the member's registries ({@link ShownDefinitions}) before the definition is acknowledged.
 * <p>
 * Why: a customer's triggers are evaluated on the partition owner with the owner's registries, which otherwise
 * learn of a definition from the maps' events, a moment later (seconds on a loaded machine). An event sent right
 * after the definition, to any node, could be evaluated by an owner that did not know the webhook or its segment
 * yet; the customer's entry would then never be sent, since a customer without a membership is re-checked only at
 * their next event. With dedicated grid members every owner is another process than the HTTP node that took the
 * definition, so this happened: WebhookClientModeIT lost its first five customers' entries once.
 */
public final class ShowWebhookTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private String id;
    private WebhookDefinition definition;
    private Map<String, SegmentDefinition> segments;
    private transient ShownDefinitions shown;

    /** For deserialization. */
    public ShowWebhookTask()
    {
    }

    /**
     * Shows a definition.
     *
     * @param id         webhook id.
     * @param definition the definition as stored.
     * @param segments   the segments it watches, as stored, by id.
     */
    public ShowWebhookTask(final String id, final WebhookDefinition definition,
        final Map<String, SegmentDefinition> segments)
    {
        this.id = id;
        this.definition = definition;
        this.segments = segments;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.shown = (ShownDefinitions)instance.getUserContext().get(ShownDefinitions.KEY);
    }

    /**
     * Shows the definitions on this member: the segments first, so that the webhook never watches one unknown here.
     *
     * @return true when shown; false on a member whose registries are not started (they load the maps themselves).
     */
    @Override
    public Boolean call()
    {
        final ShownDefinitions registries = shown;
        if (registries == null)
        {
            return Boolean.FALSE;
        }
        for (final Map.Entry<String, SegmentDefinition> segment : segments.entrySet())
        {
            registries.segment(segment.getKey(), segment.getValue());
        }
        registries.webhook(id, definition);
        return Boolean.TRUE;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SHOW_WEBHOOK;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(id);
        out.writeObject(definition);
        out.writeInt(segments.size());
        for (final Map.Entry<String, SegmentDefinition> entry : segments.entrySet())
        {
            out.writeString(entry.getKey());
            out.writeObject(entry.getValue());
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        id = in.readString();
        definition = in.readObject();
        final int size = in.readInt();
        segments = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++)
        {
            segments.put(in.readString(), in.readObject());
        }
    }
}
