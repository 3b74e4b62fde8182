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
 * Records a fetch's outcome on the feed's owner: the outcome, the ids the fetch applied (unless it applied none, a
 * 304 or a failure) and the next fetch's time. A feed redefined while it was fetched stays due at once (the fetch
 * was of the old definition); a feed deleted meanwhile is left deleted. Returns the stored record, or {@code null}
 * when the feed is gone.
 */
public final class RecordFeedFetchProcessor implements EntryProcessor<String, FeedRecord, FeedRecord>,
    IdentifiedDataSerializable
{
    private String fetchedDefinition;
    private String outcome;
    private byte[] ids;
    private long nextFetchAtMs;
    private long nowMs;
    private transient FeedRecord written;

    /** For deserialization. */
    public RecordFeedFetchProcessor()
    {
    }

    /**
     * A fetch's outcome.
     *
     * @param fetchedDefinition the definition the fetch followed.
     * @param outcome           the outcome, JSON text.
     * @param ids               the ids it applied, packed ({@link FeedRecord#packIds}), or {@code null} to keep
     *                          the ones stored.
     * @param nextFetchAtMs     when the next fetch is due.
     * @param nowMs             when.
     */
    public RecordFeedFetchProcessor(final String fetchedDefinition, final String outcome, final byte[] ids,
        final long nextFetchAtMs, final long nowMs)
    {
        this.fetchedDefinition = fetchedDefinition;
        this.outcome = outcome;
        this.ids = ids;
        this.nextFetchAtMs = nextFetchAtMs;
        this.nowMs = nowMs;
    }

    @Override
    public FeedRecord process(final Map.Entry<String, FeedRecord> entry)
    {
        final FeedRecord current = entry.getValue();
        if (current == null || current.deleted())
        {
            return null;
        }
        final boolean sameDefinition = current.definition().equals(fetchedDefinition);
        final FeedRecord next = new FeedRecord(current.definition(), current.version() + 1, current.createdAtMs(),
            nowMs, sameDefinition ? nextFetchAtMs : current.nextFetchAtMs(), outcome,
            ids == null ? current.packedIds() : ids);
        entry.setValue(next);
        written = next;
        return next;
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
        return TypeIds.RECORD_FEED_FETCH;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(fetchedDefinition);
        out.writeString(outcome);
        out.writeByteArray(ids);
        out.writeLong(nextFetchAtMs);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        fetchedDefinition = in.readString();
        outcome = in.readString();
        ids = in.readByteArray();
        nextFetchAtMs = in.readLong();
        nowMs = in.readLong();
    }
}
