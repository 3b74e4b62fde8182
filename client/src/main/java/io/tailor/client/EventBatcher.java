package io.tailor.client;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * The queue behind {@link TailorClient#track}: a bounded queue of encoded events and one sender thread that
 * sends them as NDJSON batches, one batch at a time, each with the client's retries.
 * <pre>
 *   callers: track ─► queue (bounded; full: refuse, or wait up to a timeout)
 *   sender:  wait for an event, then up to the linger time for a full batch ─► POST /v1/events (retries)
 *            ─► count accepted / duplicates / rejected / failed ─► complete the flushes it covers
 * </pre>
 * While the node is slow or away the sender is busy retrying one batch, the queue fills, and {@code track}
 * refuses: the caller's page render never waits on the node.
 */
final class EventBatcher
{
    private static final System.Logger LOG = System.getLogger(EventBatcher.class.getName());
    /** A quarter of the node's default body limit (16 MiB), whatever the batch size. */
    private static final int MAX_BATCH_BYTES = 4 << 20;

    private final Function<byte[], CompletableFuture<BatchResult>> send;
    private final int capacity;
    private final int batchSize;
    private final long lingerNanos;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final Condition notFull = lock.newCondition();
    private final ArrayDeque<byte[]> lines;
    private final List<Flush> flushes = new ArrayList<>();
    private final Thread sender;
    private final AtomicLong refused = new AtomicLong();
    private final AtomicLong accepted = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong rejected = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();
    private long enqueued;
    private long settled;
    private boolean closing;

    /** A flush waiting for the events enqueued before it. */
    private record Flush(long target, CompletableFuture<Void> done)
    {
    }

    /**
     * A batcher; its sender thread starts at once.
     *
     * @param send      sends one NDJSON body, with retries.
     * @param capacity  most events queued.
     * @param batchSize most events per request.
     * @param linger    how long a partial batch waits for more events.
     */
    EventBatcher(final Function<byte[], CompletableFuture<BatchResult>> send, final int capacity,
        final int batchSize, final Duration linger)
    {
        this.send = send;
        this.capacity = capacity;
        this.batchSize = batchSize;
        this.lingerNanos = linger.toNanos();
        this.lines = new ArrayDeque<>(Math.min(capacity, 1 << 16));
        this.sender = new Thread(this::run, "tailor-client-events");
        sender.setDaemon(true);
        sender.start();
    }

    /**
     * Queues an encoded event.
     *
     * @param line         the event's JSON, without a newline.
     * @param timeoutNanos how long to wait for room; 0: not at all.
     * @return false when the queue stayed full, or the client is closing.
     * @throws InterruptedException when interrupted while waiting for room.
     */
    boolean offer(final byte[] line, final long timeoutNanos) throws InterruptedException
    {
        long left = timeoutNanos;
        lock.lockInterruptibly();
        try
        {
            while (!closing && lines.size() >= capacity)
            {
                if (left <= 0)
                {
                    refused.incrementAndGet();
                    return false;
                }
                left = notFull.awaitNanos(left);
            }
            if (closing)
            {
                refused.incrementAndGet();
                return false;
            }
            lines.addLast(line);
            enqueued++;
            if (lines.size() == 1 || lines.size() >= batchSize)
            {
                notEmpty.signal();
            }
            return true;
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Sends what is queued without waiting for a full batch.
     *
     * @return completes once every event queued before the call is delivered or counted as failed.
     */
    CompletableFuture<Void> flush()
    {
        lock.lock();
        try
        {
            if (settled >= enqueued)
            {
                return CompletableFuture.completedFuture(null);
            }
            final Flush flush = new Flush(enqueued, new CompletableFuture<>());
            flushes.add(flush);
            notEmpty.signal();
            return flush.done();
        }
        finally
        {
            lock.unlock();
        }
    }

    /**
     * Refuses new events, sends the queued ones, and waits for the sender up to a timeout; events still queued
     * then are counted as failed.
     *
     * @param timeout longest wait.
     * @return events left undelivered.
     */
    long close(final Duration timeout)
    {
        lock.lock();
        try
        {
            closing = true;
            notEmpty.signalAll();
            notFull.signalAll();
        }
        finally
        {
            lock.unlock();
        }
        try
        {
            sender.join(Math.max(1, timeout.toMillis()));
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
        if (sender.isAlive())
        {
            sender.interrupt();
            try
            {
                sender.join(TimeUnit.SECONDS.toMillis(5));
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        lock.lock();
        try
        {
            final long left = enqueued - settled;
            if (left > 0)
            {
                failed.addAndGet(left);
                settled = enqueued;
                LOG.log(System.Logger.Level.WARNING, "closing with {0} events not delivered", left);
            }
            completeFlushes(true);
            return left;
        }
        finally
        {
            lock.unlock();
        }
    }

    long refused()
    {
        return refused.get();
    }

    long accepted()
    {
        return accepted.get();
    }

    long duplicates()
    {
        return duplicates.get();
    }

    long rejected()
    {
        return rejected.get();
    }

    long failed()
    {
        return failed.get();
    }

    private void run()
    {
        try
        {
            List<byte[]> batch;
            while ((batch = next()) != null)
            {
                deliver(batch);
            }
        }
        catch (final InterruptedException ex)
        {
            // close() gave up waiting: what is left is counted there.
            Thread.currentThread().interrupt();
        }
    }

    /** The next batch: waits for an event, then up to the linger time for a full batch; null when closed. */
    private List<byte[]> next() throws InterruptedException
    {
        lock.lockInterruptibly();
        try
        {
            while (lines.isEmpty())
            {
                if (closing)
                {
                    return null;
                }
                notEmpty.await();
            }
            long left = lingerNanos;
            while (lines.size() < batchSize && !closing && flushes.isEmpty() && left > 0)
            {
                left = notEmpty.awaitNanos(left);
            }
            final List<byte[]> batch = new ArrayList<>(Math.min(lines.size(), batchSize));
            int bytes = 0;
            while (!lines.isEmpty() && batch.size() < batchSize &&
                (batch.isEmpty() || bytes + lines.peekFirst().length + 1 <= MAX_BATCH_BYTES))
            {
                final byte[] line = lines.pollFirst();
                bytes += line.length + 1;
                batch.add(line);
            }
            notFull.signalAll();
            return batch;
        }
        finally
        {
            lock.unlock();
        }
    }

    private void deliver(final List<byte[]> batch) throws InterruptedException
    {
        final ByteArrayOutputStream body = new ByteArrayOutputStream(batch.size() * 160);
        for (final byte[] line : batch)
        {
            body.writeBytes(line);
            body.write('\n');
        }
        try
        {
            final BatchResult result = send.apply(body.toByteArray()).get();
            if (result.ok() || result.status() == 400 && !result.rejected().isEmpty())
            {
                accepted.addAndGet(result.stored());
                duplicates.addAndGet(result.duplicates());
                rejected.addAndGet(result.rejected().size());
                final long lost = batch.size() - result.stored() - result.duplicates() - result.rejected().size();
                if (lost > 0)
                {
                    failed.addAndGet(lost);
                }
                if (!result.rejected().isEmpty())
                {
                    LOG.log(System.Logger.Level.WARNING, "the node refused {0} of {1} events, the first: {2}",
                        result.rejected().size(), batch.size(), result.rejected().get(0));
                }
            }
            else
            {
                failed.addAndGet(batch.size());
                LOG.log(System.Logger.Level.WARNING, "a batch of {0} events was not stored after {1} attempts: " +
                    "status {2}, {3}", batch.size(), result.attempts(), result.status(), result.problem());
            }
        }
        catch (final InterruptedException ex)
        {
            failed.addAndGet(batch.size());
            throw ex;
        }
        catch (final ExecutionException ex)
        {
            failed.addAndGet(batch.size());
            LOG.log(System.Logger.Level.WARNING, "a batch of {0} events was not delivered: {1}", batch.size(),
                ex.getCause().getMessage());
        }
        catch (final RuntimeException ex)
        {
            failed.addAndGet(batch.size());
            LOG.log(System.Logger.Level.WARNING, "a batch of " + batch.size() + " events could not be sent", ex);
        }
        finally
        {
            lock.lock();
            try
            {
                settled += batch.size();
                completeFlushes(false);
            }
            finally
            {
                lock.unlock();
            }
        }
    }

    /** Completes the flushes whose events are all settled (all of them when closing). Holds the lock. */
    private void completeFlushes(final boolean all)
    {
        for (int i = flushes.size() - 1; i >= 0; i--)
        {
            final Flush flush = flushes.get(i);
            if (all || flush.target() <= settled)
            {
                flushes.remove(i);
                // Dependents run on the common pool, never under this lock or on the sender thread.
                CompletableFuture.runAsync(() -> flush.done().complete(null));
            }
        }
    }
}
