package io.tailor.grid;

import com.hazelcast.cluster.Member;
import io.tailor.grid.profile.ProfileKeys;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A product uploaded on one member and an event about it applied on another, right after the upload answered:
 * the event must be applied with the product's category, brand and vector. The members' periodic model
 * refresh is a minute here, so only what the upload itself guarantees can make the test pass.
 */
class CrossMemberCatalogTest
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
        first = TailorGrid.startMember(settings(firstPort, cluster, members), Clock.systemUTC());
        second = TailorGrid.startMember(settings(secondPort, cluster, members), Clock.systemUTC());
        await().atMost(Duration.ofSeconds(30)).until(() -> first.hazelcast().getPartitionService().isClusterSafe() &&
            first.hazelcast().getCluster().getMembers().size() == 2);
    }

    private static GridSettings settings(final int port, final String cluster, final List<String> members)
    {
        return GridSettings.loopback(port, null).withClusterName(cluster).withMembers(members)
            .withIntervals(Duration.ofMillis(500), Duration.ofSeconds(60));
    }

    @AfterEach
    void stop()
    {
        second.close();
        first.close();
    }

    @Test
    void shouldApplyAnEventRightAfterAnUploadOnAnotherMemberWithTheProductsCategoryAndBrand() throws Exception
    {
        final String user = ownedBy(second);
        final Product shoe = new Product("new-shoe", "New Shoe", "apparel/shoes/running", "Swift", 90,
            Map.of("season", List.of("summer")), true, System.currentTimeMillis(), false, null);

        first.catalog().upsert(List.of(shoe)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        first.profiles().apply(ProfileKeys.user(user), List.of(new Event("e1", EventType.VIEW, user, null,
            shoe.id(), List.of(), Double.NaN, System.currentTimeMillis(), Channel.WEB, null, null)))
            .toCompletableFuture().get(10, TimeUnit.SECONDS);

        final byte[] bytes = second.profiles().read(ProfileKeys.user(user)).toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
        final Profile profile = ProfileCodec.decode(bytes, new Profile(GridSettings.DEFAULT_DIMENSIONS));
        assertThat(profile.categoryCount()).as("categories of the profile").isEqualTo(1);
        assertThat(profile.categoryKey(0)).isEqualTo(Hashing.key("apparel/shoes/running"));
        assertThat(profile.brandCount()).as("brands of the profile").isEqualTo(1);
        assertThat(profile.brandKey(0)).isEqualTo(Hashing.key("Swift"));
    }

    private String ownedBy(final TailorGrid node)
    {
        final Member member = node.hazelcast().getCluster().getLocalMember();
        for (int i = 0; ; i++)
        {
            final String user = "u" + i;
            if (first.hazelcast().getPartitionService().getPartition(ProfileKeys.user(user)).getOwner()
                .equals(member))
            {
                return user;
            }
        }
    }
}
