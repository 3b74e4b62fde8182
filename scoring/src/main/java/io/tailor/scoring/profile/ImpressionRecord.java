package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;
import org.agrona.concurrent.UnsafeBuffer;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What the lists Tailor served showed one shopper: how often each product, for the frequency cap, and which list
 * last showed it, for crediting a purchase that carries no {@code requestId}. A small record of its own, apart from
 * the profile, so a served list never rewrites the profile.
 * <pre>
 *   byte 'J', 3 bytes unused, int version                         kind; even while stable, odd while written
 *   ubyte pc, ubyte n | pc x (int fingerprint, ushort count,       products: count in the window opened then
 *                             uint seconds)                          (room for pc, n used)
 *   ubyte lc, ubyte m | lc x long listKey                          the last lists applied, newest last
 *   ubyte sc, ubyte s | sc x (int fingerprint, uint seconds,       shown: the newest list that showed a product,
 *                             ubyte tag, int arm)                    its placement, strategy and arm
 * </pre>
 * Each section has room to grow ({@link #store()}): the owner applies a served list into the record's own array
 * when it fits, so a shopper's record is not a new 1.4 KB array per list. New arrays per list were most of what
 * serving with impressions cost: every one was live at the next young collection, which copied them all (JFR of
 * the served path: young pauses 3.7 times as long with impressions as without). Readers on other threads (the
 * event loops' frequency cap, from the owner's replica) copy a record under its version, a sequence lock: they
 * see the record before or after a list, never half of one. Records of the older layout ({@code 'I'}: the same
 * sections without room or version) are read, and never written in place.
 * <p>
 * A product's window opens with its first impression and counting restarts once it has passed; expired
 * products are dropped whenever the record changes. At most {@link #MAX_PRODUCTS} products and {@link #MAX_LISTS}
 * list keys. When the products are full, the one shown least often makes room (of those, the one whose window
 * opened first): the frequency cap stays exact for every product shown as often as the cap allows until a shopper
 * has that many such products in one window, and a product forgotten early had few impressions to forget. (Making
 * room by age alone let a capped product be shown again once a shopper had seen 48 others since:
 * ExposureFloorDayApiTest found it.) A list applied twice (a retried delivery) counts once.
 * <p>
 * Shown products are kept for the attribution window, at most {@link #MAX_SHOWN} (the one shown longest ago makes
 * room), so a record stays under 1,400 bytes. A list's tag ({@link #tag(int, int, boolean)}) packs its placement
 * and strategy (their ordinals) and whether it belongs to an experiment arm; the arm is kept as its name's
 * {@link String#hashCode()}, resolved against the experiments running when the purchase is credited.
 * <p>
 * An instance is scratch for one thread: decode, apply, store (or encode).
 */
public final class ImpressionRecord
{
    /** Products one record counts. */
    public static final int MAX_PRODUCTS = 48;
    /** List keys one record remembers, so a list delivered twice counts once. */
    public static final int MAX_LISTS = 8;
    /** Products whose showing list one record remembers, for attribution. */
    public static final int MAX_SHOWN = 64;
    /** The tag of a list that is not remembered for attribution. */
    public static final int NO_TAG = -1;
    /**
     * The tag of what is not a list but the shopper going back to products ({@link #returned}), applied in order
     * with the lists.
     */
    public static final int RETURNED = -2;

    /** Records written before sections had room and a version: read, never written in place. */
    private static final byte KIND_FIXED = 'I';
    private static final byte KIND = 'J';
    private static final int PRODUCT_LENGTH = 4 + 2 + 4;
    private static final int SHOWN_LENGTH = 4 + 4 + 1 + 4;
    /** Where the version is: aligned to 4 bytes, as volatile access to a byte array's int needs. */
    private static final int VERSION_OFFSET = 4;
    private static final int HEADER_LENGTH = 8;
    /** Sections grow by this many entries (lists: to their maximum at once). */
    private static final int ROOM_STEP = 16;
    private static final int MAX_LENGTH = HEADER_LENGTH + 2 + MAX_PRODUCTS * PRODUCT_LENGTH + 2 + MAX_LISTS * 8 + 2 +
        MAX_SHOWN * SHOWN_LENGTH;
    /** Copies a reader tries before giving up on a record rewritten all the while (never seen: a write is ~1 us). */
    private static final int STABLE_COPY_ATTEMPTS = 100;
    /** Per reading thread: the copy a record is read from, and its view. */
    private static final ThreadLocal<ImpressionRecord> READER = ThreadLocal.withInitial(ImpressionRecord::new);
    private static final int ARM_FLAG = 0x80;
    /**
     * Little-endian fields of a record's array: plain array access, bounds-checked by the JVM (and a whole section
     * against the record's length first, {@link #requireWithin}). Through Agrona's UnsafeBuffer a full record's
     * decode and store took twice as long (1.3 us against 0.67; a list's whole decode, apply and store 2.9-3.0 us
     * against 2.4, ImpressionApplyBenchmark), its bounds checks on every field included.
     */
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    /** A list served up to a minute after an event (clocks of two nodes) still showed its product. */
    private static final long SHOWN_SKEW_MS = 60_000L;

    private final int[] fingerprints = new int[MAX_PRODUCTS];
    private final int[] counts = new int[MAX_PRODUCTS];
    private final long[] sinceMs = new long[MAX_PRODUCTS];
    private final long[] lists = new long[MAX_LISTS];
    private final int[] shownFingerprints = new int[MAX_SHOWN];
    private final long[] shownAtMs = new long[MAX_SHOWN];
    private final int[] shownTags = new int[MAX_SHOWN];
    private final int[] shownArms = new int[MAX_SHOWN];
    /**
     * Over a record's own array, for its version word: ordered access to a byte array's int goes through Agrona
     * (Unsafe); a byte-array view VarHandle supports only plain access on JDK 25.
     */
    private final UnsafeBuffer versionView = new UnsafeBuffer(new byte[0]);
    private final byte[] copy = new byte[MAX_LENGTH];
    /** The overlay's table of the reading profile's recent products ({@link #returnsOf}). */
    private final int[] recentFingerprints = new int[Profile.MAX_RECENT];
    private final long[] recentReturnSeconds = new long[Profile.MAX_RECENT];
    /** The array last decoded when it has the current layout: {@link #store()} writes into it when it fits. */
    private byte[] source;
    private int productRoom;
    private int listRoom;
    private int shownRoom;
    private int productCount;
    private int listCount;
    private int shownCount;
    /**
     * At most the earliest window start of the products held ({@link Long#MAX_VALUE} when none): lower when
     * products that held it made room, never higher. When it has not passed, nothing has, and the scan for
     * expired products is skipped (a batch applies lists to records most of whose products are in their window).
     */
    private long oldestSinceMs = Long.MAX_VALUE;
    /** The same bound for the shown section's times. */
    private long oldestShownMs = Long.MAX_VALUE;

    /**
     * A served list's tag, as remembered with the products it showed.
     *
     * @param placement the ordinal of its placement, 0..7.
     * @param strategy  the ordinal of its strategy, 0..15.
     * @param inArm     whether it was served in an experiment arm.
     * @return the tag, 0..255.
     */
    public static int tag(final int placement, final int strategy, final boolean inArm)
    {
        return (inArm ? ARM_FLAG : 0) | (placement & 0x7) << 4 | strategy & 0xF;
    }

    /**
     * The placement ordinal of a tag.
     *
     * @param tag a list's tag.
     * @return the ordinal.
     */
    public static int placementOf(final int tag)
    {
        return tag >> 4 & 0x7;
    }

    /**
     * The strategy ordinal of a tag.
     *
     * @param tag a list's tag.
     * @return the ordinal.
     */
    public static int strategyOf(final int tag)
    {
        return tag & 0xF;
    }

    /**
     * Whether a tag's list was served in an experiment arm.
     *
     * @param tag a list's tag.
     * @return true in an arm.
     */
    public static boolean inArm(final int tag)
    {
        return (tag & ARM_FLAG) != 0;
    }

    /**
     * Whether bytes are an impression record.
     *
     * @param bytes bytes, or {@code null}.
     * @return true for a record.
     */
    public static boolean isRecord(final byte[] bytes)
    {
        return bytes != null && (bytes.length >= 3 && bytes[0] == KIND_FIXED ||
            bytes.length >= HEADER_LENGTH + 6 && bytes[0] == KIND);
    }

    /**
     * Loads a record into this scratch; {@code null} (or anything that is not a record) loads an empty one.
     *
     * @param bytes the record, or {@code null}.
     * @return this.
     */
    public ImpressionRecord decode(final byte[] bytes)
    {
        productCount = 0;
        listCount = 0;
        shownCount = 0;
        oldestSinceMs = Long.MAX_VALUE;
        oldestShownMs = Long.MAX_VALUE;
        source = null;
        final byte[] data = stableCopy(bytes);
        if (data == null)
        {
            return this;
        }
        final int length = Math.min(bytes.length, data.length);
        final boolean roomy = bytes[0] == KIND;
        int offset = roomy ? HEADER_LENGTH : 1;
        final int products = roomy ? data[offset++] & 0xFF : 0;
        productCount = Math.min(MAX_PRODUCTS, data[offset++] & 0xFF);
        requireWithin(offset + (roomy ? products : productCount) * PRODUCT_LENGTH + (roomy ? 2 : 1), length);
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < productCount; i++)
        {
            final int at = offset + i * PRODUCT_LENGTH;
            fingerprints[i] = (int)INT.get(data, at);
            counts[i] = (short)SHORT.get(data, at + 4) & 0xFFFF;
            final long since = ProfileCodec.fromSeconds((int)INT.get(data, at + 6));
            sinceMs[i] = since;
            oldest = Math.min(oldest, since);
        }
        oldestSinceMs = oldest;
        offset += (roomy ? products : productCount) * PRODUCT_LENGTH;
        final int listsRoom = roomy ? data[offset++] & 0xFF : 0;
        listCount = Math.min(MAX_LISTS, data[offset++] & 0xFF);
        requireWithin(offset + (roomy ? listsRoom : listCount) * 8, length);
        for (int i = 0; i < listCount; i++)
        {
            lists[i] = (long)LONG.get(data, offset + i * 8);
        }
        offset += (roomy ? listsRoom : listCount) * 8;
        final int shown = readShown(data, offset, length, roomy);
        if (roomy)
        {
            source = bytes;
            productRoom = products;
            listRoom = listsRoom;
            shownRoom = shown;
        }
        return this;
    }

    /**
     * Loads only what lists showed, for {@link #shown(long, long, long)}, skipping the counts and list keys (the
     * record is then for reading: encoding it would lose them).
     *
     * @param bytes the record, or {@code null}.
     * @return this.
     */
    public ImpressionRecord decodeShown(final byte[] bytes)
    {
        productCount = 0;
        listCount = 0;
        shownCount = 0;
        oldestSinceMs = Long.MAX_VALUE;
        oldestShownMs = Long.MAX_VALUE;
        source = null;
        final byte[] data = stableCopy(bytes);
        if (data == null)
        {
            return this;
        }
        final int length = Math.min(bytes.length, data.length);
        final boolean roomy = bytes[0] == KIND;
        int offset = roomy ? HEADER_LENGTH : 1;
        offset = skipSection(data, offset, roomy, PRODUCT_LENGTH, length);
        offset = skipSection(data, offset, roomy, 8, length);
        readShown(data, offset, length, roomy);
        return this;
    }

    private static int skipSection(final byte[] data, final int offset, final boolean roomy,
        final int entryLength, final int length)
    {
        requireWithin(offset + 1, length);
        final int entries = data[offset] & 0xFF;
        final int end = roomy ? offset + 2 + entries * entryLength : offset + 1 + entries * entryLength;
        requireWithin(end, length);
        return end;
    }

    /** Refuses a section that would end past the record, as a read past its end would be (a truncated record). */
    private static void requireWithin(final int end, final int length)
    {
        if (end > length)
        {
            throw new IndexOutOfBoundsException("impression record of " + length + " bytes has a section ending at " +
                end);
        }
    }

    /**
     * Counts one served list: each of its products once more.
     *
     * @param listKey     key of the list's request id, making a repeated delivery count once.
     * @param productKeys keys of the listed products.
     * @param count       how many of {@code productKeys} were listed.
     * @param atMs        when the list was served.
     * @param windowMs    length of a product's counting window.
     * @return false when this list was counted before (nothing changed).
     */
    public boolean apply(final long listKey, final long[] productKeys, final int count, final long atMs,
        final long windowMs)
    {
        return apply(listKey, productKeys, count, atMs, windowMs, NO_TAG, 0, 0);
    }

    /**
     * Counts one served list, and remembers it as the newest list that showed each of its products.
     *
     * @param listKey             key of the list's request id, making a repeated delivery count once.
     * @param productKeys         keys of the listed products.
     * @param count               how many of {@code productKeys} were listed.
     * @param atMs                when the list was served.
     * @param windowMs            length of a product's counting window.
     * @param tag                 the list's {@link #tag(int, int, boolean)}, or {@link #NO_TAG} to count only.
     * @param arm                 its arm name's hash code, when the tag says it has one.
     * @param attributionWindowMs how long a shown product is remembered.
     * @return false when this list was counted before (nothing changed).
     */
    public boolean apply(final long listKey, final long[] productKeys, final int count, final long atMs,
        final long windowMs, final int tag, final int arm, final long attributionWindowMs)
    {
        if (tag == RETURNED)
        {
            return returned(productKeys, count, atMs);
        }
        for (int i = 0; i < listCount; i++)
        {
            if (lists[i] == listKey)
            {
                return false;
            }
        }
        dropExpired(atMs, windowMs);
        final long at = ProfileCodec.fromSeconds(ProfileCodec.toSeconds(atMs));
        for (int i = 0; i < count; i++)
        {
            add(Profile.impressionFingerprint(productKeys[i]), at, windowMs);
        }
        if (tag != NO_TAG)
        {
            dropShownBefore(atMs - attributionWindowMs);
            for (int i = 0; i < count; i++)
            {
                show(Profile.impressionFingerprint(productKeys[i]), at, tag, arm);
            }
        }
        if (listCount == MAX_LISTS)
        {
            System.arraycopy(lists, 1, lists, 0, MAX_LISTS - 1);
            listCount--;
        }
        lists[listCount++] = listKey;
        return true;
    }

    /**
     * The shopper went back to products (viewed or clicked them) at a time: the count of each one a list showed
     * before that time (in an earlier second) restarts, so the frequency cap counts its impressions since the
     * shopper last went back to it. A product shown in that second or later, or whose newest showing the record
     * no longer holds, keeps its count (it may have been shown since: counting more than that is the safe side).
     *
     * @param productKeys keys of the products gone back to.
     * @param count       how many of {@code productKeys}.
     * @param atMs        when.
     * @return whether a count restarted.
     */
    public boolean returned(final long[] productKeys, final int count, final long atMs)
    {
        final long atSecond = ProfileCodec.toSeconds(atMs) & 0xFFFFFFFFL;
        boolean changed = false;
        for (int p = 0; p < count; p++)
        {
            final int fingerprint = Profile.impressionFingerprint(productKeys[p]);
            final int i = indexOf(fingerprint);
            if (i < 0 || !shownBefore(fingerprint, atSecond))
            {
                continue;
            }
            productCount--;
            fingerprints[i] = fingerprints[productCount];
            counts[i] = counts[productCount];
            sinceMs[i] = sinceMs[productCount];
            changed = true;
        }
        return changed;
    }

    /**
     * Whether the newest list that showed a product (in the shown part: decoded with {@link #decode} or
     * {@link #decodeShown}) was served in an earlier second than a time: the shopper going back to it then went
     * back after seeing it.
     *
     * @param productKey the product.
     * @param atMs       the time.
     * @return false when it was shown in that second or later, or the record does not say.
     */
    public boolean shownBefore(final long productKey, final long atMs)
    {
        return shownBefore(Profile.impressionFingerprint(productKey), ProfileCodec.toSeconds(atMs) & 0xFFFFFFFFL);
    }

    private boolean shownBefore(final int fingerprint, final long atSecond)
    {
        for (int i = 0; i < shownCount; i++)
        {
            if (shownFingerprints[i] == fingerprint)
            {
                return (ProfileCodec.toSeconds(shownAtMs[i]) & 0xFFFFFFFFL) < atSecond;
            }
        }
        return false;
    }

    /**
     * Adds another record of the same person (a linked id's, when it is linked to a customer): counts of a product
     * whose windows are both open add up, list keys are kept newest last, and the newest list that showed a product
     * stays the one it is credited to. Bounded like {@link #apply}: the oldest make room.
     *
     * @param other               the linked id's record, decoded.
     * @param nowMs               the present: what has passed its window is dropped.
     * @param windowMs            length of a product's counting window.
     * @param attributionWindowMs how long a shown product is remembered.
     */
    public void merge(final ImpressionRecord other, final long nowMs, final long windowMs,
        final long attributionWindowMs)
    {
        dropExpired(nowMs, windowMs);
        for (int i = 0; i < other.productCount; i++)
        {
            if (nowMs - other.sinceMs[i] >= windowMs)
            {
                continue;
            }
            final int fingerprint = other.fingerprints[i];
            int slot = -1;
            for (int j = 0; j < productCount; j++)
            {
                if (fingerprints[j] == fingerprint)
                {
                    slot = j;
                    break;
                }
            }
            if (slot >= 0)
            {
                counts[slot] = Math.min(0xFFFF, counts[slot] + other.counts[i]);
                sinceMs[slot] = Math.min(sinceMs[slot], other.sinceMs[i]);
                oldestSinceMs = Math.min(oldestSinceMs, sinceMs[slot]);
                continue;
            }
            add(fingerprint, other.sinceMs[i], windowMs);
            final int added = indexOf(fingerprint);
            counts[added] = other.counts[i];
        }
        for (int i = 0; i < other.listCount; i++)
        {
            if (listCount == MAX_LISTS)
            {
                System.arraycopy(lists, 1, lists, 0, MAX_LISTS - 1);
                listCount--;
            }
            lists[listCount++] = other.lists[i];
        }
        dropShownBefore(nowMs - attributionWindowMs);
        for (int i = 0; i < other.shownCount; i++)
        {
            if (other.shownAtMs[i] >= nowMs - attributionWindowMs)
            {
                show(other.shownFingerprints[i], other.shownAtMs[i], other.shownTags[i], other.shownArms[i]);
            }
        }
    }

    private int indexOf(final int fingerprint)
    {
        for (int i = 0; i < productCount; i++)
        {
            if (fingerprints[i] == fingerprint)
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * The record's binary form, in a new array with room to grow.
     *
     * @return a new array.
     */
    public byte[] encode()
    {
        final int products = room(productCount, MAX_PRODUCTS);
        final int listsRoom = MAX_LISTS;
        // lists counted only (no tag) keep no shown section: no room for one either
        final int shown = shownCount == 0 ? 0 : room(shownCount, MAX_SHOWN);
        final byte[] bytes = new byte[length(products, listsRoom, shown)];
        write(bytes, products, listsRoom, shown);
        return bytes;
    }

    /**
     * Stores the record: into the array it was decoded from when every section still fits there (that array
     * then changes under its version, see the class comment), otherwise into a new one with room to grow. Only the
     * one thread that owns the record may store it (the partition's).
     *
     * @return the array now holding the record: the decoded one, or a new one to put in its place.
     */
    public byte[] store()
    {
        final byte[] target = source;
        if (target == null || productCount > productRoom || listCount > listRoom || shownCount > shownRoom)
        {
            final byte[] bytes = encode();
            decodeRoom(bytes);
            return bytes;
        }
        final UnsafeBuffer word = versionView;
        word.wrap(target);
        final int version = word.getInt(VERSION_OFFSET);
        word.putInt(VERSION_OFFSET, version + 1);
        VarHandle.storeStoreFence();
        write(target, productRoom, listRoom, shownRoom);
        word.putIntRelease(VERSION_OFFSET, version + 2);
        return target;
    }

    private void decodeRoom(final byte[] bytes)
    {
        source = bytes;
        productRoom = bytes[HEADER_LENGTH] & 0xFF;
        final int lists = HEADER_LENGTH + 2 + productRoom * PRODUCT_LENGTH;
        listRoom = bytes[lists] & 0xFF;
        shownRoom = bytes[lists + 2 + listRoom * 8] & 0xFF;
    }

    private static int room(final int count, final int max)
    {
        return Math.min(max, Math.max(ROOM_STEP, (count + ROOM_STEP - 1) / ROOM_STEP * ROOM_STEP));
    }

    private static int length(final int products, final int listsRoom, final int shown)
    {
        return HEADER_LENGTH + 2 + products * PRODUCT_LENGTH + 2 + listsRoom * 8 + 2 + shown * SHOWN_LENGTH;
    }

    /** Writes every section into an array with the given room (its version left as it is). */
    private void write(final byte[] data, final int products, final int listsRoom, final int shown)
    {
        data[0] = KIND;
        int offset = HEADER_LENGTH;
        data[offset++] = (byte)products;
        data[offset++] = (byte)productCount;
        for (int i = 0; i < productCount; i++)
        {
            final int at = offset + i * PRODUCT_LENGTH;
            INT.set(data, at, fingerprints[i]);
            SHORT.set(data, at + 4, (short)counts[i]);
            INT.set(data, at + 6, ProfileCodec.toSeconds(sinceMs[i]));
        }
        offset += products * PRODUCT_LENGTH;
        data[offset++] = (byte)listsRoom;
        data[offset++] = (byte)listCount;
        for (int i = 0; i < listCount; i++)
        {
            LONG.set(data, offset + i * 8, lists[i]);
        }
        offset += listsRoom * 8;
        data[offset++] = (byte)shown;
        data[offset++] = (byte)shownCount;
        for (int i = 0; i < shownCount; i++)
        {
            final int at = offset + i * SHOWN_LENGTH;
            INT.set(data, at, shownFingerprints[i]);
            INT.set(data, at + 4, ProfileCodec.toSeconds(shownAtMs[i]));
            data[at + 8] = (byte)shownTags[i];
            INT.set(data, at + 9, shownArms[i]);
        }
    }

    /**
     * A record that no other thread changes while it is read: one of the older layout as it is, one of the current
     * layout copied into this scratch's copy under its version. The copy is longer than the record: what is readable
     * is the shorter of the record and the array returned, and each section is checked against that length before
     * it is read ({@link #requireWithin}).
     *
     * @return the record or this scratch's copy of it, or {@code null} for no record (or one rewritten through
     *     every attempt to copy it).
     */
    private byte[] stableCopy(final byte[] bytes)
    {
        final byte[] into = copy;
        if (!isRecord(bytes))
        {
            return null;
        }
        if (bytes[0] == KIND_FIXED)
        {
            return bytes;
        }
        final int length = Math.min(bytes.length, into.length);
        final UnsafeBuffer word = versionView;
        word.wrap(bytes);
        for (int attempt = 0; attempt < STABLE_COPY_ATTEMPTS; attempt++)
        {
            final int before = word.getIntAcquire(VERSION_OFFSET);
            if ((before & 1) == 0)
            {
                System.arraycopy(bytes, 0, into, 0, length);
                VarHandle.loadLoadFence();
                if (word.getIntAcquire(VERSION_OFFSET) == before)
                {
                    return into;
                }
            }
            Thread.onSpinWait();
        }
        return null;
    }

    /**
     * Which remembered entry says what list last showed a product, if that list was served within a window.
     *
     * @param productKey product key.
     * @param nowMs      the present.
     * @param windowMs   how long after being shown a product is credited to its list.
     * @return the entry's index for {@link #shownAtMs(int)}, {@link #shownTag(int)} and {@link #shownArm(int)},
     *     or -1 when no list showed the product within the window.
     */
    public int shown(final long productKey, final long nowMs, final long windowMs)
    {
        final int fingerprint = Profile.impressionFingerprint(productKey);
        for (int i = 0; i < shownCount; i++)
        {
            if (shownFingerprints[i] == fingerprint)
            {
                return nowMs - shownAtMs[i] <= windowMs && shownAtMs[i] <= nowMs + SHOWN_SKEW_MS ? i : -1;
            }
        }
        return -1;
    }

    /**
     * The product fingerprint of a shown entry ({@link Profile#impressionFingerprint(long)}).
     *
     * @param entry an index from 0 to {@link #shownCount()} - 1.
     * @return the fingerprint.
     */
    public int shownFingerprint(final int entry)
    {
        return shownFingerprints[entry];
    }

    /**
     * When the list of a shown entry was served, to the second.
     *
     * @param entry an index from {@link #shown(long, long, long)}.
     * @return epoch milliseconds.
     */
    public long shownAtMs(final int entry)
    {
        return shownAtMs[entry];
    }

    /**
     * The tag of a shown entry's list.
     *
     * @param entry an index from {@link #shown(long, long, long)}.
     * @return its {@link #tag(int, int, boolean)}.
     */
    public int shownTag(final int entry)
    {
        return shownTags[entry];
    }

    /**
     * The arm of a shown entry's list, when its tag says it has one.
     *
     * @param entry an index from {@link #shown(long, long, long)}.
     * @return the arm name's hash code.
     */
    public int shownArm(final int entry)
    {
        return shownArms[entry];
    }

    /**
     * Products remembered for attribution, for tests and exports.
     *
     * @return the count.
     */
    public int shownCount()
    {
        return shownCount;
    }

    /**
     * Products counted, for tests and exports.
     *
     * @return the count.
     */
    public int productCount()
    {
        return productCount;
    }

    /**
     * Impressions of a product in its current window.
     *
     * @param productKey product key.
     * @param nowMs      the present.
     * @param windowMs   length of the counting window.
     * @return the count, 0 when not counted or its window has passed.
     */
    public int impressions(final long productKey, final long nowMs, final long windowMs)
    {
        final int fingerprint = Profile.impressionFingerprint(productKey);
        for (int i = 0; i < productCount; i++)
        {
            if (fingerprints[i] == fingerprint)
            {
                return nowMs - sinceMs[i] < windowMs ? counts[i] : 0;
            }
        }
        return 0;
    }

    /**
     * Lays a record's counts over a decoded profile's own (from {@code impression} events), so the frequency cap
     * sees both: counts of a product whose windows are both open add up, except that a product the shopper went
     * back to after the newest list that showed it is spared (see {@link #overlay(byte[], Profile, long, long,
     * boolean)}). Touches nothing but the decoded profile's impression counts; such a profile is for reading and is
     * never encoded back into the grid. Allocates nothing.
     *
     * @param record   the record, or {@code null} for none.
     * @param profile  a decoded profile.
     * @param nowMs    the present: products whose window has passed are left out.
     * @param windowMs length of the counting window.
     */
    public static void overlay(final byte[] record, final Profile profile, final long nowMs, final long windowMs)
    {
        overlay(record, profile, nowMs, windowMs, true);
    }

    /**
     * Lays a record's counts over a decoded profile's own, optionally sparing the products the shopper went back
     * to: a product whose latest interaction is a view or click later than the newest served list that showed it
     * (a later second) was not ignored, and its served impressions are left out, so the cap does not remove it;
     * once a list shows it again without the shopper going back to it, they count again, all of them. So each
     * return to a product earns it one more showing, and a product shown as often as the cap allows and not gone
     * back to since stays capped. Without a record of the newest list that showed a product (lists counted without
     * a tag, or more than {@link #MAX_SHOWN} products shown since) the count is kept. Impressions the storefront
     * reported as {@code impression} events (the profile's own counts) are not spared.
     * <p>
     * This read side answers for the moment between a return and the restart of the product's count on the owner
     * ({@link #returned}), which makes the cap count impressions since the shopper's last return. Why: on the Tmall
     * sessions asked for a list on every page, as a storefront does, the cap took the product page's P@20 from 35.3
     * to 16.5 (validation split, benchmarks/RESULTS.md "Sessions, fourth slice"): the viewed products it re-shows
     * are on every page and were capped after three. This read side alone gave back 1.8 points, with the restart
     * 5.7; the rest is products shown three times without the shopper going back to them, which the cap is for.
     *
     * @param record        the record, or {@code null} for none.
     * @param profile       a decoded profile.
     * @param nowMs         the present: products whose window has passed are left out.
     * @param windowMs      length of the counting window.
     * @param sparesReturns whether to spare the products the shopper went back to.
     */
    public static void overlay(final byte[] record, final Profile profile, final long nowMs, final long windowMs,
        final boolean sparesReturns)
    {
        final ImpressionRecord reader = READER.get();
        final byte[] data = reader.stableCopy(record);
        if (data == null)
        {
            return;
        }
        final int length = Math.min(record.length, data.length);
        final boolean roomy = record[0] == KIND;
        final int productRoom = roomy ? data[HEADER_LENGTH] & 0xFF : 0;
        int offset = roomy ? HEADER_LENGTH + 1 : 1;
        final int n = Math.min(MAX_PRODUCTS, data[offset++] & 0xFF);
        requireWithin(offset + (roomy ? productRoom : n) * PRODUCT_LENGTH, length);
        final int shownAt = sparesReturns ? shownSection(data, offset + (roomy ? productRoom : n) * PRODUCT_LENGTH,
            length, roomy) : -1;
        final int shown = shownAt < 0 ? 0 : Math.min(MAX_SHOWN, data[shownAt - 1] & 0xFF);
        requireWithin(shownAt + shown * SHOWN_LENGTH, length);
        final int returns = shown > 0 ? reader.returnsOf(profile) : 0;
        final int own = profile.impressions.count;
        for (int i = 0; i < n; i++, offset += PRODUCT_LENGTH)
        {
            final long since = ProfileCodec.fromSeconds((int)INT.get(data, offset + 6));
            if (nowMs - since >= windowMs)
            {
                continue;
            }
            final int fingerprint = (int)INT.get(data, offset);
            if (returns > 0 && reader.wentBack(fingerprint, returns, data, shownAt, shown))
            {
                continue;
            }
            final int count = (short)SHORT.get(data, offset + 4) & 0xFFFF;
            profile.impressions.overlay(fingerprint, count, since, nowMs, windowMs, own);
        }
    }

    /** Offset of the first shown entry, its count the byte before; -1 without a shown section. */
    private static int shownSection(final byte[] data, final int listsAt, final int length,
        final boolean roomy)
    {
        int offset = listsAt;
        requireWithin(offset + (roomy ? 2 : 1), length);
        final int listsRoom = roomy ? data[offset++] & 0xFF : 0;
        final int lists = data[offset++] & 0xFF;
        offset += (roomy ? listsRoom : lists) * 8;
        if (offset >= length)
        {
            return -1;
        }
        return offset + (roomy ? 2 : 1);
    }

    /** The second of the newest list that showed a product, or -1 when the record does not say. */
    private static long lastShownSeconds(final byte[] data, final int shownAt, final int shown,
        final int fingerprint)
    {
        for (int i = 0, at = shownAt; i < shown; i++, at += SHOWN_LENGTH)
        {
            if ((int)INT.get(data, at) == fingerprint)
            {
                return (int)INT.get(data, at + 4) & 0xFFFFFFFFL;
            }
        }
        return -1;
    }

    /**
     * Fills this reader's table of the profile's recent products, newest first: each one's fingerprint and the
     * second of its latest interaction when that is a view or click (a return), else -1. Built once per overlay,
     * so a record's products are looked up in a small int table instead of each hashing the recent keys again.
     *
     * @return the number of entries.
     */
    private int returnsOf(final Profile profile)
    {
        final int n = profile.recentCount();
        for (int i = n - 1, j = 0; i >= 0; i--, j++)
        {
            final EventType type = profile.recentType(i);
            recentFingerprints[j] = Profile.impressionFingerprint(profile.recentKey(i));
            recentReturnSeconds[j] = type == EventType.VIEW || type == EventType.CLICK ?
                ProfileCodec.toSeconds(profile.recentAtMs(i)) & 0xFFFFFFFFL : -1;
        }
        return n;
    }

    /**
     * Whether the shopper's latest interaction with a product ({@link #returnsOf} table, newest first) is a view
     * or click in a later second than the newest list that showed it. The shown section is searched only for a
     * product the shopper went back to at all: most of a full record's products were shown and never touched.
     */
    private boolean wentBack(final int fingerprint, final int returns, final byte[] data, final int shownAt,
        final int shown)
    {
        for (int j = 0; j < returns; j++)
        {
            if (recentFingerprints[j] == fingerprint)
            {
                final long returnSeconds = recentReturnSeconds[j];
                if (returnSeconds < 0)
                {
                    return false;
                }
                final long shownSeconds = lastShownSeconds(data, shownAt, shown, fingerprint);
                return shownSeconds >= 0 && returnSeconds > shownSeconds;
            }
        }
        return false;
    }

    private void dropExpired(final long nowMs, final long windowMs)
    {
        if (nowMs - oldestSinceMs < windowMs)
        {
            return;
        }
        int kept = 0;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < productCount; i++)
        {
            if (nowMs - sinceMs[i] < windowMs)
            {
                fingerprints[kept] = fingerprints[i];
                counts[kept] = counts[i];
                sinceMs[kept] = sinceMs[i];
                oldest = Math.min(oldest, sinceMs[i]);
                kept++;
            }
        }
        productCount = kept;
        oldestSinceMs = oldest;
    }

    /** Reads the shown section at {@code start}, if the record has one; returns its room (current layout). */
    private int readShown(final byte[] data, final int start, final int length, final boolean roomy)
    {
        int offset = start;
        if (offset >= length)
        {
            return 0;
        }
        requireWithin(offset + (roomy ? 2 : 1), length);
        final int room = roomy ? data[offset++] & 0xFF : 0;
        shownCount = Math.min(MAX_SHOWN, data[offset++] & 0xFF);
        requireWithin(offset + shownCount * SHOWN_LENGTH, length);
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < shownCount; i++)
        {
            shownFingerprints[i] = (int)INT.get(data, offset);
            final long at = ProfileCodec.fromSeconds((int)INT.get(data, offset + 4));
            shownAtMs[i] = at;
            oldest = Math.min(oldest, at);
            shownTags[i] = data[offset + 8] & 0xFF;
            shownArms[i] = (int)INT.get(data, offset + 9);
            offset += SHOWN_LENGTH;
        }
        oldestShownMs = oldest;
        return room;
    }

    private void dropShownBefore(final long oldestMs)
    {
        if (oldestShownMs >= oldestMs)
        {
            return;
        }
        int kept = 0;
        long oldest = Long.MAX_VALUE;
        for (int i = 0; i < shownCount; i++)
        {
            if (shownAtMs[i] >= oldestMs)
            {
                shownFingerprints[kept] = shownFingerprints[i];
                shownAtMs[kept] = shownAtMs[i];
                shownTags[kept] = shownTags[i];
                shownArms[kept] = shownArms[i];
                oldest = Math.min(oldest, shownAtMs[i]);
                kept++;
            }
        }
        shownCount = kept;
        oldestShownMs = oldest;
    }

    /**
     * The newest list to show a product is the one its purchase is credited to (the last touch). One pass finds the
     * product's entry and, on the way, the entry shown longest ago (the first of equals), which makes room when the
     * product has none and the section is full: a served list's products are mostly not in a full record, and two
     * passes over 64 entries per product were the largest part of applying a list (ImpressionApplyBenchmark).
     */
    private void show(final int fingerprint, final long at, final int tag, final int arm)
    {
        final int n = shownCount;
        int slot = -1;
        int oldest = 0;
        long oldestAt = Long.MAX_VALUE;
        for (int i = 0; i < n; i++)
        {
            if (shownFingerprints[i] == fingerprint)
            {
                if (shownAtMs[i] > at)
                {
                    return;
                }
                slot = i;
                break;
            }
            final long shownAt = shownAtMs[i];
            if (shownAt < oldestAt)
            {
                oldestAt = shownAt;
                oldest = i;
            }
        }
        if (slot < 0)
        {
            slot = n < MAX_SHOWN ? shownCount++ : oldest;
        }
        shownFingerprints[slot] = fingerprint;
        shownAtMs[slot] = at;
        shownTags[slot] = tag;
        shownArms[slot] = arm;
        oldestShownMs = Math.min(oldestShownMs, at);
    }

    /**
     * Counts one impression of a product. One pass finds the product's entry and, on the way, the one shown least
     * often (of those, the one whose window opened first; of equals, the first), which makes room when the product
     * has none and the products are full (see {@link #show} for why one pass).
     */
    private void add(final int fingerprint, final long at, final long windowMs)
    {
        final int n = productCount;
        int victim = 0;
        long victimRank = Long.MAX_VALUE;
        for (int i = 0; i < n; i++)
        {
            if (fingerprints[i] == fingerprint)
            {
                if (at - sinceMs[i] >= windowMs)
                {
                    sinceMs[i] = at;
                    counts[i] = 0;
                }
                counts[i] = Math.min(0xFFFF, counts[i] + 1);
                return;
            }
            // count, then window start, in one comparison: counts are at most 16 bits, epoch milliseconds 47
            final long rank = (long)counts[i] << 47 | sinceMs[i];
            if (rank < victimRank)
            {
                victimRank = rank;
                victim = i;
            }
        }
        final int slot;
        if (n == MAX_PRODUCTS)
        {
            slot = victim;
        }
        else
        {
            slot = n;
            productCount++;
        }
        fingerprints[slot] = fingerprint;
        counts[slot] = 1;
        sinceMs[slot] = at;
        oldestSinceMs = Math.min(oldestSinceMs, at);
    }
}
