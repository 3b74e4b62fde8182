package io.tailor.grid.identity;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.StreamSerializer;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * {@link IdentityLink} between members: the same binary form as in the data files.
 */
public final class IdentityLinkSerializer implements StreamSerializer<IdentityLink>
{
    @Override
    public void write(final ObjectDataOutput out, final IdentityLink link) throws IOException
    {
        out.writeByteArray(link.encode());
    }

    @Override
    public IdentityLink read(final ObjectDataInput in) throws IOException
    {
        return IdentityLink.decode(in.readByteArray());
    }

    @Override
    public int getTypeId()
    {
        return TypeIds.IDENTITY_LINK_TYPE;
    }
}
