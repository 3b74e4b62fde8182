package io.tailor.loadtest.driver;

import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ClientStallMeterTest
{
    @Test
    void shouldCountTheGeneratorsOwnGcPauses()
    {
        try (ClientStallMeter meter = new ClientStallMeter())
        {
            final Histogram pauses = LoadRecorders.newHistogram();
            System.gc();

            await().atMost(Duration.ofSeconds(10)).until(() ->
            {
                pauses.add(meter.intervalGcPauses(null));
                return pauses.getTotalCount() > 0;
            });
        }
    }

    @Test
    void shouldRecordTheSleepsAStallHidAsWellAsTheStall()
    {
        try (ClientStallMeter meter = new ClientStallMeter())
        {
            meter.record(ClientStallMeter.RESOLUTION_NS + TimeUnit.MILLISECONDS.toNanos(40));

            final Histogram hiccups = meter.intervalHiccups(null);
            assertThat(hiccups.getMaxValue()).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(39));
            // coordinated omission: the 39 sleeps due during the 40 ms would have waited 39, 38, ... 1 ms
            assertThat(hiccups.getCountBetweenValues(TimeUnit.MILLISECONDS.toNanos(20),
                TimeUnit.MILLISECONDS.toNanos(41))).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void shouldTakeStopTheWorldCollectorsOnlyForPauses()
    {
        assertThat(ClientStallMeter.pauses("G1 Young Generation")).isTrue();
        assertThat(ClientStallMeter.pauses("G1 Old Generation")).isTrue();
        assertThat(ClientStallMeter.pauses("ZGC Pauses")).isTrue();
        assertThat(ClientStallMeter.pauses("ZGC Minor Pauses")).isTrue();
        assertThat(ClientStallMeter.pauses("G1 Concurrent GC")).as("Remark and Cleanup, JDK 20+").isTrue();
        assertThat(ClientStallMeter.pauses("ZGC Cycles")).isFalse();
        assertThat(ClientStallMeter.pauses("ZGC Major Cycles")).isFalse();
        assertThat(ClientStallMeter.pauses("Shenandoah Cycles")).isFalse();
    }
}
