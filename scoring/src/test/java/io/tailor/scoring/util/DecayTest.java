package io.tailor.scoring.util;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DecayTest
{
    @Test
    void shouldHalveAfterOneHalfLife()
    {
        assertThat(Decay.factor(1000, 1000)).isCloseTo(0.5, within(1e-12));
        assertThat(Decay.valueAt(8.0, 0, 3000, 1000)).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void shouldNotGrowForNegativeElapsedTime()
    {
        assertThat(Decay.factor(-5000, 1000)).isEqualTo(1.0);
    }
}
