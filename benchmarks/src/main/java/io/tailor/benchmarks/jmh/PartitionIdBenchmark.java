package io.tailor.benchmarks.jmh;

import com.hazelcast.config.Config;
import com.hazelcast.config.JoinConfig;
import com.hazelcast.core.Hazelcast;
import com.hazelcast.core.HazelcastInstance;
import com.hazelcast.partition.PartitionService;
import io.tailor.grid.partition.PartitionIds;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * A shopper key's partition: Hazelcast's {@code PartitionService.getPartition(key)} (serializes the key into a new
 * heap buffer, then hashes it) against {@link PartitionIds#of(String)} (the same hash over a per-thread buffer).
 * Applying an event asks twice on the partition thread, serving a list once on the event loop. A lone member on
 * loopback, 271 partitions; keys as the store's shoppers are named.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Benchmark)
public class PartitionIdBenchmark
{
    private static final int KEYS = 4096;

    private final String[] keys = new String[KEYS];
    private HazelcastInstance member;
    private PartitionService service;
    private PartitionIds ids;
    private int next;

    /** Starts the member and names the keys. */
    @Setup
    public void setUp()
    {
        final Config config = new Config().setClusterName("partition-id-benchmark");
        config.setProperty("hazelcast.phone.home.enabled", "false");
        config.getNetworkConfig().setPort(15799).setPortAutoIncrement(true);
        config.getNetworkConfig().getInterfaces().setEnabled(true).addInterface("127.0.0.1");
        final JoinConfig join = config.getNetworkConfig().getJoin();
        join.getMulticastConfig().setEnabled(false);
        join.getAutoDetectionConfig().setEnabled(false);
        member = Hazelcast.newHazelcastInstance(config);
        service = member.getPartitionService();
        ids = PartitionIds.of(service);
        for (int i = 0; i < KEYS; i++)
        {
            keys[i] = "user:u" + (i * 4_999 % 20_000);
        }
    }

    /** Stops the member. */
    @TearDown
    public void tearDown()
    {
        member.getLifecycleService().terminate();
    }

    /**
     * Hazelcast's answer.
     *
     * @return the partition id.
     */
    @Benchmark
    public int hazelcast()
    {
        return service.getPartition(nextKey()).getPartitionId();
    }

    /**
     * The same answer computed here.
     *
     * @return the partition id.
     */
    @Benchmark
    public int computed()
    {
        return ids.of(nextKey());
    }

    private String nextKey()
    {
        next = (next + 1) & (KEYS - 1);
        return keys[next];
    }
}
