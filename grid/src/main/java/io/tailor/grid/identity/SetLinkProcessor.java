package io.tailor.grid.identity;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.GridSerialization;

import java.io.IOException;
import java.util.Map;

/**
 * Stores an identity link as decided on the owner: the backup side of {@link ClaimAliasProcessor}.
 */
public final class SetLinkProcessor implements EntryProcessor<String, IdentityLink, String>, IdentifiedDataSerializable
{
    private IdentityLink link;

    /** For deserialization. */
    public SetLinkProcessor()
    {
    }

    /**
     * Processor that stores a link.
     *
     * @param link the link.
     */
    public SetLinkProcessor(final IdentityLink link)
    {
        this.link = link;
    }

    @Override
    public String process(final Map.Entry<String, IdentityLink> entry)
    {
        entry.setValue(link);
        return null;
    }

    @Override
    public EntryProcessor<String, IdentityLink, String> getBackupProcessor()
    {
        return this;
    }

    @Override
    public int getFactoryId()
    {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return GridSerialization.SET_LINK;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByteArray(link.encode());
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        link = IdentityLink.decode(in.readByteArray());
    }
}
