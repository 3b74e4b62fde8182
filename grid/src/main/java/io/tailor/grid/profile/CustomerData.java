package io.tailor.grid.profile;

import io.tailor.grid.identity.IdentityLink;
import io.tailor.grid.identity.IdentityStore;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Everything about one customer across maps: linking ids (with the merge of their profiles), erasure of the
 * customer and every linked id, and what is held on them for an export.
 * <p>
 * Linking an id to a customer, each step an entry processor on its key's owner:
 * <pre>
 *   1. identities[id] := customer          the record of whose the id is (a loyalty card never moves)
 *   2. profiles[id]   := forward(customer) events and reads of the id go to the customer from now on;
 *                                          the id's profile rides along until step 4
 *   3. profiles[customer] merge(profile)   idempotent per (id, version of the merged profile)
 *   4. profiles[id]   drop the carried profile
 * </pre>
 * Between steps 2 and 3 the id's impression record (what lists showed it) moves to the customer's
 * ({@link ImpressionStore#moveTo}), so the frequency cap and attribution follow the link.
 * Events for the id applied before step 2 are in the carried profile; those arriving after it are sent on
 * to the customer; the partition thread orders each key's changes, so every event is counted once. A link
 * that failed part way is completed by linking again.
 */
public final class CustomerData
{
    private static final long BLOCKING_TIMEOUT_SECONDS = 30;

    private final ProfileStore profiles;
    private final IdentityStore identities;

    /** How a link request ended. */
    public enum LinkStatus
    {
        /** The id is now linked to the customer. */
        LINKED,
        /** The id was linked to the customer already. */
        ALREADY_LINKED,
        /** The id was linked to another customer and now is to this one (a shared device). */
        MOVED,
        /** The loyalty card belongs to another customer; nothing changed. */
        CONFLICT
    }

    /**
     * The outcome of a link.
     *
     * @param status   how it ended.
     * @param merged   whether the id's own profile was merged into the customer's.
     * @param previous the customer the id belonged to before ({@code ""} for none).
     */
    public record Link(LinkStatus status, boolean merged, String previous)
    {
    }

    /**
     * What an erasure removed.
     *
     * @param profile  the customer's erased profile (binary form, to say what it held), or {@code null} when
     *                 there was none.
     * @param linked   profile keys of the linked ids erased with it.
     */
    public record Erasure(byte[] profile, List<String> linked)
    {
        /**
         * Whether anything was erased.
         *
         * @return false when nothing was held.
         */
        public boolean erasedAnything()
        {
            return profile != null || !linked.isEmpty();
        }
    }

    /**
     * Over the stores.
     *
     * @param profiles   the profiles.
     * @param identities the identity links.
     */
    public CustomerData(final ProfileStore profiles, final IdentityStore identities)
    {
        this.profiles = profiles;
        this.identities = identities;
    }

    /**
     * The identity links.
     *
     * @return the store.
     */
    public IdentityStore identities()
    {
        return identities;
    }

    /**
     * Links an anonymous id or a loyalty card to a customer and merges its profile into the customer's.
     * Completes on a Hazelcast thread.
     *
     * @param alias profile key of the id ({@code a:...} or {@code l:...}).
     * @param user  profile key of the customer ({@code u:...}).
     * @param nowMs when.
     * @return the outcome.
     */
    public CompletionStage<Link> link(final String alias, final String user, final long nowMs)
    {
        final boolean allowMove = !ProfileKeys.isLoyalty(alias);
        return identities.claim(alias, user, allowMove, nowMs).thenCompose(previous ->
        {
            if (!previous.isEmpty() && !previous.equals(user) && !allowMove)
            {
                return CompletableFuture.completedFuture(new Link(LinkStatus.CONFLICT, false, previous));
            }
            final LinkStatus status = previous.equals(user) ? LinkStatus.ALREADY_LINKED :
                previous.isEmpty() ? LinkStatus.LINKED : LinkStatus.MOVED;
            return profiles.forward(alias, user, nowMs).thenCompose(pending ->
            {
                final CompletionStage<Object> shown = status == LinkStatus.ALREADY_LINKED ?
                    CompletableFuture.completedFuture(null) : profiles.impressions().moveTo(alias, user, nowMs);
                if (pending == null)
                {
                    return shown.thenApply(moved -> new Link(status, false, previous));
                }
                final long version = ProfileCodec.version(pending);
                return shown.thenCompose(moved -> profiles.merge(user, pending,
                        Hashing.key("merge:" + alias + ":" + version), nowMs))
                    .thenCompose(merged -> profiles.clearPending(alias, user, version))
                    .thenApply(cleared -> new Link(status, true, previous));
            });
        });
    }

    /**
     * Erases a customer everywhere: their profile, every linked id's link and forward record, and older
     * copies of all of them in every member's data files. Blocks: call from a worker thread.
     *
     * @param user  profile key of the customer.
     * @param nowMs when.
     * @return what was erased.
     */
    public Erasure eraseCustomer(final String user, final long nowMs)
    {
        final byte[] profile = await(profiles.eraseRecord(user, nowMs));
        final Map<String, Long> links = identities.eraseAll(user, nowMs);
        final List<String> profileKeys = new ArrayList<>();
        final List<Long> versions = new ArrayList<>();
        if (profile != null)
        {
            profileKeys.add(user);
            versions.add(ProfileCodec.version(profile) + 1);
        }
        final List<String> linked = new ArrayList<>(links.keySet());
        linked.sort(String::compareTo);
        for (final String alias : linked)
        {
            final byte[] forward = await(profiles.eraseRecord(alias, nowMs));
            if (forward != null)
            {
                profileKeys.add(alias);
                versions.add(ProfileCodec.version(forward) + 1);
            }
        }
        final long[] linkVersions = new long[linked.size()];
        for (int i = 0; i < linked.size(); i++)
        {
            linkVersions[i] = links.get(linked.get(i));
        }
        await(profiles.purge(profileKeys, versions.stream().mapToLong(Long::longValue).toArray(), linked,
            linkVersions));
        return new Erasure(profile != null && ProfileCodec.isProfile(profile) ? profile : null, linked);
    }

    /**
     * Erases an anonymous id or loyalty card: its profile, or, when it is linked, its link and forward record
     * (the merged history stays with the customer). Blocks: call from a worker thread.
     *
     * @param alias profile key of the id.
     * @param nowMs when.
     * @return what was erased.
     */
    public Erasure eraseId(final String alias, final long nowMs)
    {
        final byte[] record = await(profiles.eraseRecord(alias, nowMs));
        if (record == null)
        {
            return new Erasure(null, List.of());
        }
        final List<String> links = new ArrayList<>();
        final List<Long> linkVersions = new ArrayList<>();
        if (ForwardRecord.isForward(record))
        {
            final Long version = await(identities.erase(alias, ForwardRecord.target(record), nowMs));
            if (version != null)
            {
                links.add(alias);
                linkVersions.add(version);
            }
        }
        await(profiles.purge(List.of(alias), new long[] {ProfileCodec.version(record) + 1}, links,
            linkVersions.stream().mapToLong(Long::longValue).toArray()));
        return new Erasure(ProfileCodec.isProfile(record) ? record : null, ForwardRecord.isForward(record) ?
            List.of(alias) : List.of());
    }

    /**
     * A customer's linked ids. Blocks: call from a worker thread.
     *
     * @param user profile key of the customer.
     * @return linked ids' profile keys with their links, oldest first.
     */
    public List<Map.Entry<String, IdentityLink>> linksOf(final String user)
    {
        return identities.linksOf(user);
    }

    private static <T> T await(final CompletionStage<T> stage)
    {
        try
        {
            return stage.toCompletableFuture().get(BLOCKING_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", ex);
        }
        catch (final ExecutionException ex)
        {
            throw new IllegalStateException(ex.getCause().toString(), ex.getCause());
        }
        catch (final TimeoutException ex)
        {
            throw new IllegalStateException("the grid did not answer within " + BLOCKING_TIMEOUT_SECONDS + " s", ex);
        }
    }
}
