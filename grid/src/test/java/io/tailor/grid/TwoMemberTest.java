package io.tailor.grid;

import com.hazelcast.cluster.Member;
import io.tailor.grid.model.ModelRefresher;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two members in one JVM: ownership of the owner-local replica, backups, and additive item stats.
 */
class TwoMemberTest
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
        await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getPartitionService().isClusterSafe() &&
            first.hazelcast().getCluster().getMembers().size() == 2);
    }

    @AfterEach
    void stop()
    {
        if (second != null)
        {
            second.hazelcast().getLifecycleService().terminate();
        }
        first.close();
    }

    @Test
    void shouldServeLocallyOnlyOnTheOwnerAndThroughTheGridElsewhere() throws Exception
    {
        for (int i = 0; i < 40; i++)
        {
            final String key = ProfileKeys.user("s" + i);
            first.profiles().apply(key, List.of(view("e" + i, "s" + i, "p1"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
            final Member owner = first.hazelcast().getPartitionService().getPartition(key).getOwner();
            final TailorGrid ownerNode = owner.localMember() ? first : second;
            final TailorGrid otherNode = owner.localMember() ? second : first;

            assertThat(ownerNode.profiles().local(key)).as(key).isNotNull();
            assertThat(otherNode.profiles().local(key)).as(key).isNull();
            final byte[] remote = otherNode.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(ProfileCodec.version(remote)).isEqualTo(1);
        }
    }

    @Test
    void shouldKnowOnTheOwnerWhoHasNoProfileWithoutEverHidingAMigratedOne() throws Exception
    {
        final List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++)
        {
            final String key = ProfileKeys.user("m" + i);
            keys.add(key);
            first.profiles().apply(key, List.of(view("m" + i, "m" + i, "p1"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        }
        awaitReplicasComplete(first, second);
        for (final String key : keys)
        {
            assertThat(ProfileCodec.isProfile(owner(key, first, second).profiles().local(key))).as(key).isTrue();
        }
        final String stranger = ProfileKeys.user("never-seen");
        assertThat(owner(stranger, first, second).profiles().local(stranger)).isSameAs(ProfileStore.NO_PROFILE);
        assertThat(notOwner(stranger, first, second).profiles().local(stranger)).isNull();

        // A third member takes partitions over: while they move, no member may call a stored profile absent.
        final TailorGrid third = TailorGrid.startMember(GridSettings.loopback(GridFixtures.freePort(), null)
            .withClusterName(first.settings().clusterName()).withMembers(first.settings().members()),
            Clock.systemUTC());
        try
        {
            final long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < until && !(clusterSafe(third) && replicasComplete(first, second, third)))
            {
                for (final String key : keys)
                {
                    for (final TailorGrid node : List.of(first, second, third))
                    {
                        assertThat(node.profiles().local(key)).as(key).isNotSameAs(ProfileStore.NO_PROFILE);
                    }
                }
            }
            assertThat(replicasComplete(first, second, third)).as("every owned partition filled").isTrue();
            assertThat(third.stats().partitionsOwned()).isPositive();
            for (final String key : keys)
            {
                final TailorGrid owner = owner(key, first, second, third);
                assertThat(ProfileCodec.isProfile(owner.profiles().local(key))).as(key).isTrue();
            }
        }
        finally
        {
            third.hazelcast().getLifecycleService().terminate();
        }
    }

    @Test
    void shouldKeepEveryProfileWhenAMemberDiesAndServeItFromThePromotedBackup() throws Exception
    {
        for (int i = 0; i < 40; i++)
        {
            first.profiles().apply(ProfileKeys.user("s" + i), List.of(view("a" + i, "s" + i, "p1"),
                view("b" + i, "s" + i, "p2"))).toCompletableFuture().get(10, TimeUnit.SECONDS);
        }

        second.hazelcast().getLifecycleService().terminate();
        second = null;
        await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getCluster().getMembers().size() == 1);

        for (int i = 0; i < 40; i++)
        {
            final String key = ProfileKeys.user("s" + i);
            final byte[] bytes = first.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(bytes).as(key).isNotNull();
            assertThat(ProfileCodec.version(bytes)).as("both events, one version each").isEqualTo(2);
        }
        // Promotion events reach the replica asynchronously and drop what it held; once they have, a read
        // through the grid puts the profile back at hand on the new owner.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
        {
            final String key = ProfileKeys.user("s7");
            final byte[] bytes = first.profiles().read(key).toCompletableFuture().get(10, TimeUnit.SECONDS);
            assertThat(first.profiles().local(key)).isEqualTo(bytes);
        });
    }

    @Test
    void shouldKeepAServedListsImpressionsWhenTheOwnerDies() throws Exception
    {
        final String key = ProfileKeys.user("shown");
        first.profiles().apply(key, List.of(view("sh1", "shown", "p1"))).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        final TailorGrid owner = owner(key, first, second);
        final TailorGrid survivor = owner == first ? second : first;
        owner.profiles().impressions().record(key, Hashing.key("list-1"), System.currentTimeMillis(),
            new long[] {Hashing.key("p2"), Hashing.key("p3")}, 2);
        owner.profiles().impressions().flushNow();
        await().atMost(Duration.ofSeconds(10)).until(() ->
            io.tailor.scoring.profile.ImpressionRecord.isRecord(owner.profiles().impressions().local(key)));

        owner.hazelcast().getLifecycleService().terminate();
        if (owner == second)
        {
            second = null;
        }
        else
        {
            first = second;
            second = null;
        }

        awaitReplicasComplete(survivor);
        final io.tailor.scoring.profile.ImpressionRecord record = new io.tailor.scoring.profile.ImpressionRecord()
            .decode(survivor.profiles().impressions().local(key));
        assertThat(record.impressions(Hashing.key("p2"), System.currentTimeMillis(), Duration.ofDays(1).toMillis()))
            .as("the backup had the applied batch").isEqualTo(1);
    }

    @Test
    void shouldAddItemStatsFromBothMembersWithoutLosingUpdates() throws Exception
    {
        for (int i = 0; i < 30; i++)
        {
            final TailorGrid via = i % 2 == 0 ? first : second;
            via.profiles().apply(ProfileKeys.user("v" + i), List.of(view("x" + i, "v" + i, "hot")))
                .toCompletableFuture().get(10, TimeUnit.SECONDS);
        }
        first.flushModelNow();
        second.flushModelNow();

        final ItemStats stats = (ItemStats)first.hazelcast().getMap(ModelRefresher.ITEM_STATS_MAP)
            .get(Hashing.key("hot"));
        assertThat(stats.interactions()).isEqualTo(30);
    }

    private static void awaitReplicasComplete(final TailorGrid... nodes)
    {
        await().atMost(Duration.ofSeconds(30)).until(() -> replicasComplete(nodes));
    }

    private static boolean replicasComplete(final TailorGrid... nodes)
    {
        int owned = 0;
        for (final TailorGrid node : nodes)
        {
            if (node.replicaCompletePartitions() != node.stats().partitionsOwned())
            {
                return false;
            }
            owned += node.stats().partitionsOwned();
        }
        return owned == nodes[0].hazelcast().getPartitionService().getPartitions().size();
    }

    private static boolean clusterSafe(final TailorGrid node)
    {
        return node.hazelcast().getPartitionService().isClusterSafe();
    }

    private static TailorGrid owner(final String key, final TailorGrid... nodes)
    {
        final Member owner = nodes[0].hazelcast().getPartitionService().getPartition(key).getOwner();
        for (final TailorGrid node : nodes)
        {
            if (node.hazelcast().getCluster().getLocalMember().equals(owner))
            {
                return node;
            }
        }
        throw new AssertionError("no owner of " + key);
    }

    private static TailorGrid notOwner(final String key, final TailorGrid first, final TailorGrid second)
    {
        return owner(key, first, second) == first ? second : first;
    }

    private static Event view(final String id, final String user, final String product)
    {
        return new Event(id, EventType.VIEW, user, null, product, List.of(), Double.NaN, System.currentTimeMillis(),
            Channel.WEB, null, null);
    }
}
