package io.tailor.grid;

import io.tailor.grid.segment.SegmentDefinition;
import io.tailor.grid.webhook.DeliveryCounts;
import io.tailor.grid.webhook.WebhookDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What a webhook needs from every member at once, two members in one JVM: a definition shown to each member's
 * registries before it is acknowledged, and each member's delivery counts summed.
 */
class WebhookBroadcastTest
{
    private TailorGrid first;
    private TailorGrid second;

    @BeforeEach
    void start()
    {
        final String cluster = "test-" + UUID.randomUUID();
        final int firstPort = GridFixtures.freePort();
        final int secondPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + firstPort, "127.0.0.1:" + secondPort);
        first = TailorGrid.startMember(GridSettings.loopback(firstPort, null).withClusterName(cluster)
            .withMembers(members), Clock.systemUTC());
        second = TailorGrid.startMember(GridSettings.loopback(secondPort, null).withClusterName(cluster)
            .withMembers(members), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getCluster().getMembers().size() == 2);
    }

    @AfterEach
    void stop()
    {
        second.close();
        first.close();
    }

    @Test
    void shouldShowAWebhookAndItsSegmentsToEveryMemberBeforeAnswering() throws Exception
    {
        final List<String> onFirst = new CopyOnWriteArrayList<>();
        final List<String> onSecond = new CopyOnWriteArrayList<>();
        first.shownDefinitions(recording(onFirst));
        second.shownDefinitions(recording(onSecond));

        first.showWebhook("crm", new WebhookDefinition("{\"url\":\"http://127.0.0.1:9/\"}", 3, 1, 2),
            Map.of("carted", new SegmentDefinition("{\"rule\":{}}", 2, 1, 1))).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);

        assertThat(onFirst).as("the segment first, so the webhook never watches one unknown")
            .containsExactly("segment carted v2", "webhook crm v3");
        assertThat(onSecond).containsExactly("segment carted v2", "webhook crm v3");
    }

    @Test
    void shouldSumEveryMembersDeliveryCountsWithTheLatestLag() throws Exception
    {
        first.deliveryCounts(webhook -> webhook.equals("crm") ? new long[] {5, 2, 1, 0, 120, 1_000} :
            DeliveryCounts.none());
        second.deliveryCounts(webhook -> webhook.equals("crm") ? new long[] {3, 0, 0, 1, 80, 2_000} :
            DeliveryCounts.none());

        final long[] crm = second.deliveryCounts("crm").toCompletableFuture().get(10, TimeUnit.SECONDS);
        final long[] other = first.deliveryCounts("other").toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(crm).containsExactly(8, 2, 1, 1, 80, 2_000);
        assertThat(other).containsExactly(0, 0, 0, 0, -1, 0);
    }

    private static ShownDefinitions recording(final List<String> seen)
    {
        return new ShownDefinitions()
        {
            @Override
            public void segment(final String id, final SegmentDefinition definition)
            {
                seen.add("segment " + id + " v" + definition.version());
            }

            @Override
            public void webhook(final String id, final WebhookDefinition definition)
            {
                seen.add("webhook " + id + " v" + definition.version());
            }
        };
    }
}
