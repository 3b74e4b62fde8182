package io.tailor.grid.identity;

import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.grid.support.SetValueProcessor;

import java.io.IOException;
import java.util.Map;

/**
 * Links an anonymous id or a loyalty card to a customer in the {@code identities} map, on its owner, in one
 * step: the authoritative record of whose the id is. An id linked to another customer is moved only when
 * allowed (a shared device's cookie), never for a loyalty card.
 * <p>
 * Returns the customer the id was linked to before ({@code ""} for none): equal to the new one when it was
 * linked already; another one means moved, or, when moving is not allowed, a conflict and nothing changed.
 */
public final class ClaimAliasProcessor
    implements EntryProcessor<String, IdentityLink, String>, IdentifiedDataSerializable
{
    private String user;
    private boolean allowMove;
    private long nowMs;
    private transient IdentityLink written;

    /** For deserialization. */
    public ClaimAliasProcessor()
    {
    }

    /**
     * A claim.
     *
     * @param user      key of the customer's profile.
     * @param allowMove whether an id linked to another customer moves.
     * @param nowMs     when.
     */
    public ClaimAliasProcessor(final String user, final boolean allowMove, final long nowMs)
    {
        this.user = user;
        this.allowMove = allowMove;
        this.nowMs = nowMs;
    }

    @Override
    public String process(final Map.Entry<String, IdentityLink> entry)
    {
        final IdentityLink current = entry.getValue();
        final String previous = current == null || current.erased() ? "" : current.user();
        if (previous.equals(user) || (!previous.isEmpty() && !allowMove))
        {
            return previous;
        }
        final IdentityLink link = new IdentityLink(user, current == null ? 1 : current.version() + 1, nowMs);
        entry.setValue(link);
        written = link;
        return previous;
    }

    @Override
    public EntryProcessor<String, IdentityLink, String> getBackupProcessor()
    {
        final IdentityLink link = written;
        return link == null ? null : new SetValueProcessor<>(link);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.CLAIM_ALIAS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeString(user);
        out.writeBoolean(allowMove);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        user = in.readString();
        allowMove = in.readBoolean();
        nowMs = in.readLong();
    }
}
