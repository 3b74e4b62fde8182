package io.tailor.grid.feed;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.util.Map;

/**
 * Defines or redefines a feed, due for a fetch at once (a {@code null} definition deletes it, leaving a tombstone),
 * on its owner: the version grows by one on every change, the creation time, the last fetch's outcome and the ids it
 * carried survive redefinitions (the next fetch diffs against them). Returns the record that was there before
 * ({@code null} when there was none, a tombstone when the feed was deleted); what a definition stores is
 * {@link #defined(FeedRecord, String, long)} of it, so the caller knows both without another read.
 */
public final class PutFeedProcessor implements EntryProcessor<String, FeedRecord, FeedRecord>,
    IdentifiedDataSerializable
{
    private String definition;
    private long nowMs;
    private transient FeedRecord written;

    /** For deserialization. */
    public PutFeedProcessor()
    {
    }

    /**
     * A change.
     *
     * @param definition the definition, or {@code null} to delete.
     * @param nowMs      when.
     */
    public PutFeedProcessor(final String definition, final long nowMs)
    {
        this.definition = definition;
        this.nowMs = nowMs;
    }

    @Override
    public FeedRecord process(final Map.Entry<String, FeedRecord> entry)
    {
        final FeedRecord current = entry.getValue();
        final boolean exists = current != null && !current.deleted();
        if (definition == null && !exists)
        {
            return null;
        }
        final FeedRecord next = definition == null ? new FeedRecord(null, current.version() + 1,
            current.createdAtMs(), nowMs, Long.MAX_VALUE, null, null) : defined(current, definition, nowMs);
        entry.setValue(next);
        written = next;
        return current;
    }

    /**
     * What a definition stores over what was there.
     *
     * @param current    the record there, a tombstone or {@code null}.
     * @param definition the definition.
     * @param nowMs      when.
     * @return the record stored.
     */
    public static FeedRecord defined(final FeedRecord current, final String definition, final long nowMs)
    {
        final boolean exists = current != null && !current.deleted();
        return new FeedRecord(definition, current == null ? 1 : current.version() + 1,
            exists ? current.createdAtMs() : nowMs, nowMs, nowMs, exists ? current.lastFetch() : null,
            exists ? current.packedIds() : null);
    }

    @Override
    public EntryProcessor<String, FeedRecord, FeedRecord> getBackupProcessor()
    {
        final FeedRecord record = written;
        return record == null ? null : new SetValueProcessor<>(record);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.PUT_FEED;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(definition);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        definition = in.readString();
        nowMs = in.readLong();
    }
}
