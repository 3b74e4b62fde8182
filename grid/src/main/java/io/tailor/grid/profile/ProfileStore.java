package io.tailor.grid.profile;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.cluster.Member;
import com.hazelcast.core.IExecutorService;
import com.hazelcast.core.MultiExecutionCallback;
import com.hazelcast.map.EntryProcessor;
import com.hazelcast.map.IMap;
import io.tailor.grid.support.DirectCalls;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.atomic.LongAdder;

/**
 * The {@code profiles} map as the server sees it: apply events, read a profile, fast or via the grid, change
 * consent and preferences, merge linked ids, erase.
 * <p>
 * Every change is an entry processor on the owner; nothing here reads, modifies and writes back. An id
 * linked to a customer holds a forward record: events, reads and changes addressed to it are sent on to the
 * customer's profile here, so callers never see forward records. Futures complete on Hazelcast's threads:
 * callers continue with {@code ...Async(fn, executor)} on their own executor, never on Hazelcast's default one.
 */
public final class ProfileStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "profiles";

    /** Forward records are followed at most this many times (a forward always points to a customer). */
    private static final int MAX_HOPS = 2;

    private static final ReadProfileProcessor READ = new ReadProfileProcessor();

    private final IMap<String, byte[]> profiles;
    private final ProfileReplica replica;
    private final ImpressionStore impressions;
    private final IExecutorService admin;
    private final LongAdder gridReads = new LongAdder();

    /**
     * Store over a map.
     *
     * @param profiles    the profiles map.
     * @param replica     this member's replica, or {@code null} when this process is not a member.
     * @param impressions served lists' impressions, kept apart; erased and cleared with the profile.
     * @param admin       executor reaching every member, for purges after an erasure.
     */
    public ProfileStore(final IMap<String, byte[]> profiles, final ProfileReplica replica,
        final ImpressionStore impressions, final IExecutorService admin)
    {
        this.profiles = profiles;
        this.replica = replica;
        this.impressions = impressions;
        this.admin = admin;
    }

    /**
     * A profile read from the grid, with the key it was found under (the customer's, for a linked id).
     *
     * @param key   the key of the profile read.
     * @param bytes its binary form, or {@code null} when there is none.
     */
    public record Found(String key, byte[] bytes)
    {
    }

    /**
     * A purchase without request id credited to the newest list served within the attribution window that showed
     * one of its products (found in the shopper's impression record on the owner).
     *
     * @param event      the purchase's index in the batch.
     * @param servedAtMs when the list was served, to the second.
     * @param tag        the list's {@link io.tailor.scoring.profile.ImpressionRecord#tag(int, int, boolean)}.
     * @param arm        its arm name's hash code, when the tag says it has one.
     * @param value      the value of the purchased lines the list showed.
     * @param shopper    {@link io.tailor.scoring.util.Hashing#key(CharSequence)} of the profile key the purchase was
     *                   applied under (the customer's, for a linked id).
     */
    public record Shown(int event, long servedAtMs, int tag, int arm, double value, long shopper)
    {
    }

    /**
     * What became of a batch of one shopper's events.
     *
     * @param accepted   events applied (or, for a shopper without personalization consent, fed to the anonymous
     *                   item aggregates only).
     * @param duplicates events whose id was seen before; they changed nothing.
     * @param credited   the events (by index in the batch) that may be credited to the list they came from: applied
     *                   for the first time, and for a click the first on its list and product.
     * @param shown      purchases without request id credited to the list that last showed their products, in
     *                   event order; empty when none.
     */
    public record Applied(int accepted, int duplicates, BitSet credited, List<Shown> shown)
    {
        /**
         * What became of events none of which was credited by what a list showed.
         *
         * @param accepted   events applied.
         * @param duplicates events seen before.
         * @param credited   the events that may be credited to the list whose request id they carry.
         */
        public Applied(final int accepted, final int duplicates, final BitSet credited)
        {
            this(accepted, duplicates, credited, List.of());
        }

        /**
         * Reads {@link ApplyEventsProcessor}'s answer: two counts, then a flag per event, then what each purchase
         * flagged {@link ApplyEventsProcessor#SHOWN} is credited to.
         *
         * @param counts the processor's answer.
         * @param events how many events the batch had.
         * @return the record.
         */
        static Applied of(final int[] counts, final int events)
        {
            final BitSet credited = new BitSet(events);
            List<Shown> shown = List.of();
            int extra = 2 + events;
            for (int i = 0; i < events; i++)
            {
                final int flag = counts[2 + i];
                if (flag == ApplyEventsProcessor.SHOWN)
                {
                    if (shown.isEmpty())
                    {
                        shown = new ArrayList<>(2);
                    }
                    shown.add(new Shown(i, join(counts[extra], counts[extra + 1]), counts[extra + 2],
                        counts[extra + 3], Double.longBitsToDouble(join(counts[extra + 4], counts[extra + 5])),
                        join(counts[extra + 6], counts[extra + 7])));
                    extra += ApplyEventsProcessor.SHOWN_LENGTH;
                }
                else if (flag != 0)
                {
                    credited.set(i);
                }
            }
            return new Applied(counts[0], counts[1], credited, shown);
        }

        private static long join(final int high, final int low)
        {
            return (long)high << 32 | low & 0xFFFF_FFFFL;
        }
    }

    /**
     * A shopper's consent after a change.
     *
     * @param flags         the consent flags now stored, see {@link io.tailor.scoring.profile.ProfileFlags}.
     * @param historyErased whether withdrawing personalization erased a history.
     */
    public record ConsentChange(int flags, boolean historyErased)
    {
    }

    /**
     * The impressions of served lists, kept apart from profiles.
     *
     * @return the store.
     */
    public ImpressionStore impressions()
    {
        return impressions;
    }

    /**
     * Applies one shopper's events on the profile's owner (the linked customer's, for a linked id), with its
     * synchronous backup.
     *
     * @param key    profile key, see {@link ProfileKeys}.
     * @param events validated events of that shopper.
     * @return the counts, once the owner and its backup have the change.
     */
    public CompletionStage<Applied> apply(final String key, final List<Event> events)
    {
        return apply(key, events, ForkJoinPool.commonPool());
    }

    /**
     * Applies one shopper's events, as {@link #apply(String, List)}, and answers on the caller's executor: the
     * owner's answer is handed straight to it, with no stop on Hazelcast's default executor ({@link DirectCalls}).
     *
     * @param key      profile key, see {@link ProfileKeys}.
     * @param events   validated events of that shopper.
     * @param executor where the counts are delivered (an event loop, for the events route).
     * @return the counts, once the owner and its backup have the change.
     */
    public CompletionStage<Applied> apply(final String key, final List<Event> events, final Executor executor)
    {
        return this.<int[]>following(key, new ApplyEventsProcessor(events), 0, executor)
            .thenApply(counts -> Applied.of(counts, events.size()));
    }

    /**
     * Applies several shoppers' events, each as {@link #apply(String, List, Executor)}, and answers on the caller's
     * executor once every owner has answered: one hand-off for the whole batch ({@link DirectCalls#submitToKeys}),
     * plus one per linked id whose events a forward record sent on to its customer. Called from a thread of that
     * executor (the events route calls it from the request's event loop), every stage chained to the answer runs
     * there; a caller on another thread hops back itself.
     *
     * @param keys     profile keys, distinct.
     * @param events   each key's validated events, in the same order.
     * @param executor where the outcome is delivered (an event loop, for the events route).
     * @return each key's counts or failure, in the keys' order, once each owner and its backup have the change;
     *     never completes exceptionally.
     */
    public CompletionStage<AppliedEach> applyAll(final List<String> keys, final List<List<Event>> events,
        final Executor executor)
    {
        final List<ApplyEventsProcessor> processors = new ArrayList<>(keys.size());
        for (final List<Event> shopper : events)
        {
            processors.add(new ApplyEventsProcessor(shopper));
        }
        return DirectCalls.<String, byte[], Object>submitToKeys(profiles, keys, processors, executor)
            .thenCompose(answers ->
        {
            final Applied[] applied = new Applied[keys.size()];
            final Throwable[] failures = new Throwable[keys.size()];
            List<CompletableFuture<?>> forwarded = null;
            for (int i = 0; i < applied.length; i++)
            {
                final int index = i;
                final Object result = answers.result(i);
                if (answers.failure(i) != null)
                {
                    failures[i] = answers.failure(i);
                }
                else if (result instanceof String target)
                {
                    if (forwarded == null)
                    {
                        forwarded = new ArrayList<>();
                    }
                    forwarded.add(followed(target, processors.get(i), executor).whenComplete((counts, error) ->
                        settle(applied, failures, index, counts, error, events.get(index).size())));
                }
                else
                {
                    settle(applied, failures, i, result, null, events.get(i).size());
                }
            }
            final AppliedEach each = new AppliedEach(Arrays.asList(applied), Arrays.asList(failures));
            return forwarded == null ? CompletableFuture.completedFuture(each) :
                CompletableFuture.allOf(forwarded.toArray(CompletableFuture[]::new)).handle((done, error) -> each);
        });
    }

    /** A forward record's target called as {@link #following}, a call that could not be made included. */
    private CompletableFuture<Object> followed(final String target, final ApplyEventsProcessor processor,
        final Executor executor)
    {
        try
        {
            return this.following(target, processor, 1, executor).toCompletableFuture();
        }
        catch (final RuntimeException ex)
        {
            return CompletableFuture.failedFuture(ex);
        }
    }

    /** Records one key's counts, or why there are none: exactly one of the two is set. */
    private static void settle(final Applied[] applied, final Throwable[] failures, final int index,
        final Object counts, final Throwable error, final int events)
    {
        if (error != null)
        {
            failures[index] = error;
            return;
        }
        try
        {
            applied[index] = Applied.of((int[])counts, events);
        }
        catch (final RuntimeException ex)
        {
            failures[index] = ex;
        }
    }

    /**
     * What {@link #applyAll} answers: per key, in the keys' order, its counts or why its events were not stored.
     *
     * @param applied  each key's counts, {@code null} where it failed.
     * @param failures each key's failure, {@code null} where it was stored.
     */
    public record AppliedEach(List<Applied> applied, List<Throwable> failures)
    {
    }

    /**
     * What {@link #local(String)} answers when this member owns the shopper and knows there is no profile
     * (never created, or erased): as authoritative as a profile. Compared by identity.
     */
    public static final byte[] NO_PROFILE = ProfileReplica.NO_PROFILE;

    /**
     * The record of a key if this member owns it and has it at hand; the caller's thread, no I/O. A forward
     * record (the key is linked to a customer) is returned as it is: look the customer's key up next.
     *
     * @param key profile key.
     * @return a profile or a forward record, {@link #NO_PROFILE} when this member owns the key and knows there is
     *     no profile, or {@code null} when the grid must be asked with {@link #read(String)}.
     */
    public byte[] local(final String key)
    {
        return replica == null ? null : replica.lookup(key);
    }

    /**
     * {@link #local(String)} for a key whose partition the caller has from {@link #partitionOf(String)}.
     *
     * @param key       profile key.
     * @param partition its partition, or -1.
     * @return as {@link #local(String)}.
     */
    public byte[] local(final String key, final int partition)
    {
        return replica == null ? null : replica.lookup(key, partition);
    }

    /**
     * The partition of a key on this member, found once per request for {@link #local(String, int)} and
     * {@link ImpressionStore#local(String, int)}.
     *
     * @param key profile key.
     * @return the partition, or -1 when this process is not a member.
     */
    public int partitionOf(final String key)
    {
        return replica == null ? -1 : replica.partitionOf(key);
    }

    /**
     * Reads the profile's binary form from its owner (the linked customer's, for a linked id).
     *
     * @param key profile key.
     * @return the binary form, or {@code null} for a shopper without profile.
     */
    public CompletionStage<byte[]> read(final String key)
    {
        return readFound(key).thenApply(Found::bytes);
    }

    /**
     * Keys of some profiles this member owns ({@link ProfileReplica#sampleKeys}).
     *
     * @param max the most keys to return.
     * @return up to {@code max} keys, none when this process is not a member.
     */
    public List<String> localKeys(final int max)
    {
        return replica == null ? List.of() : replica.sampleKeys(max);
    }

    /**
     * Profile reads that went to the grid ({@link #read(String)}) since start: what the owner-local replica could
     * not answer.
     *
     * @return the count.
     */
    public long gridReads()
    {
        return gridReads.sum();
    }

    /**
     * Reads the profile from its owner like {@link #read(String)}, and says under which key it was found.
     *
     * @param key profile key.
     * @return the profile found (its bytes {@code null} for a shopper without profile).
     */
    public CompletionStage<Found> readFound(final String key)
    {
        return readFound(key, ForkJoinPool.commonPool());
    }

    /**
     * {@link #readFound(String)}, answered on the caller's executor: the owner's answer is handed straight to it,
     * with no stop on Hazelcast's default executor ({@link DirectCalls}). On a cluster of several members most
     * served lists of a node are read this way (their shoppers' owners are elsewhere).
     *
     * @param key      profile key.
     * @param executor where the profile is delivered (the event loop serving the request).
     * @return the profile found (its bytes {@code null} for a shopper without profile).
     */
    public CompletionStage<Found> readFound(final String key, final Executor executor)
    {
        gridReads.increment();
        return readFound(key, 0, executor);
    }

    private CompletionStage<Found> readFound(final String key, final int hops, final Executor executor)
    {
        return DirectCalls.submitToKey(profiles, key, READ, executor).thenCompose(bytes ->
            ForwardRecord.isForward(bytes) && hops < MAX_HOPS ? readFound(ForwardRecord.target(bytes), hops + 1,
                executor) :
                CompletableFuture.completedFuture(new Found(key, ForwardRecord.isForward(bytes) ? null : bytes)));
    }

    /**
     * Where a key's data lives: the key itself, or the customer it is linked to.
     *
     * @param key profile key.
     * @return the key of the profile events and reads of {@code key} reach.
     */
    public CompletionStage<String> resolve(final String key)
    {
        return profiles.submitToKey(key, READ).thenApply(bytes -> ForwardRecord.isForward(bytes) ?
            ForwardRecord.target(bytes) : key);
    }

    /**
     * Records consent (creating a consent-only record for an unknown shopper).
     *
     * @param key             profile key.
     * @param personalization the personalization choice, or {@code null} to leave it.
     * @param marketing       the marketing choice, or {@code null} to leave it.
     * @param nowMs           when.
     * @return the consent now stored, once the owner and its backup have it.
     */
    public CompletionStage<ConsentChange> setConsent(final String key, final Boolean personalization,
        final Boolean marketing, final long nowMs)
    {
        final CompletionStage<ConsentChange> set = this.<int[]>following(key,
            new SetConsentProcessor(personalization, marketing, nowMs), 0)
            .thenApply(result -> new ConsentChange(result[0], result[1] == 1));
        if (!Boolean.FALSE.equals(personalization))
        {
            return set;
        }
        // Withdrawn: what lists showed the shopper goes with the rest of the history.
        return set.thenCompose(result -> resolve(key).thenCompose(impressions::clear).thenApply(ignored -> result));
    }

    /**
     * Records a Global Privacy Control signal: marketing refused, on the profile the key forwards to when it is
     * linked (creating a consent-only record for an unknown shopper). A no-op write when already recorded.
     *
     * @param key   profile key.
     * @param nowMs when.
     * @return the consent now stored, once the owner and its backup have it.
     */
    public CompletionStage<ConsentChange> refuseMarketingByGpc(final String key, final long nowMs)
    {
        return this.<int[]>following(key, SetConsentProcessor.globalPrivacyControl(nowMs), 0)
            .thenApply(result -> new ConsentChange(result[0], false));
    }

    /**
     * Replaces stated preferences.
     *
     * @param key        profile key.
     * @param categories keys of liked categories.
     * @param brands     keys of liked brands.
     * @param sizes      sizes.
     * @param disliked   keys of disliked products.
     * @param nowMs      when.
     * @return true when stored; false when the shopper withdrew personalization consent.
     */
    public CompletionStage<Boolean> setPreferences(final String key, final long[] categories, final long[] brands,
        final String[] sizes, final long[] disliked, final long nowMs)
    {
        return following(key, new SetPreferencesProcessor(categories, brands, sizes, disliked, nowMs), 0);
    }

    /**
     * Turns a linked id's profile into a forward record to the customer's.
     *
     * @param key    the linked id's profile key.
     * @param target the customer's profile key.
     * @param nowMs  when.
     * @return the profile to merge into the customer's, or {@code null}.
     */
    public CompletionStage<byte[]> forward(final String key, final String target, final long nowMs)
    {
        return profiles.submitToKey(key, new ForwardProfileProcessor(target, nowMs));
    }

    /**
     * Merges a linked id's profile into the customer's.
     *
     * @param target   the customer's profile key.
     * @param source   binary form of the linked id's profile.
     * @param mergeKey key of this merge, for idempotence.
     * @param nowMs    when.
     * @return true when merged, false when this merge was done before.
     */
    public CompletionStage<Boolean> merge(final String target, final byte[] source, final long mergeKey,
        final long nowMs)
    {
        return following(target, new MergeProfileProcessor(source, mergeKey, nowMs), 0);
    }

    /**
     * Drops the profile a forward record carries once its merge is confirmed.
     *
     * @param key            the linked id's profile key.
     * @param target         the customer's profile key.
     * @param pendingVersion version of the merged profile.
     * @return true when dropped.
     */
    public CompletionStage<Boolean> clearPending(final String key, final String target, final long pendingVersion)
    {
        return profiles.submitToKey(key, new ClearPendingProcessor(target, pendingVersion));
    }

    /**
     * Replaces a record (a profile or a forward record) by a tombstone, without purging data files.
     *
     * @param key   profile key.
     * @param nowMs when.
     * @return the erased record, or {@code null} when there was none.
     */
    public CompletionStage<byte[]> eraseRecord(final String key, final long nowMs)
    {
        return profiles.submitToKey(key, new EraseProfileProcessor(nowMs))
            .thenCompose(old -> impressions.clear(key).thenApply(ignored -> old));
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
        return eraseRecord(key, nowMs).thenCompose(old ->
        {
            if (old == null)
            {
                return CompletableFuture.completedFuture(0L);
            }
            final long version = ProfileCodec.version(old) + 1;
            return purge(List.of(key), new long[] {version}, List.of(), new long[0]).thenApply(ignored -> version);
        });
    }

    /**
     * Removes older copies of erased records from every member's data files.
     *
     * @param profileKeys     erased profile keys.
     * @param profileVersions their tombstones' versions.
     * @param linkKeys        erased identity link keys.
     * @param linkVersions    their tombstones' versions.
     * @return completes when every member has answered.
     */
    public CompletionStage<Void> purge(final List<String> profileKeys, final long[] profileVersions,
        final List<String> linkKeys, final long[] linkVersions)
    {
        final CompletableFuture<Void> purged = new CompletableFuture<>();
        if (profileKeys.isEmpty() && linkKeys.isEmpty())
        {
            purged.complete(null);
            return purged;
        }
        admin.submitToAllMembers(new PurgeProfileTask(profileKeys, profileVersions, linkKeys, linkVersions),
            new MultiExecutionCallback()
            {
                @Override
                public void onResponse(final Member member, final Object value)
                {
                }

                @Override
                public void onComplete(final Map<Member, Object> values)
                {
                    purged.complete(null);
                }
            });
        return purged;
    }

    /**
     * Runs an aggregation over every profile, on the members that hold them. Blocks: call it from a worker
     * thread, never an event loop.
     *
     * @param aggregator the aggregation.
     * @param <R>        result type.
     * @return the combined result.
     */
    public <R> R aggregate(final Aggregator<Map.Entry<String, byte[]>, R> aggregator)
    {
        return profiles.aggregate(aggregator);
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

    /**
     * The map, for the retention sweeper.
     *
     * @return the profiles map.
     */
    IMap<String, byte[]> map()
    {
        return profiles;
    }

    /**
     * Runs a {@link ProfileChangeProcessor} on the key's owner and, when it answers with a forward target (a
     * {@code String}), again on the target's. The processors' own results stay JDK types (counts as
     * {@code int[]}, {@code Boolean}) that Hazelcast serializes between members without a type id; they are given
     * names ({@link Applied}, {@link ConsentChange}) here, before they leave the grid.
     */
    private <R> CompletionStage<R> following(final String key, final EntryProcessor<String, byte[], Object> processor,
        final int hops)
    {
        return following(key, processor, hops, ForkJoinPool.commonPool());
    }

    /** {@link #following(String, EntryProcessor, int)}, each answer delivered on {@code executor}. */
    @SuppressWarnings("unchecked")
    private <R> CompletionStage<R> following(final String key, final EntryProcessor<String, byte[], Object> processor,
        final int hops, final Executor executor)
    {
        return DirectCalls.submitToKey(profiles, key, processor, executor).thenCompose(result ->
        {
            if (result instanceof String target)
            {
                return hops < MAX_HOPS ? following(target, processor, hops + 1, executor) :
                    CompletableFuture.failedFuture(new IllegalStateException("forward records of " + key +
                        " form a chain"));
            }
            return CompletableFuture.completedFuture((R)result);
        });
    }
}
