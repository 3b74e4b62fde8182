package io.tailor.server.metrics;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A route's one-second samples: taken only by {@link RouteLatency#sample}, kept five minutes, and leaving the
 * Prometheus interval and the benchmark total their own requests.
 */
class RouteLatencyTest
{
    private static final String ROUTE = "GET /v1/recommendations";
    private static final long SECOND_NS = 1_000_000_000L;

    @Test
    void shouldShowNothingBeforeTheFirstSampleThenTheNewestSample()
    {
        final RouteLatency latency = new RouteLatency();
        final RouteLatency.Route route = latency.route(ROUTE);
        route.record(2_000_000);

        final long createdNs = System.nanoTime();
        assertThat(route.recent()).isEqualTo(RouteLatency.Recent.NONE);
        latency.sample(9_500, createdNs);
        assertThat(route.recent()).as("an interval shorter than a second waits").isEqualTo(RouteLatency.Recent.NONE);
        latency.sample(10_000, createdNs + SECOND_NS);
        final RouteLatency.Recent first = route.recent();
        latency.sample(11_000, createdNs + 2 * SECOND_NS + 1);

        assertThat(first.atMs()).isEqualTo(10_000);
        assertThat(first.count()).isEqualTo(1);
        assertThat(first.p50Us()).isBetween(1_998.0, 2_002.0);
        assertThat(first.seconds()).isGreaterThanOrEqualTo(1.0);
        assertThat(route.recent().atMs()).isEqualTo(11_000);
        assertThat(route.recent().seconds()).isEqualTo(1.000000001);
        assertThat(route.recent().count()).as("the second interval saw no request").isZero();
        assertThat(route.recent().p99Us()).isZero();
    }

    @Test
    void shouldLeaveThePrometheusIntervalAndTheTotalTheirRequests()
    {
        final RouteLatency latency = new RouteLatency();
        final RouteLatency.Route route = latency.route(ROUTE);
        for (int i = 1; i <= 100; i++)
        {
            route.record(i * 1_000L);
        }

        latency.sample(1_000, System.nanoTime() + SECOND_NS);

        assertThat(route.recent().count()).isEqualTo(100);
        assertThat(route.quantileSeconds(0)).as("median of the scrape interval").isBetween(49e-6, 51e-6);
        assertThat(latency.snapshot().get(ROUTE).getTotalCount()).isEqualTo(100);
    }

    @Test
    void shouldKeepTheLastFiveMinutesOfSamplesAndAnswerThoseAfterATime()
    {
        final RouteLatency latency = new RouteLatency();
        final RouteLatency.Route route = latency.route(ROUTE);
        final long createdNs = System.nanoTime();
        for (int second = 1; second <= RouteLatency.HISTORY_SAMPLES + 50; second++)
        {
            route.record(second * 1_000L);
            latency.sample(second * 1_000L, createdNs + second * SECOND_NS);
        }

        final List<RouteLatency.Recent> all = latency.history(ROUTE, Long.MIN_VALUE).orElseThrow();
        final List<RouteLatency.Recent> lastMinute = latency.history(ROUTE, 290_000).orElseThrow();

        assertThat(all).hasSize(RouteLatency.HISTORY_SAMPLES);
        assertThat(all.get(0).atMs()).isEqualTo(51_000);
        assertThat(all.get(all.size() - 1).atMs()).isEqualTo(350_000);
        assertThat(lastMinute).hasSize(60);
        assertThat(lastMinute.get(0).atMs()).isEqualTo(291_000);
        assertThat(lastMinute).allSatisfy(sample -> assertThat(sample.count()).isEqualTo(1));
        assertThat(latency.history("GET /v1/nothing", 0)).isEmpty();
        assertThat(latency.recent()).containsOnlyKeys(ROUTE);
    }

    @Test
    void shouldCountEveryRequestOnceForEachReaderWhateverOrderTheyReadIn()
    {
        final RouteLatency latency = new RouteLatency();
        final RouteLatency.Route route = latency.route(ROUTE);
        final long createdNs = System.nanoTime();
        for (int i = 0; i < 10; i++)
        {
            route.record(1_000_000);
        }
        assertThat(route.quantileSeconds(0)).as("a scrape between samples").isBetween(0.999e-3, 1.001e-3);
        for (int i = 0; i < 5; i++)
        {
            route.record(2_000_000);
        }

        latency.sample(1_000, createdNs + SECOND_NS);

        assertThat(route.recent().count()).as("the sample counts what the scrape swapped out").isEqualTo(15);
        assertThat(latency.snapshot().get(ROUTE).getTotalCount()).isEqualTo(15);

        latency.reset();
        for (int i = 0; i < 3; i++)
        {
            route.record(3_000_000);
        }
        final Histogram total = latency.snapshot().get(ROUTE);
        assertThat(total.getTotalCount()).as("only what came after the reset").isEqualTo(3);
        assertThat(total.getMinValue()).isBetween(2_990_000L, 3_010_000L);
        latency.sample(2_000, createdNs + 2 * SECOND_NS);
        assertThat(route.recent().count()).as("the snapshots took nothing from the next sample").isEqualTo(3);
    }
}
