package io.tailor.grid.partition;

import com.hazelcast.partition.Partition;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.SharedBareMember;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.lang.reflect.Proxy;
import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The partition ids computed without Hazelcast's serialization are Hazelcast's, for the keys Tailor uses and for
 * keys it does not expect. The member is a real, lone one.
 */
class PartitionIdsTest
{
    @RegisterExtension
    static final SharedBareMember GRID = new SharedBareMember();

    @Test
    void shouldComputeThePartitionsHazelcastFindsForShoppersAndProducts()
    {
        final PartitionService service = GRID.member().getPartitionService();
        final PartitionIds ids = PartitionIds.of(service);
        assertThat(ids.hashed()).as("the member's Hazelcast serializes keys as expected").isTrue();

        final SplittableRandom random = new SplittableRandom(7);
        for (int n = 0; n < 20_000; n++)
        {
            final String shopper = "user:u" + random.nextInt(1_000_000);
            final String linked = "anon:" + Long.toHexString(random.nextLong()) + "-" + "z".repeat(random.nextInt(200));
            final long product = random.nextLong();
            assertThat(ids.of(shopper)).as(shopper).isEqualTo(service.getPartition(shopper).getPartitionId());
            assertThat(ids.of(linked)).as(linked).isEqualTo(service.getPartition(linked).getPartitionId());
            assertThat(ids.of(product)).as("%d", product).isEqualTo(service.getPartition(product).getPartitionId());
        }
    }

    @Test
    void shouldAskHazelcastForKeysWithCharactersBeyondAscii()
    {
        final PartitionService service = GRID.member().getPartitionService();
        final PartitionIds ids = PartitionIds.of(service);

        for (final String key : new String[] {"user:Zoë", "user:東京-42", "user:😀", "", "user:"})
        {
            assertThat(ids.of(key)).as(key).isEqualTo(service.getPartition(key).getPartitionId());
        }
    }

    @Test
    void shouldLeaveEveryKeyToHazelcastWhenItsPartitionsDisagreeWithTheHash()
    {
        // A partition service whose partitions are not the hash's (as another Hazelcast version's could be):
        // 271 partitions, every key in partition 7.
        final Set<Partition> partitions = new HashSet<>();
        for (int p = 0; p < 271; p++)
        {
            partitions.add(partition(p));
        }
        final Partition seventh = partition(7);
        final PartitionService skewed = (PartitionService)Proxy.newProxyInstance(getClass().getClassLoader(),
            new Class<?>[] {PartitionService.class}, (proxy, method, args) -> switch (method.getName())
            {
                case "getPartitions" -> partitions;
                case "getPartition" -> seventh;
                default -> throw new AssertionError("PartitionIds asked the partition service for " + method.getName());
            });

        final PartitionIds ids = PartitionIds.of(skewed);

        assertThat(ids.hashed()).isFalse();
        assertThat(ids.of("user:u1")).isEqualTo(7);
        assertThat(ids.of(42L)).isEqualTo(7);
    }

    private static Partition partition(final int id)
    {
        return (Partition)Proxy.newProxyInstance(PartitionIdsTest.class.getClassLoader(),
            new Class<?>[] {Partition.class}, (proxy, method, args) -> switch (method.getName())
            {
                case "getPartitionId", "hashCode" -> id;
                case "equals" -> proxy == args[0];
                default -> null;
            });
    }
}
