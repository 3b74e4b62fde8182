package io.tailor.grid.support;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Defines or redefines a {@link JsonDefinition} (a {@code null} definition deletes it, leaving a tombstone), on its
 * owner: the version grows by one on every change and the creation time survives redefinitions. Returns the stored
 * definition, or for a deletion the definition that was deleted ({@code null} when there was none). The backup gets
 * the definition written, never deciding again.
 *
 * @param <D> the kind of definition.
 */
public abstract class PutDefinitionProcessor<D extends JsonDefinition>
    implements EntryProcessor<String, D, D>, IdentifiedDataSerializable
{
    private final JsonDefinition.Kind<D> kind;
    private String json;
    private long nowMs;
    private transient D written;

    /**
     * A change.
     *
     * @param kind  makes a definition of this kind.
     * @param json  the definition, or {@code null} to delete.
     * @param nowMs when.
     */
    protected PutDefinitionProcessor(final JsonDefinition.Kind<D> kind, final String json, final long nowMs)
    {
        this.kind = kind;
        this.json = json;
        this.nowMs = nowMs;
    }

    @Override
    public final D process(final Map.Entry<String, D> entry)
    {
        final D current = entry.getValue();
        final boolean exists = current != null && !current.deleted();
        if (json == null && !exists)
        {
            return null;
        }
        final D next = kind.create(json, current == null ? 1 : current.version() + 1,
            exists ? current.createdAtMs() : nowMs, nowMs);
        entry.setValue(next);
        written = next;
        return json == null ? current : next;
    }

    @Override
    public final EntryProcessor<String, D, D> getBackupProcessor()
    {
        final D definition = written;
        return definition == null ? null : new SetValueProcessor<>(definition);
    }

    @Override
    public final int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public final void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(json);
        out.writeLong(nowMs);
    }

    @Override
    public final void readData(final ObjectDataInput in) throws IOException
    {
        json = in.readString();
        nowMs = in.readLong();
    }
}
