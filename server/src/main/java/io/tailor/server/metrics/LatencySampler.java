package io.tailor.server.metrics;

import io.tailor.grid.support.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Samples every route's latency once a second into its five-minute ring ({@link RouteLatency#sample}), on its
 * own daemon thread {@code tailor-latency}.
 *
 * <p>Not a Vert.x periodic timer: a sample swaps each route's interval histogram (waiting out the writers in
 * flight) and walks it three times for the quantiles, tens of microseconds a route; on an event loop that time
 * would be added to the requests queued behind it, and the loop that drew the timer would serve more slowly
 * than the others. The schedule is a fixed delay, so each interval is at least a second long, as
 * {@code /v1/stats} promises ({@code recent.seconds}): the next round starts a second after the last one ended.
 */
public final class LatencySampler implements AutoCloseable
{
    /** Time between the end of one round and the start of the next. */
    public static final long PERIOD_MS = 1_000L;

    private static final Logger LOG = LoggerFactory.getLogger(LatencySampler.class);

    private final RouteLatency latency;
    private final Clock clock;
    private final ScheduledExecutorService thread;

    /**
     * A sampler of a node's routes; call {@link #start()}.
     *
     * @param latency the routes.
     * @param clock   server time, the samples' times.
     */
    public LatencySampler(final RouteLatency latency, final Clock clock)
    {
        this.latency = latency;
        this.clock = clock;
        this.thread = DaemonThreads.scheduled("tailor-latency");
    }

    /**
     * Starts sampling: the first sample a second from now.
     */
    public void start()
    {
        thread.scheduleWithFixedDelay(this::sample, PERIOD_MS, PERIOD_MS, TimeUnit.MILLISECONDS);
    }

    private void sample()
    {
        try
        {
            latency.sample(clock.millis(), System.nanoTime());
        }
        catch (final RuntimeException ex)
        {
            // a task that throws is never run again: the next second tries afresh
            LOG.warn("Latency sample failed", ex);
        }
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
    }
}
