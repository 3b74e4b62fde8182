package io.tailor.loadtest.cli;

import io.tailor.loadtest.LoadtestCommand;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CommandLineTest
{
    @ParameterizedTest
    @CsvSource({"30s, PT30S", "2m, PT2M", "500ms, PT0.5S", "250us, PT0.00025S", "1.5s, PT1.5S", "1h, PT1H",
        "PT10S, PT10S"})
    void shouldReadDurationsInShortOrIsoForm(final String text, final String iso)
    {
        assertThat(DurationConverter.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void shouldRejectSomethingThatIsNotADuration()
    {
        assertThatThrownBy(() -> DurationConverter.parse("soon"))
            .isInstanceOf(CommandLine.TypeConversionException.class).hasMessageContaining("30s");
    }

    @Test
    void shouldRefuseAMalformedSloAsBadUsage()
    {
        assertThat(LoadtestCommand.execute("run", "--url", "http://127.0.0.1:1", "--target", "ping", "--slo",
            "p99<1ms")).isEqualTo(2);
    }

    @Test
    void shouldAnswerHelpForEveryCommand()
    {
        assertThat(LoadtestCommand.execute("--help")).isZero();
        assertThat(LoadtestCommand.execute("run", "--help")).isZero();
        assertThat(LoadtestCommand.execute("generate", "--help")).isZero();
    }

    @Test
    void shouldRefuseToSimulateAnExperimentAgainstANodeElsewhereOrWithRatesOutOfRange()
    {
        assertThat(LoadtestCommand.execute("experiment", "--url", "http://192.0.2.1:8080")).isEqualTo(2);
        assertThat(LoadtestCommand.execute("experiment", "--url", "http://127.0.0.1:1", "--treatment-ctr", "1.5"))
            .isEqualTo(2);
        assertThat(LoadtestCommand.execute("experiment", "--help")).isZero();
    }

    @Test
    void shouldFailWithoutAStackTraceWhenNoServerListens()
    {
        // Port 1 on loopback: nothing listens there, the connection is refused at once.
        assertThat(LoadtestCommand.execute("--url", "http://127.0.0.1:1", "--target", "ping", "--duration", "1s",
            "--warmup", "0s", "--quiet")).isEqualTo(1);
    }
}
