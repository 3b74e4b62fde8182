package io.tailor.scoring.vector;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class VectorMathTest
{
    @ParameterizedTest
    @ValueSource(ints = {1, 5, 8, 12, 16, 64, 67})
    void shouldSumInTheDocumentedOrder(final int d)
    {
        final SplittableRandom random = new SplittableRandom(d);
        for (int trial = 0; trial < 200; trial++)
        {
            final float[] a = DotKernelsTest.randomVectors(random, 1, d);
            final float[] b = DotKernelsTest.randomVectors(random, 2, d);

            assertThat(Float.floatToRawIntBits(VectorMath.dot(a, 0, b, d, d)))
                .isEqualTo(Float.floatToRawIntBits(documentedOrder(a, b, d, d)));
        }
    }

    /** VectorMath.dot's contract written out plainly, lane by lane. */
    private static float documentedOrder(final float[] a, final float[] b, final int bOffset, final int d)
    {
        if (d < 8)
        {
            float sum = 0f;
            for (int i = 0; i < d; i++)
            {
                sum += a[i] * b[bOffset + i];
            }
            return sum;
        }
        final float[] s = new float[8];
        final int blocks = d / 8 * 8;
        for (int l = 0; l < 8; l++)
        {
            s[l] = a[l] * b[bOffset + l];
            for (int i = l + 8; i < blocks; i += 8)
            {
                s[l] += a[i] * b[bOffset + i];
            }
        }
        float sum = ((s[0] + s[4]) + (s[2] + s[6])) + ((s[1] + s[5]) + (s[3] + s[7]));
        for (int i = blocks; i < d; i++)
        {
            sum += a[i] * b[bOffset + i];
        }
        return sum;
    }
}
