package io.tailor.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers SREs watch about this member's place in the grid: members, partitions owned, migrations.
 */
public final class GridStats implements MigrationListener
{
    private final HazelcastInstance hazelcast;
    private final boolean member;
    private final AtomicLong migrations = new AtomicLong();

    /**
     * Stats of a member or a client; a member registers itself as migration listener.
     *
     * @param hazelcast the instance.
     * @param member    whether it is a member (a client owns no partitions and hears of no migrations).
     */
    public GridStats(final HazelcastInstance hazelcast, final boolean member)
    {
        this.hazelcast = hazelcast;
        this.member = member;
        if (member)
        {
            hazelcast.getPartitionService().addMigrationListener(this);
        }
    }

    /**
     * Members in the cluster as this process sees it.
     *
     * @return the count.
     */
    public int members()
    {
        return hazelcast.getLifecycleService().isRunning() ? hazelcast.getCluster().getMembers().size() : 0;
    }

    /**
     * Partitions whose primary replica this member holds.
     *
     * @return the count; 0 for a client.
     */
    public int partitionsOwned()
    {
        if (!member || !hazelcast.getLifecycleService().isRunning())
        {
            return 0;
        }
        int owned = 0;
        for (final Partition partition : hazelcast.getPartitionService().getPartitions())
        {
            final Member owner = partition.getOwner();
            if (owner != null && owner.localMember())
            {
                owned++;
            }
        }
        return owned;
    }

    /**
     * Replica migrations completed in the cluster since this process started (as reported to it).
     *
     * @return the count.
     */
    public long migrationsCompleted()
    {
        return migrations.get();
    }

    @Override
    public void migrationStarted(final MigrationState state)
    {
    }

    @Override
    public void migrationFinished(final MigrationState state)
    {
    }

    @Override
    public void replicaMigrationCompleted(final ReplicaMigrationEvent event)
    {
        migrations.incrementAndGet();
    }

    @Override
    public void replicaMigrationFailed(final ReplicaMigrationEvent event)
    {
    }
}
