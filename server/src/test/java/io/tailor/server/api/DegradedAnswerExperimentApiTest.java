package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.hazelcast.map.EntryProcessor;
import io.tailor.grid.GridFixtures;
import io.tailor.grid.GridSettings;
import io.tailor.grid.TailorGrid;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A degraded answer (the profile's owner did not answer within the deadline, so popular items were served) is in no
 * experiment: it names no arm and counts as no list of any arm, only under arm {@code none}. A node that does not own
 * the shopper is made to miss its deadline by stalling the owner's partition thread.
 */
class DegradedAnswerExperimentApiTest
{
    private static ApiServer api;
    private static TailorGrid other;

    @BeforeAll
    static void start()
    {
        final String cluster = "degraded-" + UUID.randomUUID();
        final int apiPort = GridFixtures.freePort();
        final int otherPort = GridFixtures.freePort();
        final List<String> members = List.of("127.0.0.1:" + apiPort, "127.0.0.1:" + otherPort);
        api = ApiServer.builder().cluster(cluster, apiPort, members).start();
        other = TailorGrid.startMember(GridSettings.loopback(otherPort, null).withClusterName(cluster)
            .withMembers(members), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> other.hazelcast().getCluster().getMembers().size() == 2 &&
            other.hazelcast().getPartitionService().isClusterSafe());
        final StringBuilder products = new StringBuilder("[");
        for (int i = 0; i < 10; i++)
        {
            products.append(i == 0 ? "" : ",").append("{\"id\":\"tea-").append(i).append("\",\"title\":\"Tea ")
                .append(i).append("\",\"category\":\"food/tea\",\"brand\":\"Leaf\",\"price\":").append(5 + i)
                .append('}');
        }
        api.put("/v1/products", "application/json", products.append(']').toString());
        api.awaitProduct("tea-9");
        assertThat(api.put("/v1/experiments/home-degraded", "application/json", ExperimentsApiTest.HOME_TEST)
            .status()).isEqualTo(201);
    }

    @AfterAll
    static void stop()
    {
        if (other != null)
        {
            other.hazelcast().getLifecycleService().terminate();
        }
        api.close();
    }

    @Test
    void shouldCountADegradedAnswerAsNoListOfAnyArm() throws Exception
    {
        final String user = shopperOwnedByTheOtherMember();
        assertThat(api.postJson("/v1/events", "{\"id\":\"deg-v1\",\"type\":\"view\",\"user\":\"" + user +
            "\",\"product\":\"tea-1\"}").status()).isEqualTo(200);
        final JsonNode inTime = api.get("/v1/recommendations?user=" + user + "&k=3").json();
        assertThat(inTime.get("degraded").asBoolean()).as("read from the owner within the deadline").isFalse();
        final String arm = inTime.get("experiment").get("arm").asText();
        await("the list reaches the grid").atMost(Duration.ofSeconds(3)).until(() -> lists(arm) == 1);
        final double fallbacks = metric("tailor_lists_served_total{arm=\"none\",placement=\"home\"," +
            "strategy=\"fallback\"}");

        final CompletionStage<Object> stall = other.hazelcast().<String, byte[]>getMap(ProfileStore.MAP_NAME)
            .submitToKey(ProfileKeys.user(user), new Stall());
        assertThat(Stall.STARTED.await(10, TimeUnit.SECONDS)).as("the owner's partition thread is held").isTrue();
        final JsonNode late;
        try
        {
            late = api.get("/v1/recommendations?user=" + user + "&k=3").json();
        }
        finally
        {
            Stall.RELEASE.countDown();
        }
        stall.toCompletableFuture().get(10, TimeUnit.SECONDS);

        assertThat(late.get("degraded").asBoolean()).isTrue();
        assertThat(late.has("experiment")).as("no arm named").isFalse();
        assertThat(late.get("requestId").asText()).doesNotContain("." + arm);
        assertThat(metric("tailor_lists_served_total{arm=\"none\",placement=\"home\",strategy=\"fallback\"}"))
            .isEqualTo(fallbacks + 1);
        // Nothing more reaches the arm over three of the registry's flushes.
        await("the degraded list is not one of the arm's")
            .during(Duration.ofMillis(3 * ExperimentRegistry.FLUSH_INTERVAL_MS))
            .atMost(Duration.ofSeconds(5)).until(() -> lists(arm) == 1);
        assertThat(lists("control") + lists("tailor")).isEqualTo(1);
    }

    private static String shopperOwnedByTheOtherMember()
    {
        for (int i = 0; ; i++)
        {
            final String user = "deg-" + i;
            if (!api.server().grid().hazelcast().getPartitionService().getPartition(ProfileKeys.user(user))
                .getOwner().localMember())
            {
                return user;
            }
        }
    }

    private static long lists(final String arm)
    {
        for (final JsonNode counted : api.get("/v1/experiments/home-degraded/results").json().get("arms"))
        {
            if (counted.get("name").asText().equals(arm))
            {
                return counted.get("lists").asLong();
            }
        }
        throw new AssertionError("no arm " + arm);
    }

    private static double metric(final String series)
    {
        for (final String line : api.get("/metrics").body().split("\n"))
        {
            if (line.startsWith(series + " "))
            {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    /**
     * Holds the owner's partition thread until the test releases it, so a read of the shopper's profile waits past
     * the deadline. The member runs in this JVM: the latches are shared through static fields.
     */
    private static final class Stall implements EntryProcessor<String, byte[], Object>, Serializable
    {
        static final CountDownLatch STARTED = new CountDownLatch(1);
        static final CountDownLatch RELEASE = new CountDownLatch(1);
        private static final long serialVersionUID = 1L;

        @Override
        public Object process(final Map.Entry<String, byte[]> entry)
        {
            STARTED.countDown();
            try
            {
                RELEASE.await(10, TimeUnit.SECONDS);
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
            return null;
        }

        @Override
        public EntryProcessor<String, byte[], Object> getBackupProcessor()
        {
            return null;
        }
    }
}
