package io.tailor.grid;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.ReplicaMigrationEvent;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.internal.partition.InternalPartition;
import com.hazelcast.internal.partition.PartitionReplica;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers SREs watch about this member's place in the grid: members, partitions owned, migrations.
 */
public final class GridStats implements MigrationListener
{
    /**
     * One member's share of the partitions, as this process sees the partition table.
     *
     * @param address    host:port of the member.
     * @param local      whether it is this process.
     * @param primaries  partitions whose primary replica it holds.
     * @param backups    partitions of which it holds a backup replica of the shopper maps (profiles, identities,
     *                   impressions), or -1 where the table's backups are not visible (a client sees owners only).
     */
    public record MemberShare(String address, boolean local, int primaries, int backups)
    {
    }

    private final HazelcastInstance hazelcast;
    private final boolean member;
    private final int backupCount;
    private final AtomicLong migrations = new AtomicLong();

    /**
     * Stats of a member or a client; a member registers itself as migration listener.
     *
     * @param hazelcast the instance.
     * @param member      whether it is a member (a client owns no partitions and hears of no migrations).
     * @param backupCount synchronous backups of the shopper maps: the replicas past the primary that hold data
     *                    (the partition table names up to six more, which hold nothing when no map asks for them).
     */
    public GridStats(final HazelcastInstance hazelcast, final boolean member, final int backupCount)
    {
        this.hazelcast = hazelcast;
        this.member = member;
        this.backupCount = backupCount;
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
     * Every member with the partitions it holds, primaries and backups, in the cluster's member order.
     *
     * <p>Hazelcast's public API names a partition's owner only; the backups come from the member's internal
     * partition table ({@code InternalPartition#getReplica}), read without locks: during a migration a count
     * can be one off, which a console refreshed every second shows and then corrects.
     *
     * @return the shares; empty while the instance is not running.
     */
    public List<MemberShare> memberShares()
    {
        if (!hazelcast.getLifecycleService().isRunning())
        {
            return List.of();
        }
        final Map<UUID, int[]> counts = new HashMap<>();
        for (final Member m : hazelcast.getCluster().getMembers())
        {
            counts.put(m.getUuid(), new int[2]);
        }
        final boolean backupsVisible = member && hazelcast instanceof HazelcastInstanceProxy;
        if (backupsVisible)
        {
            final InternalPartition[] partitions = ((HazelcastInstanceProxy)hazelcast).getOriginal().node
                .getPartitionService().getInternalPartitions();
            for (final InternalPartition partition : partitions)
            {
                for (int index = 0; index <= Math.min(backupCount, InternalPartition.MAX_REPLICA_COUNT - 1); index++)
                {
                    final PartitionReplica replica = partition.getReplica(index);
                    final int[] count = replica == null ? null : counts.get(replica.uuid());
                    if (count != null)
                    {
                        count[index == 0 ? 0 : 1]++;
                    }
                }
            }
        }
        else
        {
            for (final Partition partition : hazelcast.getPartitionService().getPartitions())
            {
                final Member owner = partition.getOwner();
                final int[] count = owner == null ? null : counts.get(owner.getUuid());
                if (count != null)
                {
                    count[0]++;
                }
            }
        }
        final List<MemberShare> shares = new ArrayList<>();
        for (final Member m : hazelcast.getCluster().getMembers())
        {
            final int[] count = counts.get(m.getUuid());
            shares.add(new MemberShare(m.getAddress().getHost() + ":" + m.getAddress().getPort(), m.localMember(),
                count[0], backupsVisible ? count[1] : -1));
        }
        return shares;
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
