package io.tailor.server;

import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class KernelWarmUpTest
{
    @Test
    void shouldLeaveTheKernelAllocatingNothingPerList()
    {
        final DotKernel kernel = DotKernels.best();

        final KernelWarmUp.Result warm = KernelWarmUp.run(kernel, 64, 32, Duration.ofSeconds(60));

        assertThat(warm.compiled()).as(warm.toString()).isTrue();
        // what a list's scoring then allocates, on this thread: nothing
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory
            .getThreadMXBean();
        final float[] query = new float[64];
        final float[] table = new float[KernelWarmUp.ROWS * 64];
        final int[] rows = new int[KernelWarmUp.ROWS];
        final float[] out = new float[KernelWarmUp.ROWS];
        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int call = 0; call < KernelWarmUp.CALLS_PER_BATCH; call++)
        {
            kernel.dotRows(query, table, rows, KernelWarmUp.ROWS, 64, out);
        }
        assertThat(threads.getCurrentThreadAllocatedBytes() - before).isLessThan(1024);
    }

    @Test
    void shouldStopAtItsTimeLimit()
    {
        final KernelWarmUp.Result warm = KernelWarmUp.run(DotKernels.best(), 64, 32, Duration.ZERO);

        assertThat(warm.batches()).isZero();
        assertThat(warm.compiled()).isFalse();
    }
}
