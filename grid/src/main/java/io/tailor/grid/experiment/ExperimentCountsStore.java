package io.tailor.grid.experiment;

import com.hazelcast.map.IMap;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The {@code experiment-counts} map: per experiment arm (key {@code experimentId@createdAt/armName}), what every
 * node counted, merged additively on the owner and kept in the members' data files.
 */
public final class ExperimentCountsStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "experiment-counts";

    private final IMap<String, ArmCounts> counts;

    /**
     * Store over a map.
     *
     * @param counts the map.
     */
    public ExperimentCountsStore(final IMap<String, ArmCounts> counts)
    {
        this.counts = counts;
    }

    /**
     * The key of an arm: an experiment deleted and defined again under its id starts from zero.
     *
     * @param experiment  experiment id.
     * @param createdAtMs when the experiment was defined.
     * @param arm         arm name.
     * @return the map key.
     */
    public static String key(final String experiment, final long createdAtMs, final String arm)
    {
        return experiment + "@" + createdAtMs + "/" + arm;
    }

    /**
     * Adds a node's counts. Completes on a Hazelcast thread.
     *
     * @param key   arm key.
     * @param delta counts since the node's last flush.
     * @return completion.
     */
    public CompletionStage<Object> merge(final String key, final ArmCounts delta)
    {
        return counts.submitToKey(key, new MergeArmCountsProcessor(delta));
    }

    /**
     * The counts of some arms. Blocks.
     *
     * @param keys arm keys.
     * @return counts by key; arms never counted are missing.
     */
    public Map<String, ArmCounts> getAll(final Set<String> keys)
    {
        return counts.getAll(keys);
    }
}
