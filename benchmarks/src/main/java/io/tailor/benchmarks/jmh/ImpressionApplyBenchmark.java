package io.tailor.benchmarks.jmh;

import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.ProfileSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One served list counted into its shopper's impression record, as the grid's {@code ApplyImpressionsProcessor} does
 * per shopper on the partition's thread: decode the held record, apply the list (ten products, remembered for
 * attribution), store it back into its own array. The served path's JFR puts most of the partition threads' time
 * under load here (benchmarks/RESULTS.md, sixteenth slice); Hazelcast's operation around it is not included.
 * <p>
 * The records are in the steady state of a busy shopper: each has had {@code history} lists of random products of
 * the catalog before, so products (48) and shown products (64) are full and every list makes room.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class ImpressionApplyBenchmark
{
    private static final int LIST = 10;
    private static final long ATTRIBUTION_WINDOW_MS = TimeUnit.DAYS.toMillis(7);

    @Param("20000")
    int products;

    @Param("40")
    int history;

    /**
     * Shoppers whose records the lists go to in turn, a power of two: 1,024 records (1.4 MB) stay in the caches;
     * 32,768 (45 MB) do not, as a node's records under random shoppers do not.
     */
    @Param({"1024", "32768"})
    int shoppers;

    private byte[][] records;
    /** 4,096 lists: {@link #apply} picks one by the top 12 bits of a hash. */
    private final long[][] lists = new long[4096][LIST];
    private final ImpressionRecord scratch = new ImpressionRecord();
    private long windowMs;
    private long atMs;
    /** Time between two lists: a shopper gets a list every 1,024 s (about 17 minutes) whatever their number. */
    private long stepMs;
    private long listKey;
    private int next;

    /** Fills every shopper's record with {@code history} lists, a second apart. */
    @Setup
    public void setUp()
    {
        windowMs = ProfileSettings.DEFAULT.impressionWindow().toMillis();
        records = new byte[shoppers][];
        final SplittableRandom random = new SplittableRandom(42L);
        for (final long[] list : lists)
        {
            for (int i = 0; i < LIST; i++)
            {
                list[i] = random.nextLong(products) * 0x9E3779B97F4A7C15L;
            }
        }
        atMs = 1_780_000_000_000L;
        stepMs = 1_024_000L / shoppers;
        for (int round = 0; round < history; round++)
        {
            for (int s = 0; s < shoppers; s++)
            {
                apply(s);
            }
        }
        // The state this benchmark claims to measure; a list choice that repeated lists per shopper left every record
        // short of full (and two and a half times as fast), unnoticed until its number disagreed with JFR's.
        final ImpressionRecord first = new ImpressionRecord().decode(records[0]);
        if (first.productCount() != ImpressionRecord.MAX_PRODUCTS || first.shownCount() != ImpressionRecord.MAX_SHOWN)
        {
            throw new IllegalStateException("records are not full: " + first.productCount() + " products, " +
                first.shownCount() + " shown");
        }
    }

    /**
     * Decode, apply, store: one list for the next shopper.
     *
     * @return the array now holding the record.
     */
    @Benchmark
    public byte[] decodeApplyStore()
    {
        final int shopper = next;
        next = (next + 1) & (shoppers - 1);
        return apply(shopper);
    }

    private byte[] apply(final int shopper)
    {
        atMs += stepMs;
        // A list picked by a hash of its key: by the key's low bits, a shopper would get the same few lists over and
        // over (shoppers and lists are both powers of two), and its record would never fill.
        final long[] list = lists[(int)((listKey + 1) * 0x9E3779B97F4A7C15L >>> 52)];
        scratch.decode(records[shopper]);
        scratch.apply(++listKey, list, LIST, atMs, windowMs, ImpressionRecord.tag(0, 1, false), 0,
            ATTRIBUTION_WINDOW_MS);
        final byte[] stored = scratch.store();
        records[shopper] = stored;
        return stored;
    }
}
