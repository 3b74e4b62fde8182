package io.tailor.grid.webhook;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.util.Map;

/**
 * Defines or redefines a webhook (a {@code null} definition deletes it, leaving a tombstone), on its owner:
 * the version grows by one on every change and the creation time survives redefinitions. Returns the stored
 * definition, or for a deletion the definition that was deleted ({@code null} when there was none).
 */
public final class PutWebhookProcessor
    implements EntryProcessor<String, WebhookDefinition, WebhookDefinition>, IdentifiedDataSerializable
{
    private String json;
    private long nowMs;
    private transient WebhookDefinition written;

    /** For deserialization. */
    public PutWebhookProcessor()
    {
    }

    /**
     * A change.
     *
     * @param json  the definition, or {@code null} to delete.
     * @param nowMs when.
     */
    public PutWebhookProcessor(final String json, final long nowMs)
    {
        this.json = json;
        this.nowMs = nowMs;
    }

    @Override
    public WebhookDefinition process(final Map.Entry<String, WebhookDefinition> entry)
    {
        final WebhookDefinition current = entry.getValue();
        final boolean exists = current != null && !current.deleted();
        if (json == null && !exists)
        {
            return null;
        }
        final WebhookDefinition next = new WebhookDefinition(json, current == null ? 1 : current.version() + 1,
            exists ? current.createdAtMs() : nowMs, nowMs);
        entry.setValue(next);
        written = next;
        return json == null ? current : next;
    }

    @Override
    public EntryProcessor<String, WebhookDefinition, WebhookDefinition> getBackupProcessor()
    {
        final WebhookDefinition definition = written;
        return definition == null ? null : new SetValueProcessor<>(definition);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_WEBHOOK;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(json);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        json = in.readString();
        nowMs = in.readLong();
    }
}
