package io.tailor.grid.support;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The one place background failures go: each is counted by where it happened and logged, the first time
 * and then at most once a minute per place, so a persistent fault is visible without flooding the log.
 */
public final class BackgroundErrors
{
    /** Merging item signals into the grid. */
    public static final String ITEM_STATS_FLUSH = "item-stats flush";
    /** Rebuilding the local item model. */
    public static final String MODEL_REFRESH = "item model refresh";
    /** Learning the collaborative item factors. */
    public static final String MODEL_FACTORS = "item factors";
    /** Writing newly owned partitions to the data files. */
    public static final String PARTITION_PERSISTENCE = "partition persistence";
    /** Decoding a stored profile on the read path. */
    public static final String PROFILE_DECODE = "profile decode";
    /** Sending served lists' impressions to their owners. */
    public static final String IMPRESSIONS = "impressions";
    /** Filling the owner-local profile replica of a partition this member came to own. */
    public static final String PROFILE_REPLICA = "profile replica";
    /** An unexpected failure answering HTTP. */
    public static final String HTTP = "http";
    /** Expiring idle profiles. */
    public static final String RETENTION = "retention";
    /** Merging a node's experiment counts into the grid. */
    public static final String EXPERIMENT_COUNTS = "experiment counts";
    /** Merging a node's coverage sketches into the grid, reading them back, or removing old ones. */
    public static final String CATALOG_COVERAGE = "catalog coverage";
    /** Merging a node's promotion delivery counts into the grid, or reading the totals back. */
    public static final String PROMOTION_COUNTS = "promotion counts";
    /** Fetching a catalog feed failed for a reason of Tailor's (the grid), not of the feed's server. */
    public static final String FEEDS = "catalog feeds";

    /** Every place a background failure is recorded under, so metrics can show each from zero. */
    public static final String[] PLACES =
        {ITEM_STATS_FLUSH, MODEL_REFRESH, MODEL_FACTORS, PARTITION_PERSISTENCE, PROFILE_DECODE, PROFILE_REPLICA,
            IMPRESSIONS, HTTP, RETENTION, EXPERIMENT_COUNTS, CATALOG_COVERAGE, PROMOTION_COUNTS, FEEDS};

    private static final Logger LOG = LoggerFactory.getLogger(BackgroundErrors.class);
    private static final long LOG_INTERVAL_MS = 60_000L;

    private final Map<String, AtomicLong> counts = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> lastLogged = new ConcurrentHashMap<>();
    private volatile Consumer<String> observer = where ->
    {
    };

    /**
     * Lets one observer (the metrics) hear of every failure, by place.
     *
     * @param listener called with the place of each failure; must be quick.
     */
    public void onRecord(final Consumer<String> listener)
    {
        this.observer = listener;
    }

    /**
     * Records a failure.
     *
     * @param where short name of the activity that failed, e.g. "item-stats flush".
     * @param error what went wrong.
     */
    public void record(final String where, final Throwable error)
    {
        final long count = counts.computeIfAbsent(where, k -> new AtomicLong()).incrementAndGet();
        observer.accept(where);
        final AtomicLong last = lastLogged.computeIfAbsent(where, k -> new AtomicLong(Long.MIN_VALUE));
        final long now = System.currentTimeMillis();
        final long previous = last.get();
        if (previous == Long.MIN_VALUE || now - previous >= LOG_INTERVAL_MS)
        {
            if (last.compareAndSet(previous, now))
            {
                LOG.warn("{} failed ({} failures so far)", where, count, error);
            }
        }
    }

    /**
     * Failures recorded so far, by place.
     *
     * @return a snapshot of the counts.
     */
    public Map<String, Long> counts()
    {
        final Map<String, Long> snapshot = new java.util.TreeMap<>();
        counts.forEach((k, v) -> snapshot.put(k, v.get()));
        return snapshot;
    }
}
