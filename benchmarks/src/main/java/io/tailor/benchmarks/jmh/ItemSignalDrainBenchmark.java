package io.tailor.benchmarks.jmh;

import io.tailor.grid.model.ItemSignalAggregator;
import io.tailor.scoring.model.CooccurrenceKind;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * The item signals of one random-shopper view event, written into the aggregator's ring and drained into its
 * pending deltas, as a node under ingestion load does (the ring's reader is {@code tailor-signals}): the signal
 * thread must keep up with the partition threads or the ring overflows and the item model learns from part of the
 * events (benchmarks/RESULTS.md, twenty-second slice).
 * <p>
 * Each event views a random product of the catalog for a random shopper and makes what {@code ProfileUpdater} makes
 * of a view with a full recent list: one popularity signal, a co-view with each of the shopper's 8 most recent
 * products ({@code pairsPerEvent}) and a transition from each of the 3 last ({@code TRANSITION_STEPS}). Time moves
 * 1 ms every 35 events (35,000 events a second). Every {@code pendingEvents} events the pending deltas are taken,
 * as a merge into the grid takes them: 17,500 is a flush every 0.5 s at that rate, 175,000 a merge paced to 5 s
 * under load, when the deltas' co-occurrence rows fill up to their capacity.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(2)
@State(Scope.Thread)
public class ItemSignalDrainBenchmark
{
    private static final int EVENTS_PER_CALL = 100;
    private static final int RECENT = 8;
    private static final int TRANSITIONS = 3;
    private static final int EVENTS_PER_MS = 35;
    private static final int SHOPPERS = 16_384;

    @Param({"20000", "100000"})
    int products;

    @Param({"17500", "175000"})
    int pendingEvents;

    private ItemSignalAggregator aggregator;
    private long[] productKeys;
    /** Each shopper's recent products, newest last, in a ring of {@link #RECENT}. */
    private final long[][] recent = new long[SHOPPERS][RECENT];
    private final int[] recentNext = new int[SHOPPERS];
    private final SplittableRandom random = new SplittableRandom(42L);
    private long events;
    private long startMs;

    /** A catalog of random keys and shoppers who have each viewed {@link #RECENT} products already. */
    @Setup
    public void setUp()
    {
        aggregator = new ItemSignalAggregator(64 << 20, ModelSettings.DEFAULT);
        productKeys = new long[products];
        for (int p = 0; p < products; p++)
        {
            productKeys[p] = random.nextLong();
        }
        for (final long[] keys : recent)
        {
            for (int i = 0; i < RECENT; i++)
            {
                keys[i] = productKeys[random.nextInt(products)];
            }
        }
        startMs = 1_750_000_000_000L;
    }

    /**
     * Writes the signals of {@value #EVENTS_PER_CALL} view events and drains them into the pending deltas.
     *
     * @return signals drained.
     */
    @Benchmark
    @OperationsPerInvocation(EVENTS_PER_CALL)
    public int writeAndDrainPerEvent()
    {
        for (int e = 0; e < EVENTS_PER_CALL; e++)
        {
            view();
        }
        final int drained = aggregator.drain();
        if (events % pendingEvents < EVENTS_PER_CALL)
        {
            aggregator.takePending();
        }
        return drained;
    }

    private void view()
    {
        final long atMs = startMs + events / EVENTS_PER_MS;
        events++;
        final int shopper = random.nextInt(SHOPPERS);
        final long[] keys = recent[shopper];
        final int next = recentNext[shopper];
        final long viewed = productKeys[random.nextInt(products)];
        aggregator.onPopularity(viewed, PopularityKind.VIEW, 1.0, atMs);
        for (int i = 1; i <= RECENT; i++)
        {
            final long other = keys[(next - i + RECENT) % RECENT];
            aggregator.onCooccurrence(viewed, other, CooccurrenceKind.VIEW, atMs);
            if (i <= TRANSITIONS)
            {
                aggregator.onTransition(other, viewed, i, atMs);
            }
        }
        keys[next] = viewed;
        recentNext[shopper] = (next + 1) % RECENT;
    }
}
