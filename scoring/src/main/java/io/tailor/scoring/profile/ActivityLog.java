package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;

/**
 * The profile's bounded log of recent events: what sliding-window segment conditions ("purchased for at least
 * 100,000 in the last 2 days", "carted this product in the last 30 minutes") are evaluated over.
 * <p>
 * Why a log and not time buckets: a window can be any number of minutes, hours or days and can filter by
 * event type, product or category, so it needs each event's own time, type and product; buckets per type and
 * window would either fix the windows in advance or cost more bytes than the events themselves. The log keeps
 * exact minutes, and a shopper leaves a 2-day window exactly 2 days (to the minute) after the event, with no
 * background work: the evaluator compares with the clock.
 * <p>
 * Each entry is 6 to 12 bytes in the binary form (see {@link ProfileCodec}): a kind byte (type, "opens an
 * event"), the minute as a varint delta from the next newer entry, a 32-bit product fingerprint when the event
 * names a product (category conditions match the fingerprints of the category's products), and a float value
 * when there is one. A purchase logs up to {@link #LINES_PER_EVENT} lines, each with its share of the order's
 * amount, and one entry for the rest, so sums by type equal the order amounts and sums by product or category
 * are the lines' shares; counting by type counts events, by product or category the matching lines.
 * <p>
 * Bounded three ways, oldest first: entries older than {@link #MAX_AGE_MS} before the newest go; beyond
 * {@link Profile#MAX_ACTIVITY} entries, or beyond the bytes the profile's other sections leave within
 * {@link ProfileCodec#MAX_LENGTH}, the oldest view, click or search goes first and the oldest of anything else
 * only when no browsing entry is left, so purchases and service contacts outlive browsing. A window reaching
 * past what was dropped sees less than happened; the profile's {@link Profile#lastServiceAtMs() last service
 * contact} keeps "no service contact within the window" exact regardless.
 */
public final class ActivityLog
{
    /** The longest window a segment condition can use; older entries are dropped. */
    public static final long MAX_AGE_MS = 90L * 86_400_000L;
    /** Lines of one purchase or refund logged with their product; the rest share one entry. */
    public static final int LINES_PER_EVENT = 4;

    /** One minute, the resolution of the log and the shortest window. */
    public static final long MINUTE_LENGTH_MS = 60_000L;

    static final long MINUTE_MS = MINUTE_LENGTH_MS;
    static final int TYPE_MASK = 0x0F;
    static final int STARTS_EVENT = 0x40;

    private ActivityLog()
    {
    }

    /**
     * Whether events of a type are logged: everything a shopper does; not impressions (Tailor's own) nor
     * identify (a login).
     *
     * @param type event type.
     * @return true when logged.
     */
    public static boolean logged(final EventType type)
    {
        return type != EventType.IMPRESSION && type != EventType.IDENTIFY;
    }

    /**
     * Number of entries of a type within a window: events, or with {@code products}, entries naming one of them.
     *
     * @param profile  the profile.
     * @param type     event type, or {@code null} for any.
     * @param products sorted product fingerprints to match, or {@code null} for any.
     * @param fromMs   entries after this time count.
     * @return the count.
     */
    public static int count(final Profile profile, final EventType type, final int[] products, final long fromMs)
    {
        profile.loadActivity();
        int count = 0;
        final int from = firstAfter(profile, fromMs);
        for (int i = from; i < profile.activityCount; i++)
        {
            final byte kind = profile.activityKinds[i];
            if (type != null && (kind & TYPE_MASK) != type.ordinal())
            {
                continue;
            }
            if (products == null ? (kind & STARTS_EVENT) != 0 : contains(products, profile.activityProducts[i]))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Sum of the values of entries of a type within a window, optionally only those naming given products.
     *
     * @param profile  the profile.
     * @param type     event type, or {@code null} for any.
     * @param products sorted product fingerprints to match, or {@code null} for any.
     * @param fromMs   entries after this time count.
     * @return the sum.
     */
    public static double sum(final Profile profile, final EventType type, final int[] products, final long fromMs)
    {
        profile.loadActivity();
        double sum = 0;
        final int from = firstAfter(profile, fromMs);
        for (int i = from; i < profile.activityCount; i++)
        {
            final byte kind = profile.activityKinds[i];
            if ((type == null || (kind & TYPE_MASK) == type.ordinal()) &&
                (products == null || contains(products, profile.activityProducts[i])))
            {
                sum += profile.activityValues[i];
            }
        }
        return sum;
    }

    /**
     * Number of logged views and clicks of one product since a time: how often the shopper came back to it.
     *
     * @param profile     the profile.
     * @param fingerprint product fingerprint ({@link Profile#impressionFingerprint(long)}).
     * @param fromMs      entries after this time count (to the log's minute).
     * @return the count, 0 when none is logged.
     */
    public static int views(final Profile profile, final int fingerprint, final long fromMs)
    {
        profile.loadActivity();
        int count = 0;
        for (int i = firstAfter(profile, fromMs); i < profile.activityCount; i++)
        {
            final int type = profile.activityKinds[i] & TYPE_MASK;
            if (profile.activityProducts[i] == fingerprint &&
                (type == EventType.VIEW.ordinal() || type == EventType.CLICK.ordinal()))
            {
                count++;
            }
        }
        return count;
    }

    /**
     * Earliest logged view, click or add-to-cart of a product, for time-to-purchase.
     *
     * @param profile     the profile.
     * @param fingerprint product fingerprint.
     * @return epoch milliseconds, or {@code Long.MAX_VALUE} when none is logged.
     */
    public static long firstInterest(final Profile profile, final int fingerprint)
    {
        profile.loadActivity();
        for (int i = 0; i < profile.activityCount; i++)
        {
            final int type = profile.activityKinds[i] & TYPE_MASK;
            if (profile.activityProducts[i] == fingerprint && (type == EventType.VIEW.ordinal() ||
                type == EventType.CLICK.ordinal() || type == EventType.ADD_TO_CART.ordinal()))
            {
                return toMs(profile.activityMinutes[i]);
            }
        }
        return Long.MAX_VALUE;
    }

    /**
     * Appends an entry in time order, making room as described in the class comment.
     *
     * @param profile     the profile.
     * @param atMs        event time.
     * @param type        event type.
     * @param startsEvent whether this entry opens the event (its only or first line).
     * @param product     product fingerprint, 0 for none.
     * @param value       value, 0 for none.
     */
    static void append(final Profile profile, final long atMs, final EventType type, final boolean startsEvent,
        final int product, final float value)
    {
        profile.loadActivity();
        final int minute = toMinutes(atMs);
        final int count = profile.activityCount;
        if (count > 0 && toMs(minute) < toMs(profile.activityMinutes[count - 1]) - MAX_AGE_MS)
        {
            return;
        }
        if (count == Profile.MAX_ACTIVITY)
        {
            final int victim = victim(profile);
            if (victim == 0 && minute < profile.activityMinutes[0])
            {
                return;
            }
            removeAt(profile, victim);
        }
        int position = profile.activityCount;
        while (position > 0 && profile.activityMinutes[position - 1] > minute)
        {
            position--;
        }
        final int tail = profile.activityCount - position;
        System.arraycopy(profile.activityMinutes, position, profile.activityMinutes, position + 1, tail);
        System.arraycopy(profile.activityKinds, position, profile.activityKinds, position + 1, tail);
        System.arraycopy(profile.activityProducts, position, profile.activityProducts, position + 1, tail);
        System.arraycopy(profile.activityValues, position, profile.activityValues, position + 1, tail);
        profile.activityMinutes[position] = minute;
        profile.activityKinds[position] = (byte)(type.ordinal() | (startsEvent ? STARTS_EVENT : 0));
        profile.activityProducts[position] = product;
        profile.activityValues[position] = value;
        profile.activityCount++;
        dropExpired(profile);
    }

    /**
     * Drops entries until the profile's binary form fits {@link ProfileCodec#MAX_LENGTH}.
     *
     * @param profile the profile.
     */
    static void fit(final Profile profile)
    {
        profile.loadActivity();
        while (profile.activityCount > 0 && ProfileCodec.encodedLength(profile) > ProfileCodec.MAX_LENGTH)
        {
            removeAt(profile, victim(profile));
        }
    }

    /** Entries more than {@link #MAX_AGE_MS} older than the newest go. */
    private static void dropExpired(final Profile profile)
    {
        final int count = profile.activityCount;
        if (count == 0)
        {
            return;
        }
        final long newestMs = toMs(profile.activityMinutes[count - 1]);
        int expired = 0;
        while (expired < count && toMs(profile.activityMinutes[expired]) < newestMs - MAX_AGE_MS)
        {
            expired++;
        }
        if (expired > 0)
        {
            final int kept = count - expired;
            System.arraycopy(profile.activityMinutes, expired, profile.activityMinutes, 0, kept);
            System.arraycopy(profile.activityKinds, expired, profile.activityKinds, 0, kept);
            System.arraycopy(profile.activityProducts, expired, profile.activityProducts, 0, kept);
            System.arraycopy(profile.activityValues, expired, profile.activityValues, 0, kept);
            profile.activityCount = kept;
        }
    }

    /** The oldest browsing entry, else the oldest entry. */
    private static int victim(final Profile profile)
    {
        for (int i = 0; i < profile.activityCount; i++)
        {
            final int type = profile.activityKinds[i] & TYPE_MASK;
            if (type == EventType.VIEW.ordinal() || type == EventType.CLICK.ordinal() ||
                type == EventType.SEARCH.ordinal())
            {
                return i;
            }
        }
        return 0;
    }

    private static void removeAt(final Profile profile, final int i)
    {
        final int tail = profile.activityCount - i - 1;
        System.arraycopy(profile.activityMinutes, i + 1, profile.activityMinutes, i, tail);
        System.arraycopy(profile.activityKinds, i + 1, profile.activityKinds, i, tail);
        System.arraycopy(profile.activityProducts, i + 1, profile.activityProducts, i, tail);
        System.arraycopy(profile.activityValues, i + 1, profile.activityValues, i, tail);
        profile.activityCount--;
    }

    private static int firstAfter(final Profile profile, final long fromMs)
    {
        int i = profile.activityCount;
        while (i > 0 && toMs(profile.activityMinutes[i - 1]) > fromMs)
        {
            i--;
        }
        return i;
    }

    private static boolean contains(final int[] sorted, final int value)
    {
        return value != 0 && java.util.Arrays.binarySearch(sorted, value) >= 0;
    }

    /**
     * Minutes since {@link ProfileCodec#TIME_BASE_MS}, rounded down; 0 before it.
     *
     * @param epochMs epoch milliseconds.
     * @return the minute.
     */
    static int toMinutes(final long epochMs)
    {
        return (int)Math.min(Integer.MAX_VALUE, Math.max(0L, epochMs - ProfileCodec.TIME_BASE_MS) / MINUTE_MS);
    }

    /**
     * Epoch milliseconds of a minute.
     *
     * @param minute minutes since {@link ProfileCodec#TIME_BASE_MS}.
     * @return epoch milliseconds.
     */
    static long toMs(final int minute)
    {
        return ProfileCodec.TIME_BASE_MS + minute * MINUTE_MS;
    }

    static EventType type(final byte kind)
    {
        return EventType.fromOrdinal(kind & TYPE_MASK);
    }

    static boolean startsEvent(final byte kind)
    {
        return (kind & STARTS_EVENT) != 0;
    }
}
