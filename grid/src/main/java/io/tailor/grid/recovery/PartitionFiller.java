package io.tailor.grid.recovery;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.map.IMap;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.query.Predicates;
import io.tailor.grid.catalog.CatalogStore;
import io.tailor.grid.experiment.ExperimentCountsStore;
import io.tailor.grid.feed.FeedStore;
import io.tailor.grid.promotion.PromotionStore;
import io.tailor.grid.experiment.ExperimentStore;
import io.tailor.grid.identity.IdentityStore;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.partition.PartitionKeys;
import io.tailor.grid.persist.KeyLoadSettler;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.grid.segment.SegmentStore;
import io.tailor.grid.webhook.WebhookStore;
import io.tailor.grid.support.BackgroundErrors;
import io.tailor.grid.support.DaemonThreads;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Keeps the latest value of every entry on its current owner's disk: when this member becomes owner of a
 * partition (a migration, or a backup promoted after a member died), every entry of that partition is
 * written to this member's files.
 * <p>
 * Ownership is compared with what was seen last on every migration or membership event and every few
 * seconds, so a change is noticed whether or not Hazelcast reports it as a migration. The work runs on
 * one background thread ({@code tailor-persist}), one partition at a time.
 */
public final class PartitionFiller implements MigrationListener, MembershipListener, AutoCloseable
{
    private static final long CHECK_INTERVAL_MS = 5_000L;
    private static final String[] MAPS = {ProfileStore.MAP_NAME, CatalogStore.MAP_NAME, ModelRefresher.ITEM_STATS_MAP,
        IdentityStore.MAP_NAME, SegmentStore.MAP_NAME, ExperimentStore.MAP_NAME, ExperimentCountsStore.MAP_NAME,
        PromotionStore.MAP_NAME, WebhookStore.MAP_NAME, WebhookStore.OUTBOX_MAP_NAME, FeedStore.MAP_NAME};

    private final HazelcastInstance hazelcast;
    private final BackgroundErrors errors;
    private final ScheduledExecutorService thread;
    private final PartitionKeys partitionKeys;
    private final boolean[] owned;
    private final Deque<Integer> pending = new ArrayDeque<>();
    private final AtomicLong oldestPendingSinceMs = new AtomicLong(0);
    private final AtomicLong filled = new AtomicLong();

    /**
     * A filler for a started member.
     *
     * @param hazelcast the member.
     * @param errors    background error sink.
     */
    public PartitionFiller(final HazelcastInstance hazelcast, final BackgroundErrors errors)
    {
        this.hazelcast = hazelcast;
        this.errors = errors;
        final PartitionService partitions = hazelcast.getPartitionService();
        final int count = partitions.getPartitions().size();
        this.owned = new boolean[count];
        this.partitionKeys = PartitionKeys.find(partitions);
        this.thread = DaemonThreads.scheduled("tailor-persist");
    }

    /**
     * Starts watching; what this member owns now is filled first.
     */
    public void start()
    {
        hazelcast.getPartitionService().addMigrationListener(this);
        hazelcast.getCluster().addMembershipListener(this);
        thread.scheduleWithFixedDelay(this::checkAndFill, 0, CHECK_INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /**
     * How long the oldest partition waiting to be written has waited.
     *
     * @return milliseconds, 0 when none waits.
     */
    public long lagMs()
    {
        final long since = oldestPendingSinceMs.get();
        return since == 0 ? 0 : Math.max(0, System.currentTimeMillis() - since);
    }

    /**
     * Partitions written since start.
     *
     * @return the count.
     */
    public long filledPartitions()
    {
        return filled.get();
    }

    private void requestCheck()
    {
        if (!thread.isShutdown())
        {
            thread.execute(this::checkAndFill);
        }
    }

    private void checkAndFill()
    {
        try
        {
            boolean gained = false;
            for (final Partition partition : hazelcast.getPartitionService().getPartitions())
            {
                final Member owner = partition.getOwner();
                final boolean local = owner != null && owner.localMember();
                final int id = partition.getPartitionId();
                if (local && !owned[id])
                {
                    if (pending.isEmpty())
                    {
                        oldestPendingSinceMs.set(System.currentTimeMillis());
                    }
                    pending.add(id);
                    gained = true;
                }
                owned[id] = local;
            }
            if (gained)
            {
                settleKeyLoads();
            }
            while (!pending.isEmpty())
            {
                fill(pending.peek());
                pending.poll();
                filled.incrementAndGet();
                oldestPendingSinceMs.set(pending.isEmpty() ? 0 : System.currentTimeMillis());
            }
        }
        catch (final RuntimeException ex)
        {
            if (hazelcast.getLifecycleService().isRunning())
            {
                errors.record(BackgroundErrors.PARTITION_PERSISTENCE, ex);
            }
        }
    }

    /**
     * A member died or partitions moved: a partition still waiting for a key load that a dead member was running
     * refuses the fill (and every read) until the call times out, so the wait is ended first. A failure here is
     * recorded and the fill goes on: it only delays what the wait would have delayed anyway.
     */
    private void settleKeyLoads()
    {
        try
        {
            KeyLoadSettler.settle(hazelcast, MAPS);
        }
        catch (final Exception ex)
        {
            if (hazelcast.getLifecycleService().isRunning())
            {
                errors.record(BackgroundErrors.PARTITION_PERSISTENCE, ex);
            }
        }
    }

    private void fill(final int partition)
    {
        for (int m = 0; m < MAPS.length; m++)
        {
            final IMap<Object, Object> map = hazelcast.getMap(MAPS[m]);
            // item-stats is keyed by Long: a Long key lands on partitions differently from a String key.
            final Object key = MAPS[m].equals(ModelRefresher.ITEM_STATS_MAP) ? partitionKeys.longKey(partition) :
                partitionKeys.stringKey(partition);
            map.executeOnEntries(new PersistLocallyProcessor(), Predicates.partitionPredicate(key,
                Predicates.alwaysTrue()));
        }
    }

    @Override
    public void migrationStarted(final MigrationState state)
    {
    }

    @Override
    public void migrationFinished(final MigrationState state)
    {
        requestCheck();
    }

    @Override
    public void replicaMigrationCompleted(final ReplicaMigrationEvent event)
    {
        if (event.getReplicaIndex() == 0 && event.getDestination() != null && event.getDestination().localMember())
        {
            requestCheck();
        }
    }

    @Override
    public void replicaMigrationFailed(final ReplicaMigrationEvent event)
    {
    }

    @Override
    public void memberAdded(final MembershipEvent event)
    {
    }

    @Override
    public void memberRemoved(final MembershipEvent event)
    {
        requestCheck();
    }

    @Override
    public void close()
    {
        DaemonThreads.stop(thread);
    }
}
