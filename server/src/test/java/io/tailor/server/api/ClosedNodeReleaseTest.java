package io.tailor.server.api;

import io.tailor.grid.TailorGrid;
import io.tailor.server.metrics.Metrics;
import org.junit.jupiter.api.Test;

import java.lang.ref.WeakReference;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A closed node leaves nothing of itself reachable in the JVM once another node has run: the server tests start
 * hundreds of nodes one after the other in one 2 GB JVM. Micrometer's GC metrics listen to the JVM's collectors
 * and kept every node's registry until closed, with whatever its meters' functions held; when the ready gauge's
 * function held the node, every node stayed, and the server tests ran out of heap two-thirds of the way through.
 * (Hazelcast keeps the last instance a thread called in a thread-local of that thread, so the last node is only
 * released once another has run on the same thread.)
 */
class ClosedNodeReleaseTest
{
    @Test
    void aClosedNodeCanBeCollectedOnceAnotherHasRun()
    {
        final WeakReference<TailorGrid> grid;
        final WeakReference<Metrics> metrics;
        final WeakReference<ServedPathWarmUp> context;
        try (ApiServer first = ApiServer.start())
        {
            assertThat(first.get("/health/ready").status()).isEqualTo(200);
            grid = new WeakReference<>(first.server().grid());
            metrics = new WeakReference<>(first.server().metrics());
            context = new WeakReference<>(first.server().warmUp());
        }
        try (ApiServer second = ApiServer.start())
        {
            assertThat(second.get("/health/ready").status()).isEqualTo(200);
        }

        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500)).untilAsserted(() ->
        {
            System.gc();
            assertThat(metrics.get()).as("the first node's metrics").isNull();
            assertThat(context.get()).as("the first node's server context").isNull();
            assertThat(grid.get()).as("the first node's grid").isNull();
        });
    }
}
