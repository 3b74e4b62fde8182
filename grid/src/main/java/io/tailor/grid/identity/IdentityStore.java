package io.tailor.grid.identity;

import com.hazelcast.map.IMap;
import com.hazelcast.query.Predicates;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;

/**
 * The {@code identities} map: which customer each linked anonymous id and loyalty card belongs to. Keys are
 * the linked ids' profile keys ({@code a:...}, {@code l:...}); the {@code user} attribute is indexed, so a
 * customer's links are found without a scan.
 */
public final class IdentityStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "identities";

    private final IMap<String, IdentityLink> links;

    /**
     * Store over a map.
     *
     * @param links the identities map.
     */
    public IdentityStore(final IMap<String, IdentityLink> links)
    {
        this.links = links;
    }

    /**
     * Links an id to a customer, see {@link ClaimAliasProcessor}.
     *
     * @param alias     the linked id's profile key.
     * @param user      the customer's profile key.
     * @param allowMove whether an id linked to another customer moves.
     * @param nowMs     when.
     * @return the customer it was linked to before, {@code ""} for none.
     */
    public CompletionStage<String> claim(final String alias, final String user, final boolean allowMove,
        final long nowMs)
    {
        return links.submitToKey(alias, new ClaimAliasProcessor(user, allowMove, nowMs));
    }

    /**
     * Erases one id's link to a customer.
     *
     * @param alias the linked id's profile key.
     * @param user  the customer's profile key.
     * @param nowMs when.
     * @return the tombstone's version, or {@code null} when it was not linked to that customer.
     */
    public CompletionStage<Long> erase(final String alias, final String user, final long nowMs)
    {
        return links.submitToKey(alias, new EraseLinkProcessor(user, nowMs));
    }

    /**
     * A customer's linked ids. Blocks: call from a worker thread.
     *
     * @param user the customer's profile key.
     * @return linked ids' profile keys with their links, oldest link first.
     */
    public List<Map.Entry<String, IdentityLink>> linksOf(final String user)
    {
        final List<Map.Entry<String, IdentityLink>> found = new ArrayList<>(
            links.entrySet(Predicates.equal(LinkedUserExtractor.ATTRIBUTE, user)));
        found.sort((l, r) -> Long.compare(l.getValue().linkedAtMs(), r.getValue().linkedAtMs()));
        return found;
    }

    /**
     * Erases every link of a customer. Blocks: call from a worker thread.
     *
     * @param user  the customer's profile key.
     * @param nowMs when.
     * @return erased links' keys with their tombstones' versions.
     */
    public Map<String, Long> eraseAll(final String user, final long nowMs)
    {
        final Map<String, Long> erased = links.executeOnEntries(new EraseLinkProcessor(user, nowMs),
            Predicates.equal(LinkedUserExtractor.ATTRIBUTE, user));
        erased.values().removeIf(java.util.Objects::isNull);
        return Collections.unmodifiableMap(erased);
    }

    /**
     * Number of entries (links and tombstones), for metrics and tests.
     *
     * @return the size of the map.
     */
    public int size()
    {
        return links.size();
    }
}
