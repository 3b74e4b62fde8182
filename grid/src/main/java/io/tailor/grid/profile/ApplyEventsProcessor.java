package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.EventSerialization;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.util.Hashing;

import java.io.IOException;
import java.util.List;

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
 * Returns {@code int[]{accepted, duplicates, applied(0), applied(1), ...}}, one flag per event after the two counts:
 * 1 when the event changed the profile (its id, when it has one, is seen for the first time), 0 for a duplicate or an
 * event of a shopper who objected to personalization, and 0 for a click on a product of a served list already clicked
 * (under another event id); so a caller can credit an event once per id, a click once per list and product. Or,
 * when the profile was merged into another one (a forward record), the key of that profile as a {@code String}: the
 * caller applies the events there instead.
 */
public final class ApplyEventsProcessor extends ProfileChangeProcessor
{
    private List<Event> events;

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
    protected Object change(final Profile profile, final MemberContext context)
    {
        final CatalogSnapshot catalog = context.models().current().catalog();
        final ProfileUpdater updater = context.updater();
        final int size = events.size();
        final int[] result = new int[2 + size];
        int applied = 0;
        int anonymous = 0;
        int duplicates = 0;
        for (int i = 0; i < size; i++)
        {
            // An applied event, and only an applied event, raises the profile's version: the profile is stored
            // when one was applied.
            switch (updater.apply(profile, events.get(i), catalog, context.signals()))
            {
                case APPLIED ->
                {
                    applied++;
                    result[2 + i] = creditable(updater, profile, events.get(i)) ? 1 : 0;
                }
                case ANONYMOUS -> anonymous++;
                default -> duplicates++;
            }
        }
        result[0] = applied + anonymous;
        result[1] = duplicates;
        return result;
    }

    /** A click is credited once per served list and product; any other applied event once per id. */
    private static boolean creditable(final ProfileUpdater updater, final Profile profile, final Event event)
    {
        if (event.type() != EventType.CLICK || event.requestId() == null || event.product() == null)
        {
            return true;
        }
        return updater.firstCredit(profile, Hashing.key("click", event.requestId() + "/" + event.product()));
    }

    @Override
    public int getClassId()
    {
        return TypeIds.APPLY_EVENTS;
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
