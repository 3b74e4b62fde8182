package io.tailor.grid.support;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The one background thread of each of Tailor's grid services ({@code tailor-model}, {@code tailor-replica},
 * {@code tailor-impressions}, ...): a named daemon with a schedule, and how it stops.
 */
public final class DaemonThreads
{
    private DaemonThreads()
    {
    }

    /**
     * A single named daemon thread that runs scheduled work.
     *
     * @param name the thread's name, as thread dumps and JFR show it.
     * @return the executor.
     */
    public static ScheduledExecutorService scheduled(final String name)
    {
        return Executors.newSingleThreadScheduledExecutor(r ->
        {
            final Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Interrupts what the thread runs and waits up to 5 s for it to end.
     *
     * @param thread the executor.
     */
    public static void stop(final ScheduledExecutorService thread)
    {
        thread.shutdownNow();
        try
        {
            thread.awaitTermination(5, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }
}
