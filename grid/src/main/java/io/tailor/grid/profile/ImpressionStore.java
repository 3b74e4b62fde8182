package io.tailor.grid.profile;

import com.hazelcast.map.IMap;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.partition.PartitionIds;
import io.tailor.grid.partition.PartitionKeys;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.support.DirectCalls;
import io.tailor.scoring.profile.ImpressionRecord;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.ManyToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

/**
 * Which products the lists Tailor served showed to each shopper, for the frequency cap and for crediting a purchase
 * without request id to the list that last showed its product, kept apart from the profile in the
 * {@code impression-partitions} map ({@link ImpressionRecord}, under 1.5 KB per shopper), so that serving a list never
 * rewrites a profile. The map has one entry per partition ({@link PartitionImpressions}, keyed by
 * {@link PartitionKeys}) holding that partition's shoppers' records: a flush is one operation on one entry per
 * partition, not one map entry per shopper.
 * <pre>
 *   event loops ──record()──► many-to-one ring (no allocation, no lock; full: the list is dropped and counted)
 *   tailor-impressions, every 200 ms: drain ─► group by partition ─► one ApplyImpressionsProcessor per partition
 *       on its owner: each record decoded, every list applied once, stored in place if it fits; backup re-runs it;
 *       the owner's replica holds the new record for the next request's frequency cap
 * </pre>
 * Callers record under the key of the profile they served (the customer's, for a linked id) and only for a
 * shopper with a profile and personalization consent. What a crash can lose: lists still in the ring or in a
 * batch in flight, at most the last ~200 ms of the crashed node's served lists; applied records have a
 * synchronous backup. The map has no data files: a full cluster restart forgets the counts (the cap's window
 * starts again) and which lists showed what (a purchase without request id is then not credited to a list served
 * before the restart). A record is dropped an hour after the longer of the cap's and the attribution window has
 * passed since its last change (swept by the batches, {@link PartitionImpressions#sweep}).
 */
public final class ImpressionStore implements AutoCloseable
{
    /** Name of the map. */
    public static final String MAP_NAME = "impression-partitions";
    /** How often the ring is drained into the grid. */
    public static final long FLUSH_INTERVAL_MS = 200L;

    private static final int LIST = 1;
    private static final int HEADER_LENGTH = 8 + 8 + 4 + 4 + 4 + 4;

    private final IMap<String, PartitionImpressions> map;
    /** The key of each partition's one entry. */
    private final PartitionKeys partitionKeys;
    private final ProfileReplica replica;
    private final PartitionIds partitionIds;
    private final BackgroundErrors errors;
    private final RingBuffer ring;
    private final ScheduledExecutorService thread;
    private final LongAdder queued = new LongAdder();
    private final LongAdder dropped = new LongAdder();
    private final LongAdder sent = new LongAdder();
    private final LongAdder drained = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private Map<Integer, ImpressionBatch.Builder> pending = new HashMap<>();
    /**
     * Batches sent and not counted yet, oldest first; the flusher thread's own. Each flush counts those its owners
     * have applied since (or failed) and {@link #flushNow()} waits for all of them: the flusher looks at the futures
     * instead of being called back. A callback per batch (271 a flush, five flushes a second) ran on Hazelcast's
     * default executor, the common pool, a wake-up of one of its threads each; given an executor that runs it in
     * place it still left more of those wake-ups than looking at the futures does (futex calls per served list,
     * benchmarks/RESULTS.md, eighteenth slice).
     */
    private final ArrayDeque<SentBatch> unsettled = new ArrayDeque<>();

    /**
     * A store over the map; call {@link #start()} to begin flushing.
     *
     * @param map           the impressions map.
     * @param replica       this member's replica, or {@code null} on a client.
     * @param partitions    the partition service, to group lists by partition.
     * @param errors        background error sink.
     * @param capacityBytes ring capacity, a power of two.
     */
    public ImpressionStore(final IMap<String, PartitionImpressions> map, final ProfileReplica replica,
        final PartitionService partitions, final BackgroundErrors errors, final int capacityBytes)
    {
        this.map = map;
        this.partitionKeys = PartitionKeys.find(partitions);
        this.replica = replica;
        this.partitionIds = PartitionIds.of(partitions);
        this.errors = errors;
        this.ring = new ManyToOneRingBuffer(new UnsafeBuffer(
            ByteBuffer.allocateDirect(capacityBytes + RingBufferDescriptor.TRAILER_LENGTH)));
        this.thread = DaemonThreads.scheduled("tailor-impressions");
    }

    /**
     * Starts the flusher thread.
     */
    public void start()
    {
        thread.scheduleWithFixedDelay(this::flushQuietly, FLUSH_INTERVAL_MS, FLUSH_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Queues a served list's products as shown to a shopper; any thread, no allocation, no lock, no I/O.
     *
     * @param key         profile key of the shopper served (the customer's for a linked id).
     * @param listKey     key of the list's request id: a list counts once.
     * @param atMs        when the list was served.
     * @param productKeys keys of the listed products.
     * @param count       how many of {@code productKeys} were listed.
     * @return false when the ring was full and the list was dropped (counted).
     */
    public boolean record(final String key, final long listKey, final long atMs, final long[] productKeys,
        final int count)
    {
        return record(key, listKey, atMs, productKeys, count, ImpressionRecord.NO_TAG, 0);
    }

    /**
     * Queues a served list's products as shown to a shopper, and remembers the list as the one that last showed
     * each of them, for crediting a purchase that carries no request id; any thread, no allocation, no lock, no I/O.
     *
     * @param key         profile key of the shopper served (the customer's for a linked id).
     * @param listKey     key of the list's request id: a list counts once.
     * @param atMs        when the list was served.
     * @param productKeys keys of the listed products.
     * @param count       how many of {@code productKeys} were listed.
     * @param tag         the list's {@link ImpressionRecord#tag(int, int, boolean)}, or
     *                    {@link ImpressionRecord#NO_TAG}.
     * @param arm         its experiment arm's name's hash code, when the tag says it has one.
     * @return false when the ring was full and the list was dropped (counted).
     */
    public boolean record(final String key, final long listKey, final long atMs, final long[] productKeys,
        final int count, final int tag, final int arm)
    {
        final int length = HEADER_LENGTH + count * 8 + key.length() * 2;
        final int index = ring.tryClaim(LIST, length);
        if (index <= 0)
        {
            dropped.increment();
            return false;
        }
        final MutableDirectBuffer buffer = ring.buffer();
        buffer.putLong(index, listKey);
        buffer.putLong(index + 8, atMs);
        buffer.putInt(index + 16, count);
        buffer.putInt(index + 20, key.length());
        buffer.putInt(index + 24, tag);
        buffer.putInt(index + 28, arm);
        int offset = index + HEADER_LENGTH;
        for (int i = 0; i < count; i++, offset += 8)
        {
            buffer.putLong(offset, productKeys[i]);
        }
        for (int i = 0, n = key.length(); i < n; i++, offset += 2)
        {
            buffer.putChar(offset, key.charAt(i));
        }
        ring.commit(index);
        queued.increment();
        return true;
    }

    /**
     * Queues that a shopper went back to products a list showed them before ({@link ImpressionRecord#returned}):
     * their frequency-cap counts restart, applied in order with the served lists; any thread, no allocation, no
     * lock, no I/O.
     *
     * @param key         profile key of the shopper (the customer's for a linked id).
     * @param atMs        when they went back (the view's or click's time).
     * @param productKeys keys of the products.
     * @param count       how many of {@code productKeys}.
     * @return false when the ring was full and the return was dropped (counted; the cap then stays stricter).
     */
    public boolean returned(final String key, final long atMs, final long[] productKeys, final int count)
    {
        return record(key, 0L, atMs, productKeys, count, ImpressionRecord.RETURNED, 0);
    }

    /**
     * The shopper's impression record if this member owns it; the caller's thread, no I/O.
     *
     * @param key profile key.
     * @return the record, {@link ProfileStore#NO_PROFILE} when this member owns the key and nothing was shown,
     *     or {@code null} when this member cannot tell.
     */
    public byte[] local(final String key)
    {
        return replica == null ? null : replica.lookupImpressions(key);
    }

    /**
     * {@link #local(String)} for a key whose partition the caller has ({@link ProfileStore#partitionOf(String)}).
     *
     * @param key       profile key.
     * @param partition its partition, or -1.
     * @return as {@link #local(String)}.
     */
    public byte[] local(final String key, final int partition)
    {
        return replica == null ? null : replica.lookupImpressions(key, partition);
    }

    /**
     * Reads a shopper's record from its owner, for an export.
     *
     * @param key profile key (the customer's, for a linked id).
     * @return the record, or {@code null} when there is none.
     */
    public CompletionStage<byte[]> read(final String key)
    {
        return map.submitToKey(entryKeyOf(key), new ReadImpressionsProcessor(key));
    }

    /**
     * Removes a shopper's record (erasure, withdrawn consent).
     *
     * @param key profile key.
     * @return completes once the owner and its backup have removed it.
     */
    public CompletionStage<Object> clear(final String key)
    {
        return map.submitToKey(entryKeyOf(key), new ClearImpressionsProcessor(key, false));
    }

    /**
     * Moves an id's record to the customer it was linked to: taken from the id, merged into the customer's
     * ({@link MergeImpressionsProcessor}). Lists served to the id between the two steps count under the customer
     * anyway (the id forwards to the customer by then); a failure between them loses the id's record.
     *
     * @param alias    the linked id's profile key.
     * @param customer the customer's profile key.
     * @param nowMs    when.
     * @return completes once the customer's owner and backup have the merged record.
     */
    public CompletionStage<Object> moveTo(final String alias, final String customer, final long nowMs)
    {
        return clear(alias).thenCompose(removed -> removed instanceof byte[] bytes ?
            map.submitToKey(entryKeyOf(customer), new MergeImpressionsProcessor(customer, bytes, nowMs, false)) :
            CompletableFuture.completedFuture(null));
    }

    /**
     * Drains the ring and sends what was queued, now, and waits until the owners have applied it and everything
     * sent before; for tests and a clean shutdown.
     */
    public void flushNow()
    {
        try
        {
            thread.submit(() ->
            {
                flush();
                settle(TimeUnit.SECONDS.toNanos(10));
            }).get(20, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        catch (final Exception ex)
        {
            errors.record(BackgroundErrors.IMPRESSIONS, ex);
        }
    }

    /**
     * Lists queued since start.
     *
     * @return the count.
     */
    public long queued()
    {
        return queued.sum();
    }

    /**
     * Lists dropped because the ring was full.
     *
     * @return the count.
     */
    public long dropped()
    {
        return dropped.sum();
    }

    /**
     * Lists taken from the ring into batches: queued and not dropped, on their way to their owners or applied.
     *
     * @return the count.
     */
    public long drained()
    {
        return drained.sum();
    }

    /**
     * Lists their owners applied: counted by the flush after they were (up to a flush interval late), or by
     * {@link #flushNow()}.
     *
     * @return the count.
     */
    public long sent()
    {
        return sent.sum();
    }

    /**
     * Lists whose batch failed (the grid was unavailable); they are not retried. Counted as {@link #sent()} is.
     *
     * @return the count.
     */
    public long failed()
    {
        return failed.sum();
    }

    private void flushQuietly()
    {
        try
        {
            flush();
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.IMPRESSIONS, ex);
        }
    }

    /** Drains the ring and sends a batch per partition; counts the batches of earlier flushes applied since. */
    private void flush()
    {
        // One read stops where the ring's buffer ends; what was queued past that, from the buffer's start, takes a
        // second one. Without it a flush could leave a list for the next one, and the last flush, on close, lose it.
        for (int pass = 0; pass < 2; pass++)
        {
            ring.read(this::drain, Integer.MAX_VALUE);
        }
        settle(0L);
        if (pending.isEmpty())
        {
            return;
        }
        final Map<Integer, ImpressionBatch.Builder> batches = pending;
        pending = new HashMap<>();
        for (final ImpressionBatch.Builder builder : batches.values())
        {
            final ImpressionBatch batch = builder.build();
            // Awaited by polling, not chained: no task on any executor when the owner answers (DirectCalls).
            unsettled.add(new SentBatch(DirectCalls.submitToKeyAwaited(map, partitionKeys.stringKey(batch.partition()),
                new ApplyImpressionsProcessor(batch, false)), batch.listCount()));
        }
    }

    /**
     * Counts the batches sent and answered since the last call, as applied or failed (recorded); waits up to
     * {@code waitNs} in all for those not answered yet ({@code 0}: does not wait).
     */
    private void settle(final long waitNs)
    {
        final long deadlineNs = System.nanoTime() + waitNs;
        for (final Iterator<SentBatch> it = unsettled.iterator(); it.hasNext(); )
        {
            final SentBatch sentBatch = it.next();
            if (waitNs == 0L && !sentBatch.applied().isDone())
            {
                continue;
            }
            try
            {
                sentBatch.applied().get(Math.max(0L, deadlineNs - System.nanoTime()), TimeUnit.NANOSECONDS);
                sent.add(sentBatch.lists());
            }
            catch (final TimeoutException ex)
            {
                // left for the next flush to count
                continue;
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
                return;
            }
            catch (final ExecutionException ex)
            {
                failed.add(sentBatch.lists());
                errors.record(BackgroundErrors.IMPRESSIONS, ex.getCause());
            }
            catch (final CancellationException ex)
            {
                failed.add(sentBatch.lists());
                errors.record(BackgroundErrors.IMPRESSIONS, ex);
            }
            it.remove();
        }
    }

    /** A batch sent to its partition's owner and the number of lists it carries. */
    private record SentBatch(CompletableFuture<?> applied, int lists)
    {
    }

    /** Takes one queued list from the ring into its partition's batch. */
    private void drain(final int type, final MutableDirectBuffer buffer, final int index, final int length)
    {
        drained.increment();
        final long listKey = buffer.getLong(index);
        final long atMs = buffer.getLong(index + 8);
        final int count = buffer.getInt(index + 16);
        final int keyLength = buffer.getInt(index + 20);
        final int tag = buffer.getInt(index + 24);
        final int arm = buffer.getInt(index + 28);
        final long[] products = new long[count];
        int offset = index + HEADER_LENGTH;
        for (int i = 0; i < count; i++, offset += 8)
        {
            products[i] = buffer.getLong(offset);
        }
        final char[] chars = new char[keyLength];
        for (int i = 0; i < keyLength; i++, offset += 2)
        {
            chars[i] = buffer.getChar(offset);
        }
        final String key = new String(chars);
        pending.computeIfAbsent(partitionIds.of(key), ImpressionBatch.Builder::new)
            .add(key, listKey, atMs, products, tag, arm);
    }

    /** The key of the entry that holds a shopper's record: its partition's. */
    private String entryKeyOf(final String shopper)
    {
        return partitionKeys.stringKey(partitionIds.of(shopper));
    }

    @Override
    public void close()
    {
        flushNow();
        DaemonThreads.stop(thread);
    }
}
