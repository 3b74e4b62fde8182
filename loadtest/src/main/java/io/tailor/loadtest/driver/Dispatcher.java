package io.tailor.loadtest.driver;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;

import java.util.function.LongSupplier;

/**
 * Decides, on one driver thread, which request goes out when and on which connection, and times each answer.
 * <pre>
 *   open model:   request i is due at start + i/rate; when due and a connection is free it is written;
 *                 when none is free it waits (and its latency keeps growing from its due time) until one is
 *   closed model: every connection sends its next request as soon as the previous one is answered
 *   latency    =  answer complete - due time (open) or - send time (closed)   [HdrHistogram, per type]
 *   service    =  answer complete - send time                                  [for comparison]
 *   client lag =  send time - max(due time, connection free since)             [the generator's own delay]
 * </pre>
 * Connections are slots 0..n-1; the transport writes to the slot's connection and reports back with
 * {@link #connected}, {@link #answered} and {@link #disconnected}. Not thread-safe: every call comes from
 * the thread that owns the connections.
 */
public final class Dispatcher
{
    /**
     * Writes a request on a connection.
     */
    public interface Transport
    {
        /**
         * Writes and flushes; takes ownership of the buffer.
         *
         * @param slot    connection slot.
         * @param request complete HTTP/1.1 request bytes.
         */
        void send(int slot, ByteBuf request);
    }

    private static final byte DISCONNECTED = 0;
    private static final byte FREE = 1;
    private static final byte BUSY = 2;
    private static final int INITIAL_REQUEST_BYTES = 512;

    private final RequestSource source;
    private final LoadRecorders recorders;
    private final Transport transport;
    private final ByteBufAllocator allocator;
    private final LongSupplier clock;
    private final byte[] state;
    private final int[] freeSlots;
    private final long[] intendedNs;
    private final long[] sentNs;
    private final long[] freeSinceNs;
    private final long[] tags;
    private final int[] types;
    private int freeCount;
    private int inFlight;
    private boolean started;
    private Schedule schedule;
    private long startNs;
    private long endNs;
    private long nextIndex;
    private long sent;

    /**
     * A dispatcher over {@code slots} connections, all disconnected at first.
     *
     * @param source    what to send.
     * @param recorders where to record.
     * @param transport how to send.
     * @param allocator buffers for requests.
     * @param clock     {@link System#nanoTime()} or a test's clock.
     * @param slots     number of connections.
     */
    public Dispatcher(final RequestSource source, final LoadRecorders recorders, final Transport transport,
        final ByteBufAllocator allocator, final LongSupplier clock, final int slots)
    {
        this.source = source;
        this.recorders = recorders;
        this.transport = transport;
        this.allocator = allocator;
        this.clock = clock;
        this.state = new byte[slots];
        this.freeSlots = new int[slots];
        this.intendedNs = new long[slots];
        this.sentNs = new long[slots];
        this.freeSinceNs = new long[slots];
        this.tags = new long[slots];
        this.types = new int[slots];
    }

    /**
     * Starts the open model: requests on the schedule until its end.
     *
     * @param timetable when each request is due.
     */
    public void startOpen(final Schedule timetable)
    {
        this.schedule = timetable;
        this.startNs = timetable.intendedNs(0);
        this.endNs = timetable.endNs();
        this.started = true;
    }

    /**
     * Starts the closed model: each free connection sends as soon as it is free, from start until end.
     *
     * @param start first send time.
     * @param end   no request is sent at or after this time.
     */
    public void startClosed(final long start, final long end)
    {
        this.schedule = null;
        this.startNs = start;
        this.endNs = end;
        this.started = true;
    }

    /**
     * Sends every request that is due and has a free connection.
     *
     * @return when to call again (the next due time), or {@link Long#MAX_VALUE} when only an answer, a
     *     connection or nothing at all can make progress.
     */
    public long pump()
    {
        if (!started)
        {
            return Long.MAX_VALUE;
        }
        long nowNs = clock.getAsLong();
        if (nowNs < startNs)
        {
            return startNs;
        }
        final Schedule timetable = schedule;
        if (timetable == null)
        {
            while (freeCount > 0 && nowNs < endNs)
            {
                issue(popFree(), nowNs, nowNs);
                nowNs = clock.getAsLong();
            }
            return Long.MAX_VALUE;
        }
        while (true)
        {
            if (!timetable.inRun(nextIndex))
            {
                return Long.MAX_VALUE;
            }
            final long intended = timetable.intendedNs(nextIndex);
            if (intended > nowNs)
            {
                return intended;
            }
            if (freeCount == 0)
            {
                return Long.MAX_VALUE;
            }
            final int slot = popFree();
            recorders.recordClientLag(nowNs - Math.max(intended, freeSinceNs[slot]));
            nextIndex++;
            issue(slot, intended, nowNs);
            nowNs = clock.getAsLong();
        }
    }

    private void issue(final int slot, final long intended, final long nowNs)
    {
        final ByteBuf request = allocator.buffer(INITIAL_REQUEST_BYTES);
        final int type;
        try
        {
            type = source.write(request);
        }
        catch (final RuntimeException ex)
        {
            request.release();
            pushFree(slot);
            throw ex;
        }
        state[slot] = BUSY;
        types[slot] = type;
        intendedNs[slot] = intended;
        sentNs[slot] = nowNs;
        tags[slot] = source.tag();
        inFlight++;
        sent++;
        transport.send(slot, request);
    }

    /**
     * A connection is open and ready.
     *
     * @param slot connection slot.
     */
    public void connected(final int slot)
    {
        if (state[slot] == DISCONNECTED)
        {
            freeSinceNs[slot] = clock.getAsLong();
            pushFree(slot);
        }
    }

    /**
     * The answer on a connection is complete.
     *
     * @param slot   connection slot.
     * @param status HTTP status.
     */
    public void answered(final int slot, final int status)
    {
        if (state[slot] != BUSY)
        {
            return;
        }
        final long nowNs = clock.getAsLong();
        final int type = types[slot];
        recorders.recordAnswer(type, status, intendedNs[slot], sentNs[slot], nowNs);
        inFlight--;
        freeSinceNs[slot] = nowNs;
        pushFree(slot);
        source.completed(type, status, tags[slot]);
    }

    /**
     * A connection closed or failed; a request on it counts as an I/O error.
     *
     * @param slot connection slot.
     */
    public void disconnected(final int slot)
    {
        if (state[slot] == BUSY)
        {
            fail(slot, LoadRecorders.STATUS_IO_ERROR);
        }
        else if (state[slot] == FREE)
        {
            removeFree(slot);
        }
        state[slot] = DISCONNECTED;
    }

    /**
     * Gives up on requests waiting longer than a timeout; they count as timeouts and their connections are to
     * be closed (they stay unusable until {@link #connected} is called again).
     *
     * @param timeoutNs longest wait for an answer.
     * @param expired   receives the slots given up; as long as the number of slots.
     * @return number of slots given up.
     */
    public int expire(final long timeoutNs, final int[] expired)
    {
        final long nowNs = clock.getAsLong();
        int count = 0;
        for (int slot = 0; slot < state.length; slot++)
        {
            if (state[slot] == BUSY && nowNs - sentNs[slot] >= timeoutNs)
            {
                fail(slot, LoadRecorders.STATUS_TIMEOUT);
                state[slot] = DISCONNECTED;
                expired[count++] = slot;
            }
        }
        return count;
    }

    private void fail(final int slot, final int status)
    {
        final int type = types[slot];
        recorders.recordFailure(type, status);
        inFlight--;
        state[slot] = DISCONNECTED;
        source.completed(type, status, tags[slot]);
    }

    /**
     * Requests written and not yet answered.
     *
     * @return the count.
     */
    public int inFlight()
    {
        return inFlight;
    }

    /**
     * Requests written so far.
     *
     * @return the count.
     */
    public long sent()
    {
        return sent;
    }

    /**
     * Requests due by now that wait for a connection (open model; 0 in the closed model).
     *
     * @return the count.
     */
    public long backlog()
    {
        if (schedule == null)
        {
            return 0;
        }
        return Math.max(0, schedule.dueBy(clock.getAsLong()) - nextIndex);
    }

    /**
     * Open connections.
     *
     * @return the count of slots that are free or busy.
     */
    public int connections()
    {
        int count = 0;
        for (final byte s : state)
        {
            if (s != DISCONNECTED)
            {
                count++;
            }
        }
        return count;
    }

    private int popFree()
    {
        return freeSlots[--freeCount];
    }

    private void pushFree(final int slot)
    {
        state[slot] = FREE;
        freeSlots[freeCount++] = slot;
    }

    private void removeFree(final int slot)
    {
        for (int i = 0; i < freeCount; i++)
        {
            if (freeSlots[i] == slot)
            {
                freeSlots[i] = freeSlots[--freeCount];
                return;
            }
        }
    }
}
