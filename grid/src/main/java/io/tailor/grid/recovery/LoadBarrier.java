package io.tailor.grid.recovery;

import com.hazelcast.cluster.Member;
import com.hazelcast.collection.ISet;
import com.hazelcast.core.HazelcastInstance;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.HashSet;
import java.util.Set;

/**
 * Whether the data files of every member that was in the grid when this node started serving are loaded: a node is
 * ready only then. During a full restart the newest copy of a profile may be in any member's files, and the higher
 * version wins when it is loaded, so an event applied to an older copy (or to none) before that member had loaded
 * would be overwritten: acknowledged and lost. A member marks itself in one grid set once its files are in
 * ({@link #markLoaded}); a node waits for the members it saw at its start. Members that join later do not hold a
 * node back (a member joining a running grid brings older copies only); that members missing at a full restart's
 * start are waited for is {@code initialMembers}' work ({@link io.tailor.grid.persist.PersistenceSettings}).
 * <p>
 * Once passed, it stays passed. Any thread.
 */
public final class LoadBarrier
{
    /** The grid set of the members whose files are loaded, by member UUID. */
    public static final String SET_NAME = "tailor-loaded-members";
    private static final Logger LOG = LoggerFactory.getLogger(LoadBarrier.class);

    private final HazelcastInstance hazelcast;
    private final Set<String> awaited;
    private volatile boolean passed;

    /**
     * A barrier over the members in the grid now.
     *
     * @param hazelcast a member or a client.
     */
    public LoadBarrier(final HazelcastInstance hazelcast)
    {
        this.hazelcast = hazelcast;
        this.awaited = uuids(hazelcast.getCluster().getMembers());
    }

    /**
     * Marks this member's files as loaded, for every node's barrier. Blocks (one grid call).
     *
     * @param member the member, after its files were loaded (or at once, when it has none).
     */
    public static void markLoaded(final HazelcastInstance member)
    {
        final ISet<String> loaded = member.getSet(SET_NAME);
        loaded.add(member.getCluster().getLocalMember().getUuid().toString());
        // Members gone are forgotten, so the set stays as large as the grid. The set is read before the members:
        // a member marked in it had joined before it marked itself, so it is among the members read after.
        final Set<String> stale = new HashSet<>(loaded);
        stale.removeAll(uuids(member.getCluster().getMembers()));
        if (!stale.isEmpty())
        {
            loaded.removeAll(stale);
        }
    }

    /**
     * Whether every awaited member still in the grid has loaded its files. A grid call until it has passed.
     *
     * @return true once they all have.
     */
    public boolean passed()
    {
        if (passed)
        {
            return true;
        }
        try
        {
            final Set<String> waitingFor = uuids(hazelcast.getCluster().getMembers());
            waitingFor.retainAll(awaited);
            if (hazelcast.<String>getSet(SET_NAME).containsAll(waitingFor))
            {
                passed = true;
                LOG.info("the data files of all {} member(s) are loaded", waitingFor.size());
            }
        }
        catch (final RuntimeException ex)
        {
            LOG.debug("whether every member's files are loaded is not known yet: {}", ex.toString());
        }
        return passed;
    }

    private static Set<String> uuids(final Set<Member> members)
    {
        final Set<String> uuids = new HashSet<>();
        for (final Member member : members)
        {
            uuids.add(member.getUuid().toString());
        }
        return uuids;
    }
}
