package io.tailor.grid.recovery;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import io.tailor.grid.GridFixtures;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * A node is ready only once every member that was in the grid at its start has loaded its data files: real embedded
 * members on loopback, which mark themselves loaded by hand here as TailorGrid does after its FileLoader.
 */
class LoadBarrierTest
{
    private final String cluster = "barrier-" + UUID.randomUUID();
    private final List<Integer> ports = List.of(GridFixtures.freePort(), GridFixtures.freePort(),
        GridFixtures.freePort());
    private final List<HazelcastInstance> members = new ArrayList<>();

    @AfterEach
    void stop()
    {
        members.forEach(HazelcastInstance::shutdown);
    }

    @Test
    void shouldPassOnlyOnceEveryMemberPresentAtTheStartHasLoaded()
    {
        final HazelcastInstance first = member(0);
        final HazelcastInstance second = member(1);
        LoadBarrier.markLoaded(first);
        final LoadBarrier barrier = new LoadBarrier(first);

        assertThat(barrier.passed()).as("the second member is still loading").isFalse();

        LoadBarrier.markLoaded(second);
        assertThat(barrier.passed()).isTrue();
    }

    @Test
    void shouldNotWaitForAMemberThatLeftNorForOneThatJoinedLater()
    {
        final HazelcastInstance first = member(0);
        final HazelcastInstance second = member(1);
        LoadBarrier.markLoaded(first);
        final LoadBarrier barrier = new LoadBarrier(first);
        final HazelcastInstance third = member(2);
        assertThat(barrier.passed()).isFalse();

        second.shutdown();
        members.remove(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 2);

        assertThat(barrier.passed()).as("the second left; the third joined after the start").isTrue();
        assertThat(new LoadBarrier(third).passed()).as("a node started after the third joined waits for it")
            .isFalse();
    }

    @Test
    void shouldForgetMembersThatAreGoneWhenOneMarksItself()
    {
        final HazelcastInstance first = member(0);
        final HazelcastInstance second = member(1);
        LoadBarrier.markLoaded(first);
        LoadBarrier.markLoaded(second);
        second.shutdown();
        members.remove(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> first.getCluster().getMembers().size() == 1);

        LoadBarrier.markLoaded(first);

        assertThat(first.<String>getSet(LoadBarrier.SET_NAME))
            .containsExactly(first.getCluster().getLocalMember().getUuid().toString());
    }

    private HazelcastInstance member(final int slot)
    {
        final Config config = new Config();
        config.setClusterName(cluster);
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.setProperty("hazelcast.logging.type", "slf4j");
        config.setProperty("hazelcast.wait.seconds.before.join", "0");
        config.setProperty("hazelcast.local.localAddress", "127.0.0.1");
        config.setProperty("hazelcast.socket.bind.any", "false");
        config.getNetworkConfig().setPort(ports.get(slot)).setPortAutoIncrement(false);
        final JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        join.getTcpIpConfig().setEnabled(true).setMembers(ports.stream().map(port -> "127.0.0.1:" + port).toList());
        final HazelcastInstance member = Hazelcast.newHazelcastInstance(config);
        members.add(member);
        return member;
    }
}
