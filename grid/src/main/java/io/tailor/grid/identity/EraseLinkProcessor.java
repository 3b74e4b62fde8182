package io.tailor.grid.identity;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.Map;

/**
 * Erases identity links of a customer: each becomes a tombstone one version newer. Run over the entries the
 * {@code user} index finds, or on one id; only links to the given customer are touched, so a backup (holding
 * the same links) makes the same decisions. Returns the tombstone's version, or {@code null} when the entry is
 * not linked to the customer.
 */
public final class EraseLinkProcessor implements EntryProcessor<String, IdentityLink, Long>, IdentifiedDataSerializable
{
    private String user;
    private long nowMs;

    /** For deserialization. */
    public EraseLinkProcessor()
    {
    }

    /**
     * Erasure of links to a customer.
     *
     * @param user  key of the customer's profile.
     * @param nowMs when.
     */
    public EraseLinkProcessor(final String user, final long nowMs)
    {
        this.user = user;
        this.nowMs = nowMs;
    }

    @Override
    public Long process(final Map.Entry<String, IdentityLink> entry)
    {
        final IdentityLink current = entry.getValue();
        if (current == null || current.erased() || !current.user().equals(user))
        {
            return null;
        }
        final long version = current.version() + 1;
        entry.setValue(new IdentityLink(null, version, nowMs));
        return version;
    }

    @Override
    public EntryProcessor<String, IdentityLink, Long> getBackupProcessor()
    {
        return this;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.ERASE_LINK;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(user);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        user = in.readString();
        nowMs = in.readLong();
    }
}
