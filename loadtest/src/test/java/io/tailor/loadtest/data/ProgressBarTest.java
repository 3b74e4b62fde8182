package io.tailor.loadtest.data;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressBarTest
{
    @Test
    void shouldShowShareCountsRateAndTimeLeft()
    {
        final String line = ProgressBar.line("events", 250, 1000, "shoppers", 50, "extra", 5_000_000_000L, false);

        assertThat(line).contains("[########----------------------]").contains(" 25%").contains("250/1,000 shoppers")
            .contains("50 shoppers/s").contains("ETA 15s").contains("extra");
    }

    @Test
    void shouldPrintPlainLinesOnlyNowAndThenAndAlwaysTheLastOne()
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final ProgressBar bar = new ProgressBar(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);

        bar.update("events", 1, 10, "x", 1, "", 6_000_000_000L, false);
        bar.update("events", 2, 10, "x", 1, "", 7_000_000_000L, false);
        bar.update("events", 10, 10, "x", 1, "", 8_000_000_000L, true);

        final String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(2);
        assertThat(lines[1]).contains("done in 8.0s");
    }
}
