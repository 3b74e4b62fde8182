package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.core.HazelcastInstanceAware;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.cluster.MemberContext;
import io.tailor.grid.serialization.EventSerialization;
import io.tailor.grid.serialization.GridSerialization;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Applies a shopper's events to the shopper's profile on the partition owner, in one step.
 * <p>
 * Runs on the owner's partition thread: decodes the stored profile (or starts an empty one, after a
 * tombstone with versions continuing the erased profile's), lets the
 * {@link ProfileUpdater} apply each event with this member's catalog snapshot, stores the new binary
 * form and hands it to the owner-local {@link ProfileReplica}. Duplicates change nothing; events of a shopper
 * without personalization consent only feed the item aggregates. Item signals of applied events go to this
 * member's aggregator. The backup gets the resulting bytes through {@link SetProfileProcessor}, so backups
 * never re-run the update and never emit signals twice.
 * <p>
 * Returns {@code int[]{accepted, duplicates}}, or, when the profile was merged into another one (a forward
 * record), the key of that profile as a {@code String}: the caller applies the events there instead.
 */
public final class ApplyEventsProcessor
    implements EntryProcessor<String, byte[], Object>, IdentifiedDataSerializable, HazelcastInstanceAware
{
    private List<Event> events;
    private transient MemberContext member;
    private transient byte[] written;

    /** For deserialization. */
    public ApplyEventsProcessor()
    {
    }

    /**
     * Processor for events of one shopper.
     *
     * @param events validated events, in the order they were received.
     */
    public ApplyEventsProcessor(final List<Event> events)
    {
        this.events = events;
    }

    @Override
    public void setHazelcastInstance(final HazelcastInstance instance)
    {
        this.member = (MemberContext)instance.getUserContext().get(MemberContext.KEY);
    }

    @Override
    public Object process(final Map.Entry<String, byte[]> entry)
    {
        final MemberContext context = member;
        final Profile profile = context.scratchProfile();
        final byte[] current = entry.getValue();
        if (ProfileCodec.isForward(current))
        {
            return ProfileCodec.forwardTarget(current);
        }
        if (current == null)
        {
            profile.clear();
        }
        else if (ProfileCodec.isTombstone(current))
        {
            profile.clearAfterErasure(ProfileCodec.version(current));
        }
        else
        {
            ProfileCodec.decode(current, profile);
        }

        final CatalogSnapshot catalog = context.models().current().catalog();
        final ProfileUpdater updater = context.updater();
        int applied = 0;
        int anonymous = 0;
        int duplicates = 0;
        for (int i = 0, size = events.size(); i < size; i++)
        {
            switch (updater.apply(profile, events.get(i), catalog, context.signals()))
            {
                case APPLIED -> applied++;
                case ANONYMOUS -> anonymous++;
                default -> duplicates++;
            }
        }

        if (applied > 0)
        {
            final byte[] bytes = ProfileCodec.encode(profile);
            entry.setValue(bytes);
            written = bytes;
            context.replica().put(entry.getKey(), bytes);
        }
        return new int[] {applied + anonymous, duplicates};
    }

    @Override
    public EntryProcessor<String, byte[], Object> getBackupProcessor()
    {
        final byte[] bytes = written;
        return bytes == null ? null : new SetProfileProcessor<>(bytes);
    }

    @Override
    public int getFactoryId()
    {
        return GridSerialization.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return GridSerialization.APPLY_EVENTS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        EventSerialization.writeEvents(out, events);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        events = EventSerialization.readEvents(in);
    }
}
