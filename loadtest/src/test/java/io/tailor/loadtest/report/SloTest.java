package io.tailor.loadtest.report;

import io.tailor.loadtest.driver.LoadRecorders;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.data.Offset.offset;

class SloTest
{
    @ParameterizedTest
    @CsvSource({
        "p99=1ms, 99, 1000000",
        "p99.9=2.5ms, 99.9, 2500000",
        "p50=150us, 50, 150000",
        "p50=150µs, 50, 150000",
        "p90=800ns, 90, 800",
        "p99.99=1s, 99.99, 1000000000",
        "max=20ms, 100, 20000000",
        "p100=3ms, 100, 3000000"})
    void shouldParseLatencyObjectives(final String text, final double percentile, final long limitNs)
    {
        final Slo slo = Slo.parse(text);

        assertThat(slo.percentile()).isEqualTo(percentile);
        assertThat(slo.limitNs()).isEqualTo(limitNs);
        assertThat(slo.type()).isNull();
        assertThat(slo.isErrorObjective()).isFalse();
    }

    @Test
    void shouldParseAnObjectiveForOneRequestType()
    {
        final Slo slo = Slo.parse("recommendations:p99=1ms");

        assertThat(slo.type()).isEqualTo("recommendations");
        assertThat(slo.appliesTo("recommendations")).isTrue();
        assertThat(slo.appliesTo("view")).isFalse();
    }

    @ParameterizedTest
    @CsvSource({"errors=0.1%, 0.001", "errors=0.001, 0.001", "errors=0%, 0", "view:errors=5%, 0.05"})
    void shouldParseErrorObjectives(final String text, final double share)
    {
        final Slo slo = Slo.parse(text);

        assertThat(slo.isErrorObjective()).isTrue();
        assertThat(slo.errorShare()).isCloseTo(share, offset(1e-12));
    }

    @ParameterizedTest
    @ValueSource(strings = {"p99", "p99<1ms", "p0=1ms", "p101=1ms", "p99=1", "p99=fast", "q99=1ms", "errors=120%",
        "p99=0ms", ""})
    void shouldRejectMalformedObjectivesWithAMessageSayingTheForm(final String text)
    {
        assertThatThrownBy(() -> Slo.parse(text)).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("SLO");
    }

    @Test
    void shouldMeetALatencyObjectiveOnlyWhenThePercentileIsWithinTheLimit()
    {
        final Histogram latency = LoadRecorders.newHistogram();
        for (int i = 0; i < 990; i++)
        {
            latency.recordValue(200_000);
        }
        for (int i = 0; i < 10; i++)
        {
            latency.recordValue(5_000_000);
        }

        final SloResult p99 = Slo.parse("p99=1ms").evaluate("get", latency, 1000, 0);
        final SloResult p999 = Slo.parse("p99.9=1ms").evaluate("get", latency, 1000, 0);
        final SloResult max = Slo.parse("max=6ms").evaluate("get", latency, 1000, 0);

        assertThat(p99.met()).isTrue();
        assertThat(p99.actual()).isCloseTo(200, offset(1.0));
        assertThat(p999.met()).isFalse();
        assertThat(p999.actual()).isCloseTo(5000, offset(5.0));
        assertThat(max.met()).isTrue();
    }

    @Test
    void shouldMissALatencyObjectiveWithNothingMeasured()
    {
        assertThat(Slo.parse("p99=1ms").evaluate("get", LoadRecorders.newHistogram(), 0, 0).met()).isFalse();
    }

    @Test
    void shouldCompareTheErrorShareWithTheLimit()
    {
        final Histogram none = LoadRecorders.newHistogram();

        assertThat(Slo.parse("errors=1%").evaluate("get", none, 1000, 10).met()).isTrue();
        assertThat(Slo.parse("errors=1%").evaluate("get", none, 1000, 11).met()).isFalse();
    }
}
