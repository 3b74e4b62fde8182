package io.tailor.server.config;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DurationsTest
{
    @ParameterizedTest
    @CsvSource({
        "250us, PT0.00025S",
        "1ms, PT0.001S",
        "1.5s, PT1.5S",
        "30m, PT30M",
        "2h, PT2H",
        "3d, PT72H",
        "10y, PT87600H",
        "PT1H, PT1H",
        " 7d , PT168H"})
    void shouldReadShortAndIsoForms(final String text, final String iso)
    {
        assertThat(Durations.parse(text)).isEqualTo(Duration.parse(iso));
    }

    @Test
    void shouldSayWhatADurationLooksLikeWhenItIsNotOne()
    {
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(IllegalArgumentException.class)
            .hasMessageContaining("'soon' is not a duration");
    }
}
