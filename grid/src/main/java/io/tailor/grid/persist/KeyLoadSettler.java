package io.tailor.grid.persist;

import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.instance.impl.HazelcastInstanceProxy;
import com.hazelcast.map.impl.MapService;
import com.hazelcast.map.impl.operation.KeyLoadStatusOperationFactory;
import com.hazelcast.spi.impl.operationservice.OperationService;

/**
 * Tells every partition of the write-through maps that their key load is finished, which for {@link FileMapStore}
 * is always true: it loads no keys.
 * <p>
 * Hazelcast treats every MapStore as a MapLoader. Each partition of such a map waits, before it answers, until
 * the member owning the partition of the map's name (the "sender") has run {@code loadAllKeys} and told every
 * partition it is done (Hazelcast 5.7 {@code MapKeyLoader.sendKeyLoadCompleted}). A partition that asked while
 * the sender was loading waits for that word only. If the sender dies after telling its backup but before telling
 * the others, the promoted backup counts the load as done and never loads again, and the waiting partition's later
 * re-triggers ({@code MapKeyLoader.triggerLoadingWithDelay}) ignore the answer: it answers "still loading data from
 * external store" to every call until the call times out (see hazelcast#12384 on the loader's state across member
 * loss). Sending the sender's own word again, from the survivors, releases such partitions; it cannot cut a real
 * load short because there are no keys to load.
 */
public final class KeyLoadSettler
{
    private KeyLoadSettler()
    {
    }

    /**
     * Marks the key load of every partition of the maps finished, on their owners; blocks until all have it.
     *
     * @param member a running member (not a client).
     * @param maps   names of maps whose store is a {@link FileMapStore}.
     * @throws Exception when a partition could not be reached or refused the status.
     */
    public static void settle(final HazelcastInstance member, final String... maps) throws Exception
    {
        final OperationService operations = ((HazelcastInstanceProxy)member).getOriginal().node.getNodeEngine()
            .getOperationService();
        for (final String map : maps)
        {
            operations.invokeOnAllPartitions(MapService.SERVICE_NAME, new KeyLoadStatusOperationFactory(map, null));
        }
    }
}
