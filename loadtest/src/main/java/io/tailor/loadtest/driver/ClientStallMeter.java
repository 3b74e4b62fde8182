package io.tailor.loadtest.driver;

import com.sun.management.GarbageCollectionNotificationInfo;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * The load generator's own stalls, so that a reader can tell the client's pauses from the server's: a latency
 * percentile as long as the generator's own stalls may be the generator's.
 * <p>
 * Two views. A hiccup meter (the idea of Gil Tene's jHiccup): a thread that asks to sleep {@link #RESOLUTION_NS}
 * over and over and records how much later than that it woke, corrected for coordinated omission with that same
 * interval (a 40 ms stall also records the 39, 38, ... ms that sleeps due during it would have seen). It sees
 * every reason the process stopped: its own GC pauses, other safepoints, and the operating system not giving it a
 * CPU (on two shared cores, the server's threads). And this JVM's own stop-the-world GC pauses, from the
 * collectors' notifications (a concurrent collector's cycles are not pauses and are left out), to say how much of
 * that was garbage collection. Collectors report a pause in whole milliseconds (the difference of two millisecond
 * clock readings), so a pause of ZGC's, well under one, counts but its length reads 0 or 1 ms.
 * <p>
 * Starts when constructed; {@link #close()} stops it. Thread-safe: the interval methods are for one reader.
 */
public final class ClientStallMeter implements AutoCloseable
{
    /** The hiccup meter's sleep: 1 ms, as jHiccup's default. */
    static final long RESOLUTION_NS = TimeUnit.MILLISECONDS.toNanos(1);

    private final Recorder hiccups = LoadRecorders.newRecorder();
    private final Recorder gcPauses = LoadRecorders.newRecorder();
    private final List<Registered> listening = new ArrayList<>();
    private final Thread meter;
    private volatile boolean running = true;

    private record Registered(NotificationEmitter emitter, NotificationListener listener)
    {
    }

    /** Starts the hiccup meter thread and listens to this JVM's collectors. */
    public ClientStallMeter()
    {
        for (final GarbageCollectorMXBean collector : ManagementFactory.getGarbageCollectorMXBeans())
        {
            if (collector instanceof NotificationEmitter emitter && pauses(collector.getName()))
            {
                final NotificationListener listener = this::collected;
                emitter.addNotificationListener(listener, null, null);
                listening.add(new Registered(emitter, listener));
            }
        }
        meter = new Thread(this::measure, "loadtest-stall-meter");
        meter.setDaemon(true);
        meter.start();
    }

    /**
     * Whether a collector's notifications are pauses: G1's young and old (full) collections and, from JDK 20, its
     * {@code G1 Concurrent GC} bean, which reports the Remark and Cleanup pauses of a concurrent cycle (JDK-8297247);
     * ZGC's and Shenandoah's pauses; the serial and parallel collectors. Not the concurrent cycles
     * ({@code ZGC Cycles}, {@code ZGC Major Cycles}, {@code Shenandoah Cycles}), which run beside the application.
     *
     * @param collector the collector bean's name.
     * @return true for a collector whose every collection stops the application.
     */
    static boolean pauses(final String collector)
    {
        return !collector.contains("Cycles");
    }

    /**
     * The hiccups since the last call (the first: since construction), nanoseconds beyond the meter's sleep.
     *
     * @param recycle a histogram from an earlier call to reuse, or {@code null}.
     * @return the interval's histogram.
     */
    public Histogram intervalHiccups(final Histogram recycle)
    {
        return hiccups.getIntervalHistogram(recycle);
    }

    /**
     * This JVM's stop-the-world GC pauses since the last call (the first: since construction), nanoseconds each.
     *
     * @param recycle a histogram from an earlier call to reuse, or {@code null}.
     * @return the interval's histogram.
     */
    public Histogram intervalGcPauses(final Histogram recycle)
    {
        return gcPauses.getIntervalHistogram(recycle);
    }

    private void measure()
    {
        long before = System.nanoTime();
        while (running)
        {
            LockSupport.parkNanos(RESOLUTION_NS);
            final long now = System.nanoTime();
            record(now - before);
            before = now;
        }
    }

    /**
     * Records one sleep of the meter.
     *
     * @param sleptNs how long the {@link #RESOLUTION_NS} sleep took.
     */
    void record(final long sleptNs)
    {
        final long hiccup = LoadRecorders.clamp(sleptNs - RESOLUTION_NS);
        hiccups.recordValueWithExpectedInterval(hiccup, RESOLUTION_NS);
    }

    private void collected(final Notification notification, final Object handback)
    {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(notification.getType()))
        {
            return;
        }
        final GarbageCollectionNotificationInfo info =
            GarbageCollectionNotificationInfo.from((CompositeData)notification.getUserData());
        final long pauseNs = TimeUnit.MILLISECONDS.toNanos(info.getGcInfo().getDuration());
        gcPauses.recordValue(LoadRecorders.clamp(pauseNs));
    }

    @Override
    public void close()
    {
        running = false;
        LockSupport.unpark(meter);
        for (final Registered registered : listening)
        {
            try
            {
                registered.emitter().removeNotificationListener(registered.listener());
            }
            catch (final ListenerNotFoundException ignored)
            {
                // never added: nothing to remove
            }
        }
    }
}
