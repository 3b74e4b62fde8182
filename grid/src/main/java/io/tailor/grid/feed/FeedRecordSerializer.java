package io.tailor.grid.feed;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link FeedRecord} between members: the same binary form as in the data files.
 */
public final class FeedRecordSerializer implements StreamSerializer<FeedRecord>
{
    @Override
    public void write(final ObjectDataOutput out, final FeedRecord record) throws IOException
    {
        out.writeByteArray(record.encode());
    }

    @Override
    public FeedRecord read(final ObjectDataInput in) throws IOException
    {
        return FeedRecord.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.FEED_RECORD_TYPE;
    }
}
