package io.tailor.grid;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.catalog.CatalogEntry;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.profile.MemberContext;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;

/**
 * Sent to every other member after a catalog write: shows the written entries in the member's local view
 * (mirror and model snapshot) and answers once that member's snapshot has them.
 * <p>
 * Why: an event is applied on the owner of its shopper's profile, with the owner's snapshot. Without this
 * task an event sent right after an upload, on any node, could reach an owner that had not yet rebuilt its
 * snapshot, and the profile would keep the product without its category, brand and vector for good. With
 * it, an upload answers only once every member can apply events about the product.
 */
public final class ShowCatalogTask implements Callable<Boolean>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private static final long WAIT_SECONDS = 10;

    private Map<String, CatalogEntry> written;
    private transient MemberContext member;

    /** For deserialization. */
    public ShowCatalogTask()
    {
    }

    /**
     * Shows written entries.
     *
     * @param written entries now in the catalog map, by product id (tombstones included).
     */
    public ShowCatalogTask(final Map<String, CatalogEntry> written)
    {
        this.written = written;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    /**
     * Shows the entries on this member and waits until its snapshot has them.
     *
     * @return true when shown; false on a member still starting, which loads the map itself.
     * @throws Exception when the local view failed or took too long.
     */
    @Override
    public Boolean call() throws Exception
    {
        final CatalogStore.LocalView view = member == null ? null : member.catalogView();
        if (view == null)
        {
            return Boolean.FALSE;
        }
        view.show(written).toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
        return Boolean.TRUE;
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SHOW_CATALOG;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeInt(written.size());
        for (final Map.Entry<String, CatalogEntry> entry : written.entrySet())
        {
            out.writeString(entry.getKey());
            out.writeObject(entry.getValue());
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        final int size = in.readInt();
        written = new HashMap<>(size * 2);
        for (int i = 0; i < size; i++)
        {
            written.put(in.readString(), in.readObject());
        }
    }
}
