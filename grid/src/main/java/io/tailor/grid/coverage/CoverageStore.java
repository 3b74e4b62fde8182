package io.tailor.grid.coverage;

import com.hazelcast.config.InMemoryFormat;
import com.hazelcast.config.MapConfig;
import com.hazelcast.map.IMap;
import io.tailor.scoring.coverage.CoverageWindow;
import io.tailor.scoring.rank.Placement;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The {@code coverage-sketches} map: key {@code placement/hour} (hours since the epoch), value the sketch of the
 * distinct products that placement's lists showed on any node in that hour. Not in the members' data files: a full
 * restart of the cluster forgets the last day's coverage, which the next day's traffic rebuilds.
 */
public final class CoverageStore
{
    /** Name of the map. */
    public static final String MAP_NAME = "coverage-sketches";

    private final IMap<String, byte[]> sketches;

    /**
     * Store over a map.
     *
     * @param sketches the map.
     */
    public CoverageStore(final IMap<String, byte[]> sketches)
    {
        this.sketches = sketches;
    }

    /**
     * The map's configuration on a member: one synchronous backup, values held as they are.
     *
     * @return the configuration.
     */
    public static MapConfig mapConfig()
    {
        return new MapConfig(MAP_NAME)
            .setInMemoryFormat(InMemoryFormat.OBJECT)
            .setBackupCount(1)
            .setAsyncBackupCount(0)
            .setStatisticsEnabled(true);
    }

    /**
     * The key of a placement's hour.
     *
     * @param placement the placement.
     * @param hour      hours since the epoch.
     * @return the key.
     */
    public static String key(final Placement placement, final long hour)
    {
        return placement.wireName() + "/" + hour;
    }

    /**
     * The hour of a key.
     *
     * @param key a key made by {@link #key(Placement, long)}.
     * @return its hour, or {@link Long#MIN_VALUE} for a key of another form.
     */
    static long hourOf(final String key)
    {
        final int slash = key.lastIndexOf('/');
        try
        {
            return Long.parseLong(key, slash + 1, key.length(), 10);
        }
        catch (final NumberFormatException ex)
        {
            return Long.MIN_VALUE;
        }
    }

    /**
     * Merges a node's sketch into a bucket. Completes on a Hazelcast thread.
     *
     * @param placement the placement.
     * @param hour      the hour.
     * @param sketch    the node's sketch of that hour.
     * @return completion.
     */
    public CompletionStage<Object> merge(final Placement placement, final long hour, final byte[] sketch)
    {
        return sketches.submitToKey(key(placement, hour), new MergeCoverageProcessor(sketch));
    }

    /**
     * The buckets of a placement in the last day's window. Blocks.
     *
     * @param placement the placement.
     * @param nowHour   the current hour.
     * @return sketch by hour; hours without lists shown are missing.
     */
    public Map<Long, byte[]> window(final Placement placement, final long nowHour)
    {
        final Set<String> keys = new HashSet<>();
        for (int back = 0; back < CoverageWindow.HOURS; back++)
        {
            keys.add(key(placement, nowHour - back));
        }
        final Map<String, byte[]> found = sketches.getAll(keys);
        final Map<Long, byte[]> byHour = new HashMap<>();
        for (final Map.Entry<String, byte[]> entry : found.entrySet())
        {
            byHour.put(hourOf(entry.getKey()), entry.getValue());
        }
        return byHour;
    }

    /**
     * Removes the buckets past {@link CoverageWindow#KEEP_HOURS}, of every placement. Blocks; reads the map's
     * keys (a few per placement and hour).
     *
     * @param nowHour the current hour.
     * @return buckets removed.
     */
    public int expire(final long nowHour)
    {
        int removed = 0;
        for (final String key : sketches.keySet())
        {
            final long hour = hourOf(key);
            if (hour == Long.MIN_VALUE || CoverageWindow.expired(hour, nowHour))
            {
                sketches.delete(key);
                removed++;
            }
        }
        return removed;
    }
}
