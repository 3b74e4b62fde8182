package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.EventSerialization;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.Exposure;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.util.Hashing;

import java.io.IOException;
import java.util.Arrays;
import java.util.List;

/**
 * Applies a shopper's events to the shopper's profile on the partition owner, in one step.
 * <p>
 * Runs on the owner's partition thread: decodes the stored profile (or starts an empty one, after a
 * tombstone with versions continuing the erased profile's), lets the
 * {@link ProfileUpdater} apply each event with this member's catalog snapshot, stores the new binary
 * form and hands it to the owner-local {@link ProfileReplica}. Duplicates change nothing; events of a shopper
 * without personalization consent only feed the item aggregates. Item signals of applied events go to this
 * member's aggregator, and views and clicks to this member's recent sessions when it keeps them. The backup gets
 * the resulting bytes through {@link SetProfileProcessor}, so backups never re-run the update and never emit
 * signals twice.
 * <p>
 * Returns {@code int[]{accepted, duplicates, applied(0), applied(1), ...}}, one flag per event after the two counts:
 * 1 when the event changed the profile (its id, when it has one, is seen for the first time), 0 for a duplicate or an
 * event of a shopper who objected to personalization, and 0 for a click on a product of a served list already clicked
 * (under another event id); so a caller can credit an event once per id, a click once per list and product. Or,
 * when the profile was merged into another one (a forward record), the key of that profile as a {@code String}: the
 * caller applies the events there instead.
 * <p>
 * A purchase applied without a {@code requestId} is looked up in the shopper's impression record, which lives in the
 * same partition and is at hand in the owner's replica (no grid call): when a list served within the attribution
 * window showed one of its products, its flag is {@link #SHOWN} and {@link #SHOWN_LENGTH} ints follow the flags for
 * it, in event order: the newest such list's serving time (epoch milliseconds, high int first), its tag and arm
 * ({@link ImpressionRecord#tag(int, int, boolean)}), and the value of the purchased lines it showed (a double's
 * bits, high int first), and the hash of the profile key it was applied under (the customer's, high int first). A
 * replica that cannot tell (the partition just moved) credits nothing. A click without a {@code requestId} is looked
 * up there too, for the placement it is learnt on (the newest list that showed the product, see
 * {@link ProfileUpdater#apply(Profile, Event, CatalogSnapshot, io.tailor.scoring.model.ItemSignalHandler, int)}).
 */
public final class ApplyEventsProcessor extends ProfileChangeProcessor
{
    /** The flag of a purchase credited to the list that last showed one of its products. */
    public static final int SHOWN = 2;
    /** Ints that follow the flags for each purchase flagged {@link #SHOWN}. */
    public static final int SHOWN_LENGTH = 8;

    private static final ThreadLocal<ImpressionRecord> SHOWN_SCRATCH = ThreadLocal.withInitial(ImpressionRecord::new);
    private static final ThreadLocal<long[]> RETURNED_SCRATCH = ThreadLocal.withInitial(() -> new long[1]);
    private static final ThreadLocal<int[]> ENTRIES = ThreadLocal.withInitial(() -> new int[16]);

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
        int[] result = new int[2 + size];
        int applied = 0;
        int anonymous = 0;
        int duplicates = 0;
        ImpressionRecord shownBy = null;
        int shownAt = 2 + size;
        final RecentSessionIndex sessions = context.recentSessions();
        for (int i = 0; i < size; i++)
        {
            final Event next = events.get(i);
            int clickPlacement = Exposure.NO_PLACEMENT;
            if (next.type() == EventType.CLICK && next.requestId() == null && next.product() != null)
            {
                if (shownBy == null)
                {
                    shownBy = SHOWN_SCRATCH.get().decodeShown(context.replica().lookupImpressions(key()));
                }
                clickPlacement = placementShowing(shownBy, next, context.attributionWindowMs());
            }
            // An applied event, and only an applied event, raises the profile's version: the profile is stored
            // when one was applied.
            switch (updater.apply(profile, next, catalog, context.signals(), clickPlacement))
            {
                case APPLIED ->
                {
                    applied++;
                    result[2 + i] = creditable(updater, profile, events.get(i)) ? 1 : 0;
                    final Event event = events.get(i);
                    if (event.type() == EventType.VIEW || event.type() == EventType.CLICK)
                    {
                        if (sessions != null)
                        {
                            sessions.view(Hashing.key(key()), Hashing.key(event.product()), event.timestampMs());
                        }
                        if (shownBy == null)
                        {
                            shownBy = SHOWN_SCRATCH.get().decodeShown(context.replica().lookupImpressions(key()));
                        }
                        returned(context, shownBy, event);
                    }
                    if (result[2 + i] == 1 && event.type() == EventType.PURCHASE && event.requestId() == null)
                    {
                        if (shownBy == null)
                        {
                            shownBy = SHOWN_SCRATCH.get().decodeShown(context.replica().lookupImpressions(key()));
                        }
                        if (shownBy.shownCount() > 0)
                        {
                            result = Arrays.copyOf(result, shownAt + SHOWN_LENGTH);
                            if (shownList(shownBy, event, context.attributionWindowMs(), Hashing.key(key()), result,
                                shownAt))
                            {
                                result[2 + i] = SHOWN;
                                shownAt += SHOWN_LENGTH;
                            }
                            else
                            {
                                result = Arrays.copyOf(result, shownAt);
                            }
                        }
                    }
                }
                case ANONYMOUS -> anonymous++;
                default -> duplicates++;
            }
        }
        result[0] = applied + anonymous;
        result[1] = duplicates;
        return result;
    }

    /**
     * A view or click of a product a list showed the shopper before: queues the restart of its frequency-cap
     * count ({@link ImpressionRecord#returned}), so that the cap counts its impressions since the shopper last
     * went back to it. Checked against the owner's copy of the record first, so that a view of a product no list
     * showed costs nothing more.
     */
    private void returned(final MemberContext context, final ImpressionRecord shownBy, final Event event)
    {
        final ImpressionStore store = context.impressions();
        final long productKey = Hashing.key(event.product());
        if (store != null && shownBy.shownCount() > 0 && shownBy.shownBefore(productKey, event.timestampMs()))
        {
            final long[] one = RETURNED_SCRATCH.get();
            one[0] = productKey;
            store.returned(key(), event.timestampMs(), one, 1);
        }
    }

    /**
     * Finds the newest list served within the window that showed one of a purchase's products, and writes what to
     * credit it with at {@code at}: serving time, tag, arm, value of the lines it showed.
     */
    private static boolean shownList(final ImpressionRecord record, final Event event, final long windowMs,
        final long shopper, final int[] into, final int at)
    {
        final long nowMs = event.timestampMs();
        final List<LineItem> items = event.items();
        final int lines = items.isEmpty() ? 1 : items.size();
        int[] entries = ENTRIES.get();
        if (entries.length < lines)
        {
            entries = new int[lines];
            ENTRIES.set(entries);
        }
        int newest = -1;
        for (int i = 0; i < lines; i++)
        {
            final String product = items.isEmpty() ? event.product() : items.get(i).product();
            final int entry = product == null ? -1 : record.shown(Hashing.key(product), nowMs, windowMs);
            entries[i] = entry;
            if (entry >= 0 && (newest < 0 || record.shownAtMs(entry) > record.shownAtMs(newest)))
            {
                newest = entry;
            }
        }
        if (newest < 0)
        {
            return false;
        }
        double value = 0;
        int shownLines = 0;
        boolean priced = false;
        for (int i = 0; i < lines; i++)
        {
            final int entry = entries[i];
            if (entry < 0 || record.shownAtMs(entry) != record.shownAtMs(newest) ||
                record.shownTag(entry) != record.shownTag(newest) || record.shownArm(entry) != record.shownArm(newest))
            {
                continue;
            }
            shownLines++;
            if (!items.isEmpty() && !Double.isNaN(items.get(i).price()))
            {
                value += items.get(i).quantity() * items.get(i).price();
                priced = true;
            }
        }
        if (!priced)
        {
            // No line price: the order's value, in the share of its lines the list showed.
            value = event.amount() * shownLines / lines;
        }
        final long bits = Double.doubleToRawLongBits(value);
        final long servedAtMs = record.shownAtMs(newest);
        into[at] = (int)(servedAtMs >>> 32);
        into[at + 1] = (int)servedAtMs;
        into[at + 2] = record.shownTag(newest);
        into[at + 3] = record.shownArm(newest);
        into[at + 4] = (int)(bits >>> 32);
        into[at + 5] = (int)bits;
        into[at + 6] = (int)(shopper >>> 32);
        into[at + 7] = (int)shopper;
        return true;
    }

    /**
     * The placement of the newest list that showed a clicked product to this shopper within the window, or
     * {@link Exposure#NO_PLACEMENT}: a click without a {@code requestId} (a storefront that does not pass it on) is
     * most likely on the list that showed the product last.
     */
    private static int placementShowing(final ImpressionRecord record, final Event click, final long windowMs)
    {
        if (record.shownCount() == 0)
        {
            return Exposure.NO_PLACEMENT;
        }
        final int entry = record.shown(Hashing.key(click.product()), click.timestampMs(), windowMs);
        return entry < 0 ? Exposure.NO_PLACEMENT : ImpressionRecord.placementOf(record.shownTag(entry));
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
