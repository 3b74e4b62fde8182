package io.tailor.grid.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Owner-local read access to profiles, so a recommendation for a shopper whose profile this member owns
 * is answered on the HTTP event loop without a hop to a partition thread.
 * <p>
 * Only entry processors running on this member as the partition owner write here, on the partition's
 * thread, in the same order as they change the grid's copy; the stored arrays are the very ones the
 * {@code profiles} map holds (OBJECT in-memory format), so this costs a map entry per shopper, not a
 * second copy of the profile. Profiles and forward records are held; tombstones and absent keys are not.
 * <p>
 * A read is served only while this member owns the key's partition. A partition's entries are dropped
 * whenever its primary replica moves in either direction or the membership changes; the partition is then
 * <em>incomplete</em> until {@link ReplicaFiller} has copied every record of it from the grid (one
 * partition-wide read on its partition thread). On a complete partition a missing key is authoritative:
 * {@link #lookup(String)} answers {@link #NO_PROFILE} and the caller needs no grid read. Completeness is a
 * generation per partition: dropping bumps it, and a fill counts only if no drop happened while it ran.
 */
public final class ProfileReplica implements MigrationListener, MembershipListener
{
    /**
     * What {@link #lookup(String)} answers for a key this member owns, on a complete partition, with no record:
     * the shopper has no profile (never had one, or it was erased). Compared by identity, never read.
     */
    public static final byte[] NO_PROFILE = new byte[0];

    private volatile PartitionService partitionService;
    private volatile Partition[] partitions;
    private volatile Runnable onDropped = ProfileReplica::nothing;
    private final AtomicReferenceArray<ConcurrentHashMap<String, byte[]>> byPartition;
    /** Impression records ({@link ImpressionStore}), same partitions, same completeness. */
    private final AtomicReferenceArray<ConcurrentHashMap<String, byte[]>> impressionsByPartition;
    /** Bumped whenever a partition's entries are dropped. */
    private final AtomicLongArray generation;
    /** The generation a complete fill was made in; equal to {@link #generation} when the partition is complete. */
    private final AtomicLongArray filledGeneration;

    /**
     * An empty replica, inactive until {@link #attach(PartitionService)}: it exists before its member so
     * that entry processors arriving during the member's start find it.
     *
     * @param partitionCount the cluster's partition count.
     */
    public ProfileReplica(final int partitionCount)
    {
        this.byPartition = new AtomicReferenceArray<>(partitionCount);
        this.impressionsByPartition = new AtomicReferenceArray<>(partitionCount);
        this.generation = new AtomicLongArray(partitionCount);
        this.filledGeneration = new AtomicLongArray(partitionCount);
        for (int p = 0; p < partitionCount; p++)
        {
            byPartition.set(p, new ConcurrentHashMap<>());
            impressionsByPartition.set(p, new ConcurrentHashMap<>());
            filledGeneration.set(p, -1);
        }
    }

    /**
     * Sets what runs after a partition's entries were dropped (the filler's wake-up); it must not block.
     *
     * @param action the action.
     */
    void onDropped(final Runnable action)
    {
        this.onDropped = action;
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
     * The record of a key this member owns: a profile, a forward record, or the answer that there is none.
     *
     * @param key profile key.
     * @return the binary form (a profile or a forward record), {@link #NO_PROFILE} when this member owns the key,
     *     its partition is complete and holds no record, or {@code null} when the grid must be asked.
     */
    public byte[] lookup(final String key)
    {
        final PartitionService service = partitionService;
        return service == null ? null : lookup(key, service.getPartition(key).getPartitionId());
    }

    /**
     * {@link #lookup(String)} for a key whose partition the caller has from {@link #partitionOf(String)} (finding a
     * key's partition serializes the key: once per request is enough).
     *
     * @param key       profile key.
     * @param partition its partition.
     * @return as {@link #lookup(String)}.
     */
    public byte[] lookup(final String key, final int partition)
    {
        return recordIn(byPartition, key, partition);
    }

    /**
     * Records what an entry processor on the owner just stored for a key: a profile or a forward record is kept,
     * anything else (a tombstone, nothing) forgets the key. Called on the partition's thread only.
     *
     * @param key   profile key.
     * @param bytes the record just stored in the grid, or {@code null} when the entry was removed.
     */
    public void put(final String key, final byte[] bytes)
    {
        final PartitionService service = partitionService;
        if (service != null)
        {
            final ConcurrentHashMap<String, byte[]> records =
                byPartition.get(service.getPartition(key).getPartitionId());
            if (bytes != null && (ProfileCodec.isProfile(bytes) || ForwardRecord.isForward(bytes)))
            {
                records.put(key, bytes);
            }
            else
            {
                records.remove(key);
            }
        }
    }

    /**
     * {@link #put} for a writer that may run on a backup replica as well as on the owner (the file loader's and the
     * split-brain merge's {@code MergeIfNewerProcessor}, whose backup makes the same decision): a backup's record is
     * not kept, since it would never be read and would hold on to bytes the owner has since replaced.
     *
     * @param key   profile key.
     * @param bytes the record just stored in the grid.
     */
    public void putIfOwner(final String key, final byte[] bytes)
    {
        final PartitionService service = partitionService;
        if (service != null && ownedLocally(service.getPartition(key).getPartitionId()))
        {
            put(key, bytes);
        }
    }

    /**
     * Drops what is held of a key's partition, to be filled again from the grid: for writes no entry processor
     * made here, such as a split brain's merge, which Hazelcast applies directly to the record store.
     *
     * @param key any key of the partition.
     */
    public void invalidatePartitionOf(final Object key)
    {
        final PartitionService service = partitionService;
        if (service != null)
        {
            invalidate(service.getPartition(key).getPartitionId());
        }
    }

    /**
     * The impression record of a key this member owns ({@link ImpressionStore}), with the same authority as
     * {@link #lookup(String)}.
     *
     * @param key profile key.
     * @return the record, {@link #NO_PROFILE} when this member owns the key, its partition is complete and holds
     *     no record (nothing was shown), or {@code null} when unknown here.
     */
    public byte[] lookupImpressions(final String key)
    {
        final PartitionService service = partitionService;
        return service == null ? null : lookupImpressions(key, service.getPartition(key).getPartitionId());
    }

    /**
     * {@link #lookupImpressions(String)} for a key whose partition the caller has from {@link #partitionOf(String)}
     * (finding a key's partition serializes the key: once per request is enough).
     *
     * @param key       profile key.
     * @param partition its partition.
     * @return as {@link #lookupImpressions(String)}.
     */
    public byte[] lookupImpressions(final String key, final int partition)
    {
        return recordIn(impressionsByPartition, key, partition);
    }

    /**
     * Records what an entry processor on the owner just stored as a key's impression record; called on the
     * partition's thread only.
     *
     * @param key   profile key.
     * @param bytes the record, or {@code null} when it was removed.
     */
    public void putImpressions(final String key, final byte[] bytes)
    {
        final PartitionService service = partitionService;
        if (service != null)
        {
            putImpressions(key, service.getPartition(key).getPartitionId(), bytes);
        }
    }

    /**
     * {@link #putImpressions(String, byte[])} for a key whose partition the caller knows (an impression batch is
     * one partition's: finding a key's partition serializes and hashes the key, once per batch is enough).
     *
     * @param key       profile key.
     * @param partition its partition.
     * @param bytes     the record, or {@code null} when it was removed.
     */
    public void putImpressions(final String key, final int partition, final byte[] bytes)
    {
        final ConcurrentHashMap<String, byte[]> records = impressionsByPartition.get(partition);
        if (bytes == null)
        {
            records.remove(key);
        }
        else
        {
            records.put(key, bytes);
        }
    }

    /**
     * The partition of a key.
     *
     * @param key profile key.
     * @return the partition id, or -1 before the replica is attached.
     */
    public int partitionOf(final String key)
    {
        final PartitionService service = partitionService;
        return service == null ? -1 : service.getPartition(key).getPartitionId();
    }

    /**
     * Whether a partition this member owns still needs a fill before its misses are authoritative.
     *
     * @param partition partition id.
     * @return true when owned here and incomplete.
     */
    boolean needsFill(final int partition)
    {
        return partitionService != null && ownedLocally(partition) &&
            filledGeneration.get(partition) != generation.get(partition);
    }

    /**
     * The partition's generation, read before a fill starts.
     *
     * @param partition partition id.
     * @return the generation.
     */
    long generation(final int partition)
    {
        return generation.get(partition);
    }

    /**
     * Marks a partition complete after a fill that started in {@code startedIn}; ignored when its entries were
     * dropped since (the fill may have missed records, and the filler will run again).
     *
     * @param partition partition id.
     * @param startedIn generation read before the fill started.
     * @return true when the partition is now complete.
     */
    boolean markFilled(final int partition, final long startedIn)
    {
        if (generation.get(partition) != startedIn)
        {
            return false;
        }
        filledGeneration.set(partition, startedIn);
        // A drop between the check and the set bumped the generation past startedIn: still incomplete.
        return generation.get(partition) == startedIn;
    }

    /**
     * Number of partitions whose misses are authoritative, for metrics and tests.
     *
     * @return partitions owned here and complete.
     */
    public int completePartitions()
    {
        int complete = 0;
        for (int p = 0; p < byPartition.length(); p++)
        {
            if (partitionService != null && ownedLocally(p) && filledGeneration.get(p) == generation.get(p))
            {
                complete++;
            }
        }
        return complete;
    }

    /**
     * Number of partitions, for the filler.
     *
     * @return the cluster's partition count.
     */
    int partitionCount()
    {
        return byPartition.length();
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
     * Some keys of the records this member holds for the partitions it owns, in partition order: real shoppers to
     * warm a starting node up with. Profiles and forward records alike.
     *
     * @param max the most keys to return.
     * @return up to {@code max} keys; empty before {@link #attach} or when nothing is filled yet.
     */
    public List<String> sampleKeys(final int max)
    {
        final List<String> keys = new ArrayList<>(Math.min(max, 4096));
        for (int p = 0; p < byPartition.length() && keys.size() < max; p++)
        {
            final Iterator<String> partition = byPartition.get(p).keySet().iterator();
            while (partition.hasNext() && keys.size() < max)
            {
                keys.add(partition.next());
            }
        }
        return keys;
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

    /** A record of an owned partition, {@link #NO_PROFILE} for none in a complete one, {@code null} otherwise. */
    private byte[] recordIn(final AtomicReferenceArray<ConcurrentHashMap<String, byte[]>> records, final String key,
        final int partition)
    {
        if (partition < 0 || partitionService == null || !ownedLocally(partition))
        {
            return null;
        }
        final byte[] bytes = records.get(partition).get(key);
        if (bytes != null)
        {
            return bytes;
        }
        // Read after the map: a drop bumps the generation before it swaps the map, so a miss in a new, empty map
        // is never taken for a miss in a filled one.
        final long current = generation.get(partition);
        return filledGeneration.get(partition) == current ? NO_PROFILE : null;
    }

    private static void nothing()
    {
    }

    private boolean ownedLocally(final int partition)
    {
        final Member owner = partitions[partition].getOwner();
        return owner != null && owner.localMember();
    }

    private void drop(final int partition)
    {
        // Generation first: a lookup that reads the new, empty map must not find the old generation filled.
        generation.incrementAndGet(partition);
        byPartition.set(partition, new ConcurrentHashMap<>());
        impressionsByPartition.set(partition, new ConcurrentHashMap<>());
    }

    private void invalidate(final int partition)
    {
        drop(partition);
        onDropped.run();
    }

    private void invalidateAll()
    {
        for (int p = 0; p < byPartition.length(); p++)
        {
            drop(p);
        }
        onDropped.run();
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
