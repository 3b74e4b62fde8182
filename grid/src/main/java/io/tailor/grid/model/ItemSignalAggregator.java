package io.tailor.grid.model;

import io.tailor.scoring.model.CooccurrenceKind;
import io.tailor.scoring.model.Exposure;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2ObjectHashMap;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * Collects item-level signals from the threads that apply events and folds them into per-product deltas
 * for the grid's item maps.
 * <p>
 * Writers (partition threads running entry processors, event loops recording served lists) claim a record in a
 * lock-free Agrona ring buffer and never block: when the buffer is full the signal is dropped and counted. The
 * buffer is drained into {@link ItemSignalAccumulator}s of deltas under a lock that only readers take: the model
 * refresher's signal thread drains every few milliseconds, and its model thread drains before it flushes or patches
 * and takes or reads the deltas. A writer never sees the lock; a rebuild that takes seconds does not stop the
 * draining (under load it did, and the ring overflowed: benchmarks/RESULTS.md, twenty-second slice).
 * <pre>
 *   popularity (28 bytes):      | productKey long | weight double | atMs long | kind int |
 *   co-occurrence (28 bytes):   | productKey long | otherKey long   | atMs long | kind int |
 *   time to purchase (28 bytes): | productKey long | delayMs long   | atMs long | unused int |
 *   clicked (28 bytes):          | productKey long | unused long    | atMs long | placement int |
 *   transition (28 bytes):       | fromKey long    | toKey long     | atMs long | steps int  |
 *   shown (16 + 8n bytes):       | atMs long | placement int | n int (fresh << 16 | n) | n x productKey long |
 *                                   one served list's products, its {@code fresh} new arrivals first
 * </pre>
 * A placement is its ordinal, or {@link Exposure#NO_PLACEMENT} when not known. The ring lives in one process only
 * and is drained before it is closed, so its layout may change between versions.
 * <p>
 * Impressions go two ways. A list's new arrivals go into the pending deltas and the fresh exposure, as every other
 * signal: the exposure floor and the exploration draws need them within a flush and a refresh. The rest of a list,
 * established products, whose counts only the product's stats read (nothing that ranks reads an established
 * product's impressions: {@code NewArrivalSlot} looks only at products within the new-arrival window), go into
 * their own deltas ({@link #takeEstablishedShown()}), which the refresher merges on a slower cadence: a served list
 * of {@code k} products is one record either way, written without allocation, and a flush merges only the keys
 * that changed, so the slow cadence bounds the keys merged to about the catalog's size per cadence.
 */
public final class ItemSignalAggregator implements ItemSignalHandler
{
    private static final int POPULARITY = 1;
    private static final int COOCCURRENCE = 2;
    private static final int TIME_TO_PURCHASE = 3;
    private static final int CLICKED = 4;
    private static final int SHOWN = 5;
    private static final int TRANSITION = 6;
    private static final int OTHER_OFFSET = 8;
    private static final CooccurrenceKind[] PAIR_KINDS = CooccurrenceKind.values();
    private static final int KEY_OFFSET = 0;
    private static final int WEIGHT_OFFSET = 8;
    private static final int AT_OFFSET = 16;
    private static final int KIND_OFFSET = 24;
    private static final int RECORD_LENGTH = 28;
    private static final int SHOWN_HEADER = 8 + 4 + 4;
    /** The count of new arrivals sits in the upper half of the shown record's count field. */
    private static final int FRESH_SHIFT = 16;
    private static final int COUNT_MASK = 0xFFFF;
    private static final PopularityKind[] KINDS = PopularityKind.values();
    /**
     * Most records one read of the ring takes. Agrona's ring frees the space of the records a read took only when the
     * read returns, so one read of everything waiting held the whole backlog's space for as long as folding it in
     * took: under load a full 8 MiB ring (about 210,000 signals, a second of the reader's time) stayed full for that
     * second and every signal written meanwhile was dropped (benchmarks/RESULTS.md, twenty-second slice).
     */
    static final int SIGNALS_PER_READ = 4_096;

    private final RingBuffer ring;
    private final MessageHandler recordReader = this::read;
    /** Held by whoever reads the ring or touches the accumulators below; writers of the ring never take it. */
    private final ReentrantLock readers = new ReentrantLock();
    private final AtomicLong dropped = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final ItemSignalAccumulator pending;
    /** Impressions and clicks drained since {@link #takeFreshExposure()} last took them: for patching the model. */
    private final ItemSignalAccumulator freshExposure;
    /** Impressions of established products drained since {@link #takeEstablishedShown()} last took them. */
    private final ItemSignalAccumulator establishedShown;

    /**
     * Aggregator with a ring of the given capacity.
     *
     * @param capacityBytes ring capacity, a power of two.
     * @param settings      model settings (half-lives, pair weights, neighbour capacity).
     */
    public ItemSignalAggregator(final int capacityBytes, final ModelSettings settings)
    {
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.pending = new ItemSignalAccumulator(settings);
        this.freshExposure = new ItemSignalAccumulator(settings);
        this.establishedShown = new ItemSignalAccumulator(settings);
    }

    @Override
    public void onPopularity(final long productKey, final PopularityKind kind, final double weight, final long atMs)
    {
        final int index = ring.tryClaim(POPULARITY, RECORD_LENGTH);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + KEY_OFFSET, productKey);
        buffer.putDouble(index + WEIGHT_OFFSET, weight);
        buffer.putLong(index + AT_OFFSET, atMs);
        buffer.putInt(index + KIND_OFFSET, kind.ordinal());
        ring.commit(index);
    }

    @Override
    public void onCooccurrence(final long productKey, final long otherKey, final CooccurrenceKind kind,
        final long atMs)
    {
        final int index = ring.tryClaim(COOCCURRENCE, RECORD_LENGTH);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + KEY_OFFSET, productKey);
        buffer.putLong(index + OTHER_OFFSET, otherKey);
        buffer.putLong(index + AT_OFFSET, atMs);
        buffer.putInt(index + KIND_OFFSET, kind.ordinal());
        ring.commit(index);
    }

    @Override
    public void onTransition(final long fromKey, final long toKey, final int steps, final long atMs)
    {
        final int index = ring.tryClaim(TRANSITION, RECORD_LENGTH);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + KEY_OFFSET, fromKey);
        buffer.putLong(index + OTHER_OFFSET, toKey);
        buffer.putLong(index + AT_OFFSET, atMs);
        buffer.putInt(index + KIND_OFFSET, steps);
        ring.commit(index);
    }

    @Override
    public void onTimeToPurchase(final long productKey, final long delayMs, final long atMs)
    {
        final int index = ring.tryClaim(TIME_TO_PURCHASE, RECORD_LENGTH);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + KEY_OFFSET, productKey);
        buffer.putLong(index + OTHER_OFFSET, delayMs);
        buffer.putLong(index + AT_OFFSET, atMs);
        buffer.putInt(index + KIND_OFFSET, 0);
        ring.commit(index);
    }

    @Override
    public void onClicked(final long productKey, final int placement, final long atMs)
    {
        final int index = ring.tryClaim(CLICKED, RECORD_LENGTH);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index + KEY_OFFSET, productKey);
        buffer.putLong(index + OTHER_OFFSET, 0L);
        buffer.putLong(index + AT_OFFSET, atMs);
        buffer.putInt(index + KIND_OFFSET, placement);
        ring.commit(index);
    }

    @Override
    public void onShown(final long productKey, final int placement, final long atMs)
    {
        shown(new long[] {productKey}, 1, placement, atMs);
    }

    /**
     * New arrivals one served list showed, in one record: as {@link #shown(long[], int, int, int, long)} with every
     * product a new arrival.
     *
     * @param productKeys keys of the products shown.
     * @param count       how many of {@code productKeys}; nothing is recorded for 0.
     * @param placement   the list's placement ordinal.
     * @param atMs        when, epoch milliseconds.
     */
    public void shown(final long[] productKeys, final int count, final int placement, final long atMs)
    {
        shown(productKeys, count, count, placement, atMs);
    }

    /**
     * Products one served list showed, in one record: the event loop's call, without allocation or lock. The first
     * {@code fresh} keys are the list's new arrivals, counted at once; the others are established products, counted
     * for their stats on the slower cadence (see the class comment).
     *
     * @param productKeys keys of the products shown, new arrivals first.
     * @param count       how many of {@code productKeys}; nothing is recorded for 0.
     * @param fresh       how many of the first keys are new arrivals, 0 to {@code count}.
     * @param placement   the list's placement ordinal.
     * @param atMs        when, epoch milliseconds.
     */
    public void shown(final long[] productKeys, final int count, final int fresh, final int placement,
        final long atMs)
    {
        if (count <= 0)
        {
            return;
        }
        final int length = SHOWN_HEADER + 8 * count;
        // the ring refuses (throws for) a record over an eighth of its capacity: 100 products need 816 bytes
        final int index = length > ring.maxMsgLength() || count > COUNT_MASK ? -1 : ring.tryClaim(SHOWN, length);
        if (index < 0)
        {
            dropped.incrementAndGet();
            return;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, atMs);
        buffer.putInt(index + 8, placement);
        buffer.putInt(index + 12, Math.min(fresh, count) << FRESH_SHIFT | count);
        for (int i = 0; i < count; i++)
        {
            buffer.putLong(index + SHOWN_HEADER + 8 * i, productKeys[i]);
        }
        ring.commit(index);
    }

    /**
     * Drains the ring into the pending deltas, everything written before the call at least, in reads of at most
     * {@link #SIGNALS_PER_READ} records that each free their space; any thread may call this, one reads at a time.
     *
     * @return number of signals drained.
     */
    public int drain()
    {
        // At most about a ring's worth of records, so that a drain under a steady stream of writes returns.
        final int most = ring.capacity() / RECORD_LENGTH;
        int drained = 0;
        int read;
        do
        {
            read = whileReading(() -> ring.read(recordReader, SIGNALS_PER_READ));
            received.addAndGet(read);
            drained += read;
        }
        while (read > 0 && drained < most);
        return drained;
    }

    private void read(final int msgTypeId, final MutableDirectBuffer buffer, final int index, final int length)
    {
        if (msgTypeId == POPULARITY)
        {
            pending.onPopularity(buffer.getLong(index + KEY_OFFSET), KINDS[buffer.getInt(index + KIND_OFFSET)],
                buffer.getDouble(index + WEIGHT_OFFSET), buffer.getLong(index + AT_OFFSET));
        }
        else if (msgTypeId == COOCCURRENCE)
        {
            pending.onCooccurrence(buffer.getLong(index + KEY_OFFSET), buffer.getLong(index + OTHER_OFFSET),
                PAIR_KINDS[buffer.getInt(index + KIND_OFFSET)], buffer.getLong(index + AT_OFFSET));
        }
        else if (msgTypeId == TIME_TO_PURCHASE)
        {
            pending.onTimeToPurchase(buffer.getLong(index + KEY_OFFSET), buffer.getLong(index + OTHER_OFFSET),
                buffer.getLong(index + AT_OFFSET));
        }
        else if (msgTypeId == TRANSITION)
        {
            pending.onTransition(buffer.getLong(index + KEY_OFFSET), buffer.getLong(index + OTHER_OFFSET),
                buffer.getInt(index + KIND_OFFSET), buffer.getLong(index + AT_OFFSET));
        }
        else if (msgTypeId == CLICKED)
        {
            final long key = buffer.getLong(index + KEY_OFFSET);
            final int placement = buffer.getInt(index + KIND_OFFSET);
            final long atMs = buffer.getLong(index + AT_OFFSET);
            pending.onClicked(key, placement, atMs);
            freshExposure.onClicked(key, placement, atMs);
        }
        else
        {
            final long atMs = buffer.getLong(index);
            final int placement = buffer.getInt(index + 8);
            final int counts = buffer.getInt(index + 12);
            final int fresh = counts >>> FRESH_SHIFT;
            for (int i = 0, count = counts & COUNT_MASK; i < count; i++)
            {
                final long key = buffer.getLong(index + SHOWN_HEADER + 8 * i);
                if (i < fresh)
                {
                    pending.onShown(key, placement, atMs);
                    freshExposure.onShown(key, placement, atMs);
                }
                else
                {
                    establishedShown.onShown(key, placement, atMs);
                }
            }
        }
    }

    /**
     * Takes the pending deltas, leaving none.
     *
     * @return the deltas, possibly empty; no longer written by anyone.
     */
    public ItemSignalAccumulator takePending()
    {
        return whileReading(pending::drainTo);
    }

    /**
     * Takes the impressions and clicks drained since the last take (whether or not flushed since), leaving none, and
     * reads the deltas drained and not yet taken by {@link #takePending()}, at one instant: nothing is drained between
     * the two. For the model thread, which sets the live model to the grid's stats plus the pending deltas (which
     * hold the fresh exposure too) and then adds the fresh exposure drained after that instant: a signal drained
     * between the take and the read would be counted twice.
     *
     * @param reader given the fresh exposure taken and the live pending deltas by product key (in no grid map yet,
     *               so a model built from the grid's stats lacks them); must not keep or change them, and holds
     *               off draining while it runs.
     * @param <R>    what the reader makes of them.
     * @return what the reader returned.
     */
    public <R> R takeFreshExposureAndReadPending(
        final BiFunction<Long2ObjectHashMap<ItemStats>, Long2ObjectHashMap<ItemStats>, R> reader)
    {
        return whileReading(() -> reader.apply(freshExposure.drainTo().statsByProduct(), pending.statsByProduct()));
    }

    /** Runs {@code work} holding the readers' lock: no other thread reads the ring or the accumulators meanwhile. */
    private <T> T whileReading(final Supplier<T> work)
    {
        readers.lock();
        try
        {
            return work.get();
        }
        finally
        {
            readers.unlock();
        }
    }

    /**
     * Takes the impressions and clicks drained since the last take (whether or not flushed since), leaving none: what
     * the live model lacks when it was built or patched before they were drained.
     *
     * @return exposure deltas by product key, possibly empty.
     */
    public Long2ObjectHashMap<ItemStats> takeFreshExposure()
    {
        return whileReading(() -> freshExposure.drainTo().statsByProduct());
    }

    /**
     * Takes the impressions of established products drained since the last call, leaving none: merged into the grid
     * on the slower cadence ({@code ModelRefresher}).
     *
     * @return impression deltas by product key, possibly empty.
     */
    public Long2ObjectHashMap<ItemStats> takeEstablishedShown()
    {
        return whileReading(() -> establishedShown.drainTo().statsByProduct());
    }

    /**
     * Signals dropped because the ring was full.
     *
     * @return the count since start.
     */
    public long dropped()
    {
        return dropped.get();
    }

    /**
     * Signals drained from the ring.
     *
     * @return the count since start.
     */
    public long received()
    {
        return received.get();
    }

    /**
     * Bytes waiting in the ring, for the persistence and ingestion lag metrics.
     *
     * @return the backlog.
     */
    public int backlogBytes()
    {
        return ring.size();
    }
}
