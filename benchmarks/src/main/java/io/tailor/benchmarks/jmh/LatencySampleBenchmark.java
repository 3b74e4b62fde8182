package io.tailor.benchmarks.jmh;

import io.tailor.server.metrics.RouteLatency;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One round of the node's once-a-second latency sampler ({@code tailor-latency}): every route's one-second
 * interval swapped and its p50/p99/p99.9 read into its ring. {@code routes} is the node's count of timed routes
 * (37 today); before each round {@code requestsPerRoute} latencies (100 us .. 10 ms) are recorded into every
 * route, 0 for an idle node. What the round costs the sampler thread once a second, and what it allocates.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@State(Scope.Thread)
public class LatencySampleBenchmark
{
    @Param("37")
    int routes;

    @Param({"0", "1000"})
    int requestsPerRoute;

    private final SplittableRandom random = new SplittableRandom(14);
    private RouteLatency latency;
    private RouteLatency.Route[] recorders;
    private long nowNs;
    private long nowMs;

    /** The routes, registered as the server registers them. */
    @Setup(Level.Trial)
    public void routes()
    {
        latency = new RouteLatency();
        recorders = new RouteLatency.Route[routes];
        for (int i = 0; i < routes; i++)
        {
            recorders[i] = latency.route("GET /v1/route-" + i);
        }
        nowNs = System.nanoTime();
        nowMs = 0;
    }

    /** A second's requests on every route. */
    @Setup(Level.Invocation)
    public void requests()
    {
        for (final RouteLatency.Route route : recorders)
        {
            for (int i = 0; i < requestsPerRoute; i++)
            {
                route.record(random.nextLong(100_000L, 10_000_000L));
            }
        }
    }

    /** One round of the sampler; the clock moves a second each round, as the fixed delay makes it. */
    @Benchmark
    public void sampleEveryRoute()
    {
        nowNs += 1_000_000_000L;
        nowMs += 1_000L;
        latency.sample(nowMs, nowNs);
    }
}
