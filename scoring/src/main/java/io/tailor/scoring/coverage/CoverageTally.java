package io.tailor.scoring.coverage;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.util.DistinctSketch;
import io.tailor.scoring.util.Hashing;

import java.util.Arrays;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * What one node's served lists showed, per placement and hour: a {@link DistinctSketch} of product keys for the
 * current hour and one for the hour before, written by every event loop without locks or allocation, read by one
 * flusher that merges them into the cluster's hourly buckets (see {@link CoverageWindow}).
 * <pre>
 *   slot = placement.ordinal() * 2 + (hour &amp; 1)      hours[slot] = the hour the slot holds
 * </pre>
 * The first writer of a new hour takes its slot (compare-and-set to {@link #ROLLING}), clears it and stamps the hour;
 * the flusher skips a slot while it rolls. A write racing the clearing may be lost, which can only undercount by a
 * product, and at most once per placement and hour. A slot is reused two hours later, and the flusher sends every
 * changed slot each few seconds, so nothing written is cleared before it was sent unless the flusher stalls for an
 * hour.
 */
public final class CoverageTally
{
    /** Stamp of a slot being cleared for a new hour. */
    static final long ROLLING = Long.MAX_VALUE;
    /** Stamp of a slot never written. */
    static final long NONE = Long.MIN_VALUE;

    /** Decorrelates the sketch's register choice from other uses of the product key. */
    private static final long SALT = 0x5F2D8C31A4B7E96DL;
    private static final Placement[] PLACEMENTS = Placement.values();

    private final byte[][] sketches = new byte[PLACEMENTS.length * 2][DistinctSketch.REGISTERS];
    private final AtomicLongArray hours = new AtomicLongArray(PLACEMENTS.length * 2);
    private final AtomicIntegerArray changed = new AtomicIntegerArray(PLACEMENTS.length * 2);

    /**
     * Receives a changed sketch.
     */
    @FunctionalInterface
    public interface SketchHandler
    {
        /**
         * A sketch of what one placement showed in one hour on this node.
         *
         * @param placement the placement.
         * @param hour      the hour, see {@link CoverageWindow#hourOf(long)}.
         * @param registers a copy of the sketch, the receiver's to keep.
         */
        void onSketch(Placement placement, long hour, byte[] registers);
    }

    /**
     * A tally with nothing shown.
     */
    public CoverageTally()
    {
        for (int slot = 0; slot < PLACEMENTS.length * 2; slot++)
        {
            hours.set(slot, NONE);
        }
    }

    /**
     * Counts the products of a served list as shown. Allocation-free and lock-free; any thread.
     *
     * @param placement where the list was served.
     * @param list      the served list.
     * @param catalog   the catalog the list's item indices refer to.
     * @param nowMs     server time of the list.
     */
    public void shown(final Placement placement, final Recommendation list, final CatalogSnapshot catalog,
        final long nowMs)
    {
        final int slot = slotFor(placement, nowMs);
        final byte[] registers = sketches[slot];
        boolean grew = false;
        for (int i = 0, count = list.count(); i < count; i++)
        {
            grew |= DistinctSketch.add(registers, Hashing.mix(catalog.key(list.item(i)) ^ SALT));
        }
        if (grew)
        {
            changed.set(slot, 1);
        }
    }

    /**
     * Counts products as shown, by key. Allocation-free and lock-free; any thread.
     *
     * @param placement   where they were shown.
     * @param productKeys {@link Hashing#key(CharSequence)} of each product id.
     * @param count       keys to read.
     * @param nowMs       server time they were shown.
     */
    public void shown(final Placement placement, final long[] productKeys, final int count, final long nowMs)
    {
        final int slot = slotFor(placement, nowMs);
        final byte[] registers = sketches[slot];
        boolean grew = false;
        for (int i = 0; i < count; i++)
        {
            grew |= DistinctSketch.add(registers, Hashing.mix(productKeys[i] ^ SALT));
        }
        if (grew)
        {
            changed.set(slot, 1);
        }
    }

    /**
     * Hands a copy of every sketch changed since the last call to a handler; one flusher thread calls it.
     *
     * @param handler receives each changed sketch with its placement and hour.
     * @return sketches handed over.
     */
    public int collectChanged(final SketchHandler handler)
    {
        int collected = 0;
        for (int slot = 0; slot < PLACEMENTS.length * 2; slot++)
        {
            final long hour = hours.get(slot);
            if (hour == ROLLING || hour == NONE || changed.get(slot) == 0)
            {
                continue;
            }
            // cleared before the copy: a product added during the copy marks the slot again for the next call
            changed.set(slot, 0);
            final byte[] copy = sketches[slot].clone();
            if (hours.get(slot) == hour)
            {
                handler.onSketch(PLACEMENTS[slot / 2], hour, copy);
                collected++;
            }
            else
            {
                changed.set(slot, 1);
            }
        }
        return collected;
    }

    /** The slot of a placement's hour, taken and cleared first when the hour is new to it. */
    private int slotFor(final Placement placement, final long nowMs)
    {
        final long hour = CoverageWindow.hourOf(nowMs);
        final int slot = placement.ordinal() * 2 + (int)(hour & 1);
        final long held = hours.get(slot);
        if (held < hour)
        {
            roll(slot, held, hour);
        }
        return slot;
    }

    private void roll(final int slot, final long held, final long hour)
    {
        if (hours.compareAndSet(slot, held, ROLLING))
        {
            Arrays.fill(sketches[slot], (byte)0);
            hours.set(slot, hour);
        }
    }
}
