package io.tailor.grid.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.query.Predicates;
import io.tailor.grid.partition.PartitionKeys;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Retention: every sweep interval, on one background thread ({@code tailor-retention}), each member expires the
 * profiles it owns that had no change (event, consent, preference) for longer than the retention period.
 * An expired anonymous profile becomes a tombstone; an expired customer is erased as by
 * {@code DELETE /v1/profiles/{user}}, linked ids included. Older copies leave every member's data files.
 * The first sweep runs one interval after start.
 */
public final class RetentionSweeper implements AutoCloseable
{
    private static final Logger LOG = LoggerFactory.getLogger(RetentionSweeper.class);

    private final HazelcastInstance hazelcast;
    private final ProfileStore profiles;
    private final CustomerData customers;
    private final Duration retention;
    private final Clock clock;
    private final BackgroundErrors errors;
    private final ScheduledExecutorService thread;
    private final PartitionKeys partitionKeys;

    /**
     * A sweeper for a started member.
     *
     * @param hazelcast the member.
     * @param profiles  the profiles.
     * @param customers customer data, for erasing expired customers' linked ids.
     * @param retention how long an idle profile is kept.
     * @param clock     time source.
     * @param errors    background error sink.
     */
    public RetentionSweeper(final HazelcastInstance hazelcast, final ProfileStore profiles,
        final CustomerData customers, final Duration retention, final Clock clock, final BackgroundErrors errors)
    {
        this.hazelcast = hazelcast;
        this.profiles = profiles;
        this.customers = customers;
        this.retention = retention;
        this.clock = clock;
        this.errors = errors;
        this.partitionKeys = PartitionKeys.find(hazelcast.getPartitionService());
        this.thread = DaemonThreads.scheduled("tailor-retention");
    }

    /**
     * Starts sweeping periodically.
     *
     * @param interval time between sweeps.
     */
    public void start(final Duration interval)
    {
        thread.scheduleWithFixedDelay(this::safeSweep, interval.toMillis(), interval.toMillis(),
            TimeUnit.MILLISECONDS);
    }

    private void safeSweep()
    {
        try
        {
            sweep();
        }
        catch (final RuntimeException ex)
        {
            if (hazelcast.getLifecycleService().isRunning())
            {
                errors.record(BackgroundErrors.RETENTION, ex);
            }
        }
    }

    /**
     * Expires, now, the idle profiles this member owns. Blocks.
     *
     * @return profile keys expired (linked ids of expired customers not counted).
     */
    public int sweep()
    {
        final long nowMs = clock.millis();
        final long cutoffMs = nowMs - retention.toMillis();
        final IMap<String, byte[]> map = profiles.map();
        final PartitionService partitions = hazelcast.getPartitionService();
        final List<String> expired = new ArrayList<>();
        final List<Long> versions = new ArrayList<>();
        for (final Partition partition : partitions.getPartitions())
        {
            final Member owner = partition.getOwner();
            if (owner == null || !owner.localMember())
            {
                continue;
            }
            final Map<String, Long> found = map.executeOnEntries(new ExpireIdleProcessor(cutoffMs, nowMs),
                Predicates.partitionPredicate(partitionKeys.stringKey(partition.getPartitionId()),
                    Predicates.alwaysTrue()));
            for (final Map.Entry<String, Long> entry : found.entrySet())
            {
                if (entry.getValue() != null)
                {
                    expired.add(entry.getKey());
                    versions.add(entry.getValue());
                }
            }
        }
        for (final String key : expired)
        {
            if (ProfileKeys.isUser(key))
            {
                // The profile is a tombstone already; this erases the customer's linked ids.
                customers.eraseCustomer(key, nowMs);
            }
        }
        if (!expired.isEmpty())
        {
            profiles.purge(expired, versions.stream().mapToLong(Long::longValue).toArray(), List.of(), new long[0])
                .toCompletableFuture().join();
            LOG.info("retention: {} profile(s) idle for more than {} expired", expired.size(), retention);
        }
        return expired.size();
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
    }
}
