package io.tailor.grid.profile;

import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MultiExecutionCallback;
import com.hazelcast.map.IMap;
import io.tailor.grid.persist.PurgeProfileTask;
import io.tailor.scoring.event.Event;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The {@code profiles} map as the server sees it: apply events, read a profile, fast or via the grid.
 * <p>
 * Every change is an entry processor on the owner; nothing here reads, modifies and writes back. Futures
 * complete on Hazelcast's threads: callers continue with {@code ...Async(fn, executor)} on their own
 * executor, never on Hazelcast's default one.
 */
public final class ProfileStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "profiles";

    private static final ReadProfileProcessor READ = new ReadProfileProcessor();

    private final IMap<String, byte[]> profiles;
    private final ProfileReplica replica;
    private final IExecutorService admin;

    /**
     * Store over a map.
     *
     * @param profiles the profiles map.
     * @param replica  this member's replica, or {@code null} when this process is not a member.
     * @param admin    executor reaching every member, for purges after an erasure.
     */
    public ProfileStore(final IMap<String, byte[]> profiles, final ProfileReplica replica,
        final IExecutorService admin)
    {
        this.profiles = profiles;
        this.replica = replica;
        this.admin = admin;
    }

    /**
     * Applies one shopper's events on the profile's owner, with its synchronous backup.
     *
     * @param key    profile key, see {@link ProfileKeys}.
     * @param events validated events of that shopper.
     * @return {@code int[]{applied, duplicates}} once the owner and its backup have the change.
     */
    public CompletionStage<int[]> apply(final String key, final List<Event> events)
    {
        return profiles.submitToKey(key, new ApplyEventsProcessor(events));
    }

    /**
     * Counts a served list's products as shown to the shopper, if the shopper has a profile.
     *
     * @param key         profile key.
     * @param listKey     key of the list's request id, making a retry count once.
     * @param atMs        when the list was served.
     * @param productKeys keys of the listed products.
     * @return whether the impressions were recorded (false: no profile, or already recorded).
     */
    public CompletionStage<Boolean> recordImpressions(final String key, final long listKey, final long atMs,
        final long[] productKeys)
    {
        return profiles.submitToKey(key, new RecordImpressionsProcessor(listKey, atMs, productKeys));
    }

    /**
     * The profile's binary form if this member owns it and has it at hand; the caller's thread, no I/O.
     *
     * @param key profile key.
     * @return the binary form, or {@code null} when the grid must be asked with {@link #read(String)}.
     */
    public byte[] local(final String key)
    {
        return replica == null ? null : replica.get(key);
    }

    /**
     * Reads the profile's binary form from its owner.
     *
     * @param key profile key.
     * @return the binary form, or {@code null} for a shopper without profile.
     */
    public CompletionStage<byte[]> read(final String key)
    {
        return profiles.submitToKey(key, READ);
    }

    /**
     * Erases a profile: a tombstone replaces it on the owner (and its backup and data file), then every
     * member removes older copies from its data file. Completes on a Hazelcast thread.
     *
     * @param key   profile key.
     * @param nowMs time of the erasure.
     * @return the tombstone's version, or 0 when there was no profile.
     */
    public CompletionStage<Long> erase(final String key, final long nowMs)
    {
        final CompletableFuture<Long> erased = new CompletableFuture<>();
        profiles.submitToKey(key, new EraseProfileProcessor(nowMs)).whenComplete((version, error) ->
        {
            if (error != null)
            {
                erased.completeExceptionally(error);
            }
            else if (version == 0L)
            {
                erased.complete(0L);
            }
            else
            {
                admin.submitToAllMembers(new PurgeProfileTask(key, version), new MultiExecutionCallback()
                {
                    @Override
                    public void onResponse(final Member member, final Object value)
                    {
                    }

                    @Override
                    public void onComplete(final Map<Member, Object> values)
                    {
                        erased.complete(version);
                    }
                });
            }
        });
        return erased;
    }

    /**
     * Number of profiles in the cluster.
     *
     * @return the size of the map.
     */
    public int size()
    {
        return profiles.size();
    }
}
