package io.tailor.server.json;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;

class ScoreTextTest
{
    @ParameterizedTest
    @CsvSource({
        "0, 0",
        "1, 1",
        "-2, -2",
        "0.5, 0.5",
        "3.25, 3.25",
        "12.000001, 12.000001",
        "0.1234567, 0.123457",
        "123456.5, 123456.5",
        "0.00001, 0.00001",
    })
    void shouldWriteAScoreWithAtMostSixDecimalsAsJavaReadsIt(final float value, final String text)
    {
        final byte[] out = new byte[3 + ScoreText.MAX_LENGTH];

        final int length = ScoreText.write(value, out, 3);

        final String written = new String(out, 3, length, StandardCharsets.US_ASCII);
        assertThat(written).isEqualTo(text);
        assertThat(out[0]).as("nothing before the offset").isZero();
        assertThat(Double.parseDouble(written)).isCloseTo(value, org.assertj.core.data.Offset
            .offset(5e-7 + Math.abs(value) * 1e-7));
    }

    @ParameterizedTest
    @CsvSource({"NaN", "Infinity", "-Infinity", "1e13", "0.000001", "-0.000003", "-0.0000004"})
    void shouldLeaveWhatSixDecimalsCannotSayToTheCaller(final float value)
    {
        assertThat(ScoreText.write(value, new byte[ScoreText.MAX_LENGTH], 0)).isZero();
    }
}
