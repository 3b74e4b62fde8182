package io.tailor.server.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * System test 1: three nodes under a steady event load; one is killed with SIGKILL; every event that was
 * acknowledged is in the profiles afterwards, and the live nodes answer no 5xx.
 */
class KillOneOfThreeNodesIT
{
    @TempDir
    Path dir;

    @Test
    void shouldLoseNoAcknowledgedEventWhenANodeIsKilledUnderLoad() throws Exception
    {
        try (Cluster cluster = new Cluster(dir, 3))
        {
            for (int i = 0; i < 3; i++)
            {
                cluster.start(i);
            }
            for (int i = 0; i < 3; i++)
            {
                cluster.node(i).awaitReady(3);
            }
            Checks.uploadCatalog(cluster.node(0));

            final List<Node> live = new ArrayList<>(List.of(cluster.node(0), cluster.node(1), cluster.node(2)));
            final EventLoad load;
            synchronized (live)
            {
                load = new EventLoad(() ->
                {
                    synchronized (live)
                    {
                        return List.copyOf(live);
                    }
                }, 60, 3, "p2");
            }
            await().atMost(Duration.ofSeconds(30)).until(() -> load.totalAcknowledged() > 500);

            cluster.node(2).kill();
            synchronized (live)
            {
                live.remove(cluster.node(2));
            }
            final long acknowledgedAtKill = load.totalAcknowledged();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.totalAcknowledged() > acknowledgedAtKill + 500);
            load.close();
            System.out.println("event latency during the kill: " + load.latencySummary());

            cluster.node(0).awaitReady(2);
            cluster.node(1).awaitReady(2);
            assertThat(load.serverErrors("node0")).as("5xx from node0").isZero();
            assertThat(load.serverErrors("node1")).as("5xx from node1").isZero();
            Checks.everyAcknowledgedEventIsStored(cluster.node(0), load);
            Checks.everyAcknowledgedEventIsStored(cluster.node(1), load);
        }
    }
}
