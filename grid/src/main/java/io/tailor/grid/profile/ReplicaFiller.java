package io.tailor.grid.profile;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;
import io.tailor.grid.partition.PartitionKeys;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Makes the owner-local {@link ProfileReplica} complete for every partition this member owns, so that a
 * shopper without a profile is answered from the replica without a grid read.
 * <p>
 * One daemon thread ({@code tailor-replica}): woken when the replica drops partitions (a migration, a member
 * joining or leaving) and every second in case ownership changed unannounced; it fills each owned, incomplete
 * partition with one partition-wide, read-only {@link FillReplicaProcessor} per map (profiles, then impression
 * records), one partition at a time. Until a partition is filled its misses are read from the grid.
 * <p>
 * A fill runs on whichever member owns the partition when Hazelcast executes it, which is not always this one
 * during a migration. So it completes the partition only if this member owned it before and after the fill and
 * nothing of it was dropped meanwhile ({@link ProfileReplica#markFilled}); otherwise the next pass fills it again.
 */
public final class ReplicaFiller implements AutoCloseable
{
    private static final long CHECK_INTERVAL_MS = 1_000L;

    private final IMap<String, byte[]> profiles;
    private final IMap<String, PartitionImpressions> impressions;
    private final ProfileReplica replica;
    private final BackgroundErrors errors;
    private final HazelcastInstance hazelcast;
    private final PartitionKeys partitionKeys;
    private final ScheduledExecutorService thread;
    private final AtomicBoolean wakeUpQueued = new AtomicBoolean();
    private final AtomicLong filled = new AtomicLong();

    /**
     * A filler for a started member.
     *
     * @param hazelcast the member.
     * @param profiles    the profiles map.
     * @param impressions the impressions map ({@link ImpressionStore}).
     * @param replica     the member's replica, attached.
     * @param errors      background error sink.
     */
    public ReplicaFiller(final HazelcastInstance hazelcast, final IMap<String, byte[]> profiles,
        final IMap<String, PartitionImpressions> impressions, final ProfileReplica replica,
        final BackgroundErrors errors)
    {
        this.hazelcast = hazelcast;
        this.profiles = profiles;
        this.impressions = impressions;
        this.replica = replica;
        this.errors = errors;
        this.partitionKeys = PartitionKeys.find(hazelcast.getPartitionService());
        this.thread = DaemonThreads.scheduled("tailor-replica");
    }

    /**
     * Starts filling: what this member owns now first, then whatever it comes to own.
     */
    public void start()
    {
        replica.onDropped(this::wakeUp);
        thread.scheduleWithFixedDelay(this::fillIncomplete, 0, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * Partitions filled since start, for metrics and tests.
     *
     * @return the count.
     */
    public long filledPartitions()
    {
        return filled.get();
    }

    private void wakeUp()
    {
        if (!thread.isShutdown() && wakeUpQueued.compareAndSet(false, true))
        {
            thread.execute(() ->
            {
                wakeUpQueued.set(false);
                fillIncomplete();
            });
        }
    }

    private void fillIncomplete()
    {
        try
        {
            for (int p = 0, count = replica.partitionCount(); p < count; p++)
            {
                final ProfileReplica.Held startedWith = replica.needsFill(p);
                if (startedWith != null)
                {
                    profiles.executeOnEntries(new FillReplicaProcessor(),
                        Predicates.partitionPredicate(partitionKeys.stringKey(p), Predicates.alwaysTrue()));
                    impressions.executeOnEntries(new FillImpressionsReplicaProcessor(),
                        Predicates.partitionPredicate(partitionKeys.stringKey(p), Predicates.alwaysTrue()));
                    if (replica.markFilled(p, startedWith))
                    {
                        filled.incrementAndGet();
                    }
                }
            }
        }
        catch (final RuntimeException ex)
        {
            if (hazelcast.getLifecycleService().isRunning())
            {
                errors.record(BackgroundErrors.PROFILE_REPLICA, ex);
            }
        }
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
    }
}
