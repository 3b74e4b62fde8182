package io.tailor.benchmarks.jmh;

import io.tailor.server.metrics.RouteLatency;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * What recording one answered request's latency costs the event loop ({@code RouteLatency.Route.record}), with two
 * threads recording into the same route as a node's two event loops do: the recorders' counters and phasers are
 * shared, so their cache lines move between the cores with every request.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
@Threads(2)
@State(Scope.Benchmark)
public class RouteRecordBenchmark
{
    private RouteLatency.Route route;

    /** One route, as the server registers it. */
    @Setup
    public void setUp()
    {
        route = new RouteLatency().route("GET /v1/recommendations");
    }

    /** One request of 40 to 80 microseconds. */
    @Benchmark
    public void record()
    {
        route.record(40_000L + (System.nanoTime() & 0x7FFF));
    }
}
