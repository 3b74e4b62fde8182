package io.tailor.server;

import io.tailor.scoring.vector.DotKernel;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Arrays;

/**
 * Runs the scoring kernel until the JIT has compiled it, before a node listens.
 * <p>
 * The Vector API kernel allocates an object per vector operation until C2 has compiled and intrinsified it. A node
 * that took a storefront's traffic cold allocated about 3.7 GB of such objects on its event loops in the first half
 * minute of a 2,000 req/s load (benchmarks/RESULTS.md, "Per page view", thirteenth slice): young collections the
 * storefront waits on, right after every restart. So the starting thread runs batches of the calls a list makes (rows
 * gathered at the content vectors' dimension and at the factors' rank, packed rows, single dot products) until a
 * batch allocates nothing (the kernel is compiled and allocation-free) or {@code maxTime} has passed, before the node
 * opens its port. Compiled code serves every thread, the event loops included. The scalar kernel (no Vector API)
 * allocates nothing from the start and is done after one batch.
 */
final class KernelWarmUp
{
    /** Calls of each kind per batch: about the rows of one list's candidates. */
    static final int CALLS_PER_BATCH = 200;
    /** Rows gathered per call. */
    static final int ROWS = 256;
    /** Below this a batch counts as allocating nothing (the measurement's own noise). */
    private static final long ALLOCATION_FREE_BYTES = 1024;
    /** Consecutive allocation-free batches that end the warm-up. */
    private static final int QUIET_BATCHES = 3;
    /**
     * Batches run when this JVM cannot count a thread's allocation: what the Vector API kernel needed to compile on
     * JDK 17 here (50), twice.
     */
    private static final int UNCOUNTED_BATCHES = 100;

    /**
     * What a warm-up did.
     *
     * @param batches  batches run.
     * @param millis   how long it took.
     * @param compiled whether the last batches allocated nothing; false when the time ran out first, or when this
     *                 JVM cannot count a thread's allocation (then a fixed number of batches is run).
     */
    record Result(int batches, long millis, boolean compiled)
    {
    }

    private KernelWarmUp()
    {
    }

    /**
     * Warms a kernel up.
     *
     * @param kernel     the kernel the scoring uses.
     * @param dimensions the content vectors' dimension.
     * @param rank       the collaborative factors' rank; 0 when off.
     * @param maxTime    the longest to spend.
     * @return what was done.
     */
    static Result run(final DotKernel kernel, final int dimensions, final int rank, final Duration maxTime)
    {
        final long startNs = System.nanoTime();
        final long deadlineNs = startNs + maxTime.toNanos();
        final int width = Math.max(dimensions, rank);
        final float[] query = new float[width];
        Arrays.fill(query, 0.125f);
        final float[] table = new float[ROWS * width];
        for (int i = 0; i < table.length; i++)
        {
            table[i] = (i % 17) / 17f;
        }
        final int[] rows = new int[ROWS];
        for (int i = 0; i < ROWS; i++)
        {
            rows[i] = (i * 37) % ROWS;
        }
        final float[] out = new float[ROWS];
        final com.sun.management.ThreadMXBean threads = allocationCounter();
        int batches = 0;
        int quiet = 0;
        float sink = 0f;
        while (quiet < QUIET_BATCHES && System.nanoTime() < deadlineNs &&
            (threads != null || batches < UNCOUNTED_BATCHES))
        {
            final long before = threads == null ? -1 : threads.getCurrentThreadAllocatedBytes();
            for (int call = 0; call < CALLS_PER_BATCH; call++)
            {
                kernel.dotRows(query, table, rows, ROWS, dimensions, out);
                sink += out[call % ROWS];
                sink += kernel.dot(query, 0, table, (call % ROWS) * dimensions, dimensions);
                if (rank > 0)
                {
                    kernel.dotRows(query, table, rows, ROWS, rank, out);
                    sink += out[call % ROWS];
                    kernel.dotPacked(query, table, ROWS, rank, out);
                    sink += out[call % ROWS];
                }
            }
            batches++;
            final long allocated = threads == null ? Long.MAX_VALUE : threads.getCurrentThreadAllocatedBytes() - before;
            quiet = allocated < ALLOCATION_FREE_BYTES ? quiet + 1 : 0;
        }
        // The sum is used, so that no call can be left out as dead code.
        final boolean compiled = quiet >= QUIET_BATCHES && sink == sink;
        return new Result(batches, (System.nanoTime() - startNs) / 1_000_000L, compiled);
    }

    private static com.sun.management.ThreadMXBean allocationCounter()
    {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean threads &&
            threads.isThreadAllocatedMemorySupported() && threads.isThreadAllocatedMemoryEnabled())
        {
            return threads;
        }
        return null;
    }
}
