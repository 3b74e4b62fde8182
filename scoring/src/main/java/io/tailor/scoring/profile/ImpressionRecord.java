package io.tailor.scoring.profile;

import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;

/**
 * How often the lists Tailor served showed each product to one shopper, for the frequency cap: a small record
 * of its own, apart from the profile, so a served list never rewrites the profile.
 * <pre>
 *   byte  'I'                                                     kind
 *   ubyte n | n x (int fingerprint, ushort count, uint seconds)   products: count in the window opened then
 *   ubyte m | m x long listKey                                     the last lists applied, newest last
 * </pre>
 * A product's window opens with its first impression and counting restarts once it has passed; expired
 * products are dropped whenever the record changes. At most {@link #MAX_PRODUCTS} products and {@link #MAX_LISTS}
 * list keys, so a record stays under 600 bytes. When the products are full, the one shown least often makes room
 * (of those, the one whose window opened first): the frequency cap stays exact for every product shown as often as
 * the cap allows until a shopper has that many such products in one window, and a product forgotten early had
 * few impressions to forget. (Making room by age alone let a capped product be shown again once a shopper had
 * seen 48 others since: ExposureFloorDayApiTest found it.) A list applied twice (a retried delivery) counts once.
 * <p>
 * An instance is scratch for one thread: decode, apply, encode.
 */
public final class ImpressionRecord
{
    /** Products one record counts. */
    public static final int MAX_PRODUCTS = 48;
    /** List keys one record remembers, so a list delivered twice counts once. */
    public static final int MAX_LISTS = 8;

    private static final byte KIND = 'I';
    private static final int PRODUCT_LENGTH = 4 + 2 + 4;

    private final int[] fingerprints = new int[MAX_PRODUCTS];
    private final int[] counts = new int[MAX_PRODUCTS];
    private final long[] sinceMs = new long[MAX_PRODUCTS];
    private final long[] lists = new long[MAX_LISTS];
    private int productCount;
    private int listCount;

    /**
     * Whether bytes are an impression record.
     *
     * @param bytes bytes, or {@code null}.
     * @return true for a record.
     */
    public static boolean isRecord(final byte[] bytes)
    {
        return bytes != null && bytes.length >= 3 && bytes[0] == KIND;
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
        if (!isRecord(bytes))
        {
            return this;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = 1;
        productCount = Math.min(MAX_PRODUCTS, buffer.getByte(offset++) & 0xFF);
        for (int i = 0; i < productCount; i++)
        {
            fingerprints[i] = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            counts[i] = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            sinceMs[i] = ProfileCodec.fromSeconds(buffer.getInt(offset + 6, ByteOrder.LITTLE_ENDIAN));
            offset += PRODUCT_LENGTH;
        }
        listCount = Math.min(MAX_LISTS, buffer.getByte(offset++) & 0xFF);
        for (int i = 0; i < listCount; i++)
        {
            lists[i] = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
            offset += 8;
        }
        return this;
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
        if (listCount == MAX_LISTS)
        {
            System.arraycopy(lists, 1, lists, 0, MAX_LISTS - 1);
            listCount--;
        }
        lists[listCount++] = listKey;
        return true;
    }

    /**
     * The record's binary form.
     *
     * @return a new array.
     */
    public byte[] encode()
    {
        final byte[] bytes = new byte[3 + productCount * PRODUCT_LENGTH + listCount * 8];
        final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
        int offset = 0;
        buffer.putByte(offset++, KIND);
        buffer.putByte(offset++, (byte)productCount);
        for (int i = 0; i < productCount; i++)
        {
            buffer.putInt(offset, fingerprints[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putShort(offset + 4, (short)counts[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(offset + 6, ProfileCodec.toSeconds(sinceMs[i]), ByteOrder.LITTLE_ENDIAN);
            offset += PRODUCT_LENGTH;
        }
        buffer.putByte(offset++, (byte)listCount);
        for (int i = 0; i < listCount; i++)
        {
            buffer.putLong(offset, lists[i], ByteOrder.LITTLE_ENDIAN);
            offset += 8;
        }
        return bytes;
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
     * sees both: counts of a product whose windows are both open add up. Touches nothing but the decoded
     * profile's impression counts; such a profile is for reading and is never encoded back into the grid.
     * Allocates nothing.
     *
     * @param record   the record, or {@code null} for none.
     * @param profile  a decoded profile.
     * @param nowMs    the present: products whose window has passed are left out.
     * @param windowMs length of the counting window.
     */
    public static void overlay(final byte[] record, final Profile profile, final long nowMs, final long windowMs)
    {
        if (!isRecord(record))
        {
            return;
        }
        final UnsafeBuffer buffer = new UnsafeBuffer(record);
        int offset = 1;
        final int n = Math.min(MAX_PRODUCTS, buffer.getByte(offset++) & 0xFF);
        for (int i = 0; i < n; i++, offset += PRODUCT_LENGTH)
        {
            final long since = ProfileCodec.fromSeconds(buffer.getInt(offset + 6, ByteOrder.LITTLE_ENDIAN));
            if (nowMs - since >= windowMs)
            {
                continue;
            }
            final int fingerprint = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
            final int count = buffer.getShort(offset + 4, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            profile.impressions.overlay(fingerprint, count, since, nowMs, windowMs);
        }
    }

    private void dropExpired(final long nowMs, final long windowMs)
    {
        int kept = 0;
        for (int i = 0; i < productCount; i++)
        {
            if (nowMs - sinceMs[i] < windowMs)
            {
                fingerprints[kept] = fingerprints[i];
                counts[kept] = counts[i];
                sinceMs[kept] = sinceMs[i];
                kept++;
            }
        }
        productCount = kept;
    }

    private void add(final int fingerprint, final long at, final long windowMs)
    {
        for (int i = 0; i < productCount; i++)
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
        }
        int slot = productCount;
        if (slot == MAX_PRODUCTS)
        {
            slot = 0;
            for (int i = 1; i < productCount; i++)
            {
                if (counts[i] < counts[slot] || counts[i] == counts[slot] && sinceMs[i] < sinceMs[slot])
                {
                    slot = i;
                }
            }
        }
        else
        {
            productCount++;
        }
        fingerprints[slot] = fingerprint;
        counts[slot] = 1;
        sinceMs[slot] = at;
    }
}
