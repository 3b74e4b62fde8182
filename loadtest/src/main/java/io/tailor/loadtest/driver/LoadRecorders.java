package io.tailor.loadtest.driver;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Where the driver threads record, and the reporter reads, without locks and without allocating per request:
 * per request type an HdrHistogram {@link Recorder} of latency from the intended send time (coordinated
 * omission corrected), one of service time (from the actual send), and counts by HTTP status; plus one
 * recorder of the client's own scheduling lag. Values are nanoseconds, 3 significant digits.
 */
public final class LoadRecorders
{
    /** Pseudo-status of a request that failed on the connection (reset, refused, closed mid-answer). */
    public static final int STATUS_IO_ERROR = 0;
    /** Pseudo-status of a request that got no answer within the timeout. */
    public static final int STATUS_TIMEOUT = 1;
    /** Status codes counted: 0..599. */
    public static final int STATUS_SLOTS = 600;
    /** Largest latency a histogram holds; larger values are clamped to it. */
    public static final long HIGHEST_TRACKABLE_NS = TimeUnit.MINUTES.toNanos(10);
    /** Significant decimal digits of every histogram. */
    public static final int SIGNIFICANT_DIGITS = 3;

    private final List<String> types;
    private final Recorder[] corrected;
    private final Recorder[] service;
    private final AtomicLongArray statuses;
    private final Recorder clientLag;

    /**
     * Recorders for these request types.
     *
     * @param types type names.
     */
    public LoadRecorders(final List<String> types)
    {
        this.types = List.copyOf(types);
        this.corrected = new Recorder[types.size()];
        this.service = new Recorder[types.size()];
        for (int t = 0; t < types.size(); t++)
        {
            corrected[t] = newRecorder();
            service[t] = newRecorder();
        }
        this.statuses = new AtomicLongArray(types.size() * STATUS_SLOTS);
        this.clientLag = newRecorder();
    }

    /**
     * A histogram shaped like the recorders' ones, for accumulating intervals.
     *
     * @return an empty histogram.
     */
    public static Histogram newHistogram()
    {
        return new Histogram(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    static Recorder newRecorder()
    {
        return new Recorder(1, HIGHEST_TRACKABLE_NS, SIGNIFICANT_DIGITS);
    }

    /**
     * Request type names.
     *
     * @return the names, indexed by type.
     */
    public List<String> types()
    {
        return types;
    }

    /**
     * Records an answered request.
     *
     * @param type       type index.
     * @param status     HTTP status, 100..599.
     * @param intendedNs when it was due (the send time in the closed model).
     * @param sentNs     when it was written.
     * @param nowNs      when the answer was complete.
     */
    public void recordAnswer(final int type, final int status, final long intendedNs, final long sentNs,
        final long nowNs)
    {
        corrected[type].recordValue(clamp(nowNs - intendedNs));
        service[type].recordValue(clamp(nowNs - sentNs));
        statuses.incrementAndGet(type * STATUS_SLOTS + statusSlot(status));
    }

    /**
     * Counts a request that got no answer; it is not in the latency histograms.
     *
     * @param type   type index.
     * @param status {@link #STATUS_IO_ERROR} or {@link #STATUS_TIMEOUT}.
     */
    public void recordFailure(final int type, final int status)
    {
        statuses.incrementAndGet(type * STATUS_SLOTS + statusSlot(status));
    }

    /**
     * Records how late the client itself sent a request: from when it was due (or, if later, when a
     * connection became free for it) to when it was written. Large values mean the generator is the
     * bottleneck.
     *
     * @param lagNs the lag.
     */
    public void recordClientLag(final long lagNs)
    {
        clientLag.recordValue(clamp(lagNs));
    }

    /**
     * Moves what was recorded since the last call into a histogram (corrected latency).
     *
     * @param type    type index.
     * @param recycle a histogram to reuse, or null.
     * @return the interval's histogram.
     */
    public Histogram intervalCorrected(final int type, final Histogram recycle)
    {
        return corrected[type].getIntervalHistogram(recycle);
    }

    /**
     * Moves what was recorded since the last call into a histogram (service time).
     *
     * @param type    type index.
     * @param recycle a histogram to reuse, or null.
     * @return the interval's histogram.
     */
    public Histogram intervalService(final int type, final Histogram recycle)
    {
        return service[type].getIntervalHistogram(recycle);
    }

    /**
     * Moves what was recorded since the last call into a histogram (client lag).
     *
     * @param recycle a histogram to reuse, or null.
     * @return the interval's histogram.
     */
    public Histogram intervalClientLag(final Histogram recycle)
    {
        return clientLag.getIntervalHistogram(recycle);
    }

    /**
     * Counts by status so far, since the start.
     *
     * @param type type index.
     * @return counts indexed by status (0: I/O error, 1: timeout, 100..599: HTTP).
     */
    public long[] statusCounts(final int type)
    {
        final long[] counts = new long[STATUS_SLOTS];
        for (int s = 0; s < STATUS_SLOTS; s++)
        {
            counts[s] = statuses.get(type * STATUS_SLOTS + s);
        }
        return counts;
    }

    static long clamp(final long ns)
    {
        return ns < 0 ? 0 : Math.min(ns, HIGHEST_TRACKABLE_NS);
    }

    private static int statusSlot(final int status)
    {
        return status >= 0 && status < STATUS_SLOTS ? status : STATUS_IO_ERROR;
    }
}
