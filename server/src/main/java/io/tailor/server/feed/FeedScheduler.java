package io.tailor.server.feed;

import io.tailor.grid.feed.FeedRecord;
import io.tailor.grid.feed.FeedStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Fetches each feed when it is due, on one node of the cluster: a new or redefined feed at once, then every
 * {@code every} after the start of its last fetch (server time, so a test moves it with its clock). Once a second,
 * and whenever a feed changes anywhere, it looks at every feed; a due one is claimed (the feed's map lock,
 * {@link FeedStore#claim}: the node that gets it fetches, the others pass), read again and fetched on one of
 * {@value #FETCH_THREADS} fetch threads. Failures of the grid are recorded as background errors; a feed's own
 * failures are in its last fetch.
 */
public final class FeedScheduler implements AutoCloseable
{
    /** Feeds fetched at once by one node. */
    public static final int FETCH_THREADS = 2;
    /** How often due feeds are looked for, in milliseconds. */
    public static final long TICK_MS = 1_000;
    /** Longest a fetch holds its feed's lock: a little over the longest read of a body. */
    public static final long LEASE_MS = FeedFetcher.MAX_READ.toMillis() + TimeUnit.MINUTES.toMillis(5);

    private final FeedStore store;
    private final FeedFetcher fetcher;
    private final Clock clock;
    private final BackgroundErrors errors;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService ticker;
    private final ExecutorService fetchers;

    /**
     * A scheduler; {@link #start()} starts it.
     *
     * @param store   the feeds.
     * @param fetcher fetches one.
     * @param clock   server time.
     * @param errors  where grid failures are recorded.
     */
    public FeedScheduler(final FeedStore store, final FeedFetcher fetcher, final Clock clock,
        final BackgroundErrors errors)
    {
        this.store = store;
        this.fetcher = fetcher;
        this.clock = clock;
        this.errors = errors;
        this.ticker = DaemonThreads.scheduled("tailor-feeds");
        final AtomicInteger threads = new AtomicInteger();
        this.fetchers = Executors.newFixedThreadPool(FETCH_THREADS, task ->
        {
            final Thread thread = new Thread(task, "tailor-feed-fetch-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts looking for due feeds.
     */
    public void start()
    {
        store.listen(id ->
        {
            if (!ticker.isShutdown())
            {
                ticker.execute(this::tick);
            }
        });
        ticker.scheduleWithFixedDelay(this::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
    }

    private void tick()
    {
        try
        {
            runDue();
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.FEEDS, ex);
        }
    }

    /**
     * Starts the fetches of the feeds due now that this node is not fetching already (each only if its claim
     * succeeds).
     *
     * @return completes when those fetches ended (each recorded its outcome, or lost its claim).
     */
    public CompletableFuture<Void> runDue()
    {
        final long nowMs = clock.millis();
        final List<CompletableFuture<Void>> started = new ArrayList<>();
        for (final String id : store.ids())
        {
            if (inFlight.contains(id))
            {
                continue;
            }
            final FeedRecord record = store.read(id);
            if (record == null || record.deleted() || record.nextFetchAtMs() > nowMs || !inFlight.add(id))
            {
                continue;
            }
            started.add(CompletableFuture.runAsync(() -> fetchClaimed(id), fetchers)
                .whenComplete((ignored, error) -> inFlight.remove(id)));
        }
        return CompletableFuture.allOf(started.toArray(new CompletableFuture<?>[0]));
    }

    private void fetchClaimed(final String id)
    {
        if (!store.claim(id, LEASE_MS))
        {
            return;
        }
        try
        {
            // another node may have fetched it between the look and the claim
            final FeedRecord record = store.read(id);
            if (record != null && !record.deleted() && record.nextFetchAtMs() <= clock.millis())
            {
                fetcher.fetch(id, record);
            }
        }
        catch (final RuntimeException ex)
        {
            errors.record(BackgroundErrors.FEEDS, ex);
        }
        finally
        {
            store.release(id);
        }
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(ticker);
        fetchers.shutdownNow();
    }
}
