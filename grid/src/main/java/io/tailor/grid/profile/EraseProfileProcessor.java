package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.TombstoneRecord;

import java.io.IOException;
import java.util.Map;

/**
 * Erases a shopper's profile (or the forward record of an id linked to a customer) on its owner: the record
 * becomes a tombstone one version newer, which the owner's data file keeps (write-through) and the backup
 * receives, so no older copy can win against it later. Returns the erased record, so the caller can say what
 * was erased (the tombstone's version is one more than its version), or {@code null} when there was none.
 */
public final class EraseProfileProcessor extends ProfileWriteProcessor<byte[]>
{
    private long erasedAtMs;

    /** For deserialization. */
    public EraseProfileProcessor()
    {
    }

    /**
     * Erasure at a time.
     *
     * @param erasedAtMs when, epoch milliseconds.
     */
    public EraseProfileProcessor(final long erasedAtMs)
    {
        this.erasedAtMs = erasedAtMs;
    }

    @Override
    public byte[] process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (!ProfileCodec.isProfile(current) && !ForwardRecord.isForward(current))
        {
            return null;
        }
        final long version = ProfileCodec.version(current) + 1;
        write(entry, TombstoneRecord.encode(version, erasedAtMs));
        return current;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.ERASE_PROFILE;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(erasedAtMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        erasedAtMs = in.readLong();
    }
}
