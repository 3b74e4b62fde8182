package io.tailor.scoring.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class HalfFloatTest
{
    @ParameterizedTest
    @ValueSource(floats = {0f, 1f, -1f, 0.5f, 2f, 65504f, -0.25f, 1024f})
    void shouldRepresentExactlyWhatHalfPrecisionCan(final float value)
    {
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(value))).isEqualTo(value);
    }

    @Test
    void shouldKeepAboutThreeSignificantDigits()
    {
        final SplittableRandom random = new SplittableRandom(1);
        for (int i = 0; i < 10_000; i++)
        {
            final float value = (float)(random.nextDouble(-100, 100));
            final float back = HalfFloat.toFloat(HalfFloat.fromFloat(value));
            assertThat(back).isCloseTo(value, within(Math.abs(value) * 1e-3f + 1e-4f));
        }
    }

    @Test
    void shouldSaturateAndKeepSpecialValues()
    {
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(1e9f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(Float.NaN))).isNaN();
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(1e-9f))).isEqualTo(0f);
        assertThat(HalfFloat.toFloat(HalfFloat.fromFloat(6e-5f))).isCloseTo(6e-5f, within(1e-7f));
    }
}
