package io.tailor.grid.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.cluster.MembershipEvent;
import com.hazelcast.cluster.MembershipListener;
import com.hazelcast.partition.MigrationListener;
import com.hazelcast.partition.MigrationState;
import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import com.hazelcast.partition.ReplicaMigrationEvent;
import io.tailor.grid.partition.PartitionIds;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
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
 * {@link #lookup(String)} answers {@link #NO_PROFILE} and the caller needs no grid read.
 * <p>
 * Completeness belongs to the maps it vouches for: a partition's records and its flag are one {@link Held}
 * object, swapped whole when the partition is dropped. A fill counts only if the object it started with is still
 * the partition's when it ends and this member owned the partition before and after; a lookup reads the object
 * once, so a miss is never judged against another generation's flag.
 */
public final class ProfileReplica implements MigrationListener, MembershipListener
{
    /**
     * What {@link #lookup(String)} answers for a key this member owns, on a complete partition, with no record:
     * the shopper has no profile (never had one, or it was erased). Compared by identity, never read.
     */
    public static final byte[] NO_PROFILE = new byte[0];

    private volatile PartitionService partitionService;
    /** Finds a key's partition without serializing it; set with {@link #partitionService}. */
    private volatile PartitionIds ids;
    private volatile Partition[] partitions;
    private volatile Runnable onDropped = ProfileReplica::nothing;
    /** What is held of each partition; replaced by a new, empty, incomplete one when the partition is dropped. */
    private final AtomicReferenceArray<Held> byPartition;

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
            byPartition.set(p, new Held());
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
        ids = PartitionIds.of(service);
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
        return service == null ? null : lookup(key, ids.of(key));
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
        final Held held = ownedHeld(partition);
        return held == null ? null : held.answer(held.profiles.get(key));
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
                byPartition.get(ids.of(key)).profiles;
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
        if (service != null && ownedLocally(ids.of(key)))
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
        return service == null ? null : lookupImpressions(key, ids.of(key));
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
        final Held held = ownedHeld(partition);
        return held == null ? null : held.answer(held.impressions.get(key));
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
            putImpressions(key, ids.of(key), bytes);
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
        final ConcurrentHashMap<String, byte[]> records = byPartition.get(partition).impressions;
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
        return service == null ? -1 : ids.of(key);
    }

    /**
     * What is held of a partition that this member owns and has not completed: the object a fill starts with and
     * hands back to {@link #markFilled}.
     *
     * @param partition partition id.
     * @return the partition's records, or {@code null} when it is not owned here or already complete.
     */
    Held needsFill(final int partition)
    {
        if (partitionService == null || !ownedLocally(partition))
        {
            return null;
        }
        final Held held = byPartition.get(partition);
        return held.complete ? null : held;
    }

    /**
     * Marks a partition complete after a fill that started with {@code startedWith} from {@link #needsFill}; ignored
     * when the partition was dropped since (the fill may have missed records, or copied them into the dropped maps)
     * or is no longer owned here (the fill may have run on the new owner), and the filler will run again.
     *
     * @param partition   partition id.
     * @param startedWith what was held of the partition when the fill started.
     * @return true when the partition is now complete.
     */
    boolean markFilled(final int partition, final Held startedWith)
    {
        if (byPartition.get(partition) != startedWith || !ownedLocally(partition))
        {
            return false;
        }
        startedWith.complete = true;
        // A drop between the check and the flag swapped startedWith out: the flag then vouches for maps nobody reads.
        return byPartition.get(partition) == startedWith;
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
            if (partitionService != null && ownedLocally(p) && byPartition.get(p).complete)
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
            byPartition.get(ids.of(key)).profiles.remove(key);
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
            final Iterator<String> partition = byPartition.get(p).profiles.keySet().iterator();
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
            size += byPartition.get(p).profiles.size();
        }
        return size;
    }

    /** What is held of a partition this member owns, or {@code null} when the grid must be asked. */
    private Held ownedHeld(final int partition)
    {
        if (partition < 0 || partitionService == null || !ownedLocally(partition))
        {
            return null;
        }
        return byPartition.get(partition);
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
        byPartition.set(partition, new Held());
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

    /**
     * The records held of one partition and whether they are all of it. Swapped whole by a drop: the flag is only
     * ever set on the object a fill filled, so it can never vouch for another generation's maps.
     */
    static final class Held
    {
        final ConcurrentHashMap<String, byte[]> profiles = new ConcurrentHashMap<>();
        /** Impression records ({@link ImpressionStore}), with the same completeness. */
        final ConcurrentHashMap<String, byte[]> impressions = new ConcurrentHashMap<>();
        volatile boolean complete;

        /** A record found here, {@link #NO_PROFILE} for none when complete, {@code null} when unknown. */
        byte[] answer(final byte[] found)
        {
            if (found != null)
            {
                return found;
            }
            return complete ? NO_PROFILE : null;
        }
    }
}
