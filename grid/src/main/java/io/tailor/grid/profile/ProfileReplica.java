package io.tailor.grid.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Owner-local read access to profiles, so a recommendation for a shopper whose profile this member owns
 * is answered on the HTTP event loop without a hop to a partition thread.
 * <p>
 * Only entry processors running on this member as the partition owner write here, on the partition's
 * thread, in the same order as they change the grid's copy; the stored arrays are the very ones the
 * {@code profiles} map holds (OBJECT in-memory format), so this costs a map entry per shopper, not a
 * second copy of the profile. A read is served only while this member owns the key's partition; a
 * partition's entries are dropped whenever its primary replica moves in either direction or the
 * membership changes, and refilled by the next grid read. A missing entry means "ask the grid", never
 * "no profile".
 */
public final class ProfileReplica implements MigrationListener, MembershipListener
{
    private volatile PartitionService partitionService;
    private volatile Partition[] partitions;
    private final AtomicReferenceArray<ConcurrentHashMap<String, byte[]>> byPartition;

    /**
     * An empty replica, inactive until {@link #attach(PartitionService)}: it exists before its member so
     * that entry processors arriving during the member's start find it.
     *
     * @param partitionCount the cluster's partition count.
     */
    public ProfileReplica(final int partitionCount)
    {
        this.byPartition = new AtomicReferenceArray<>(partitionCount);
        for (int p = 0; p < partitionCount; p++)
        {
            byPartition.set(p, new ConcurrentHashMap<>());
        }
    }

    /**
     * Activates the replica once its member has started.
     *
     * @param service the member's partition service.
     */
    public void attach(final PartitionService service)
    {
        final Partition[] views = service.getPartitions().toArray(new Partition[0]);
        if (views.length != byPartition.length())
        {
            throw new IllegalStateException("partition count " + views.length + " != " + byPartition.length());
        }
        java.util.Arrays.sort(views, (l, r) -> Integer.compare(l.getPartitionId(), r.getPartitionId()));
        partitions = views;
        partitionService = service;
        invalidateAll();
    }

    /**
     * The profile's binary form when this member owns it and has it at hand.
     *
     * @param key profile key.
     * @return the binary form, or {@code null} when the grid must be asked.
     */
    public byte[] get(final String key)
    {
        final PartitionService service = partitionService;
        if (service == null)
        {
            return null;
        }
        final int partition = service.getPartition(key).getPartitionId();
        return ownedLocally(partition) ? byPartition.get(partition).get(key) : null;
    }

    /**
     * Records the current binary form of a profile; called by entry processors on the owner only.
     *
     * @param key   profile key.
     * @param bytes binary form just stored in the grid.
     */
    public void put(final String key, final byte[] bytes)
    {
        final PartitionService service = partitionService;
        if (service != null)
        {
            byPartition.get(service.getPartition(key).getPartitionId()).put(key, bytes);
        }
    }

    /**
     * Forgets a profile; called when it is removed from the grid.
     *
     * @param key profile key.
     */
    public void remove(final String key)
    {
        final PartitionService service = partitionService;
        if (service != null)
        {
            byPartition.get(service.getPartition(key).getPartitionId()).remove(key);
        }
    }

    /**
     * Number of profiles at hand, for metrics.
     *
     * @return the count over all partitions.
     */
    public long size()
    {
        long size = 0;
        for (int p = 0; p < byPartition.length(); p++)
        {
            size += byPartition.get(p).size();
        }
        return size;
    }

    private boolean ownedLocally(final int partition)
    {
        final Member owner = partitions[partition].getOwner();
        return owner != null && owner.localMember();
    }

    private void invalidate(final int partition)
    {
        byPartition.set(partition, new ConcurrentHashMap<>());
    }

    private void invalidateAll()
    {
        for (int p = 0; p < byPartition.length(); p++)
        {
            invalidate(p);
        }
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
        if (event.getReplicaIndex() == 0)
        {
            invalidate(event.getPartitionId());
        }
    }

    @Override
    public void replicaMigrationFailed(final ReplicaMigrationEvent event)
    {
        if (event.getReplicaIndex() == 0)
        {
            invalidate(event.getPartitionId());
        }
    }

    @Override
    public void memberAdded(final MembershipEvent event)
    {
        invalidateAll();
    }

    @Override
    public void memberRemoved(final MembershipEvent event)
    {
        invalidateAll();
    }
}
