package io.tailor.server.system;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * System test 2: two nodes under load; a third joins, then leaves gracefully; nothing acknowledged is
 * lost, and the latency seen during the migrations is reported.
 */
class ScaleOutAndInIT
{
    @TempDir
    Path dir;

    @Test
    void shouldLoseNothingWhenScalingFromTwoToThreeNodesAndBack() throws Exception
    {
        try (Cluster cluster = new Cluster(dir, 3))
        {
            cluster.start(0);
            cluster.start(1);
            cluster.node(0).awaitReady(2);
            cluster.node(1).awaitReady(2);
            Checks.uploadCatalog(cluster.node(0));

            final EventLoad load = new EventLoad(() -> List.of(cluster.node(0), cluster.node(1)), 60, 2, "p4");
            await().atMost(Duration.ofSeconds(30)).until(() -> load.totalAcknowledged() > 300);

            cluster.start(2).awaitReady(3);
            final long afterJoin = load.totalAcknowledged();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.totalAcknowledged() > afterJoin + 300);

            cluster.node(2).stop();
            cluster.node(0).awaitReady(2);
            final long afterLeave = load.totalAcknowledged();
            await().atMost(Duration.ofSeconds(60)).until(() -> load.totalAcknowledged() > afterLeave + 300);
            load.close();
            System.out.println("event latency while scaling 2 -> 3 -> 2: " + load.latencySummary());

            assertThat(load.serverErrors("node0") + load.serverErrors("node1")).as("5xx").isZero();
            Checks.everyAcknowledgedEventIsStored(cluster.node(0), load);
            Checks.everyAcknowledgedEventIsStored(cluster.node(1), load);
        }
    }
}
