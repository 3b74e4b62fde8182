package io.tailor.scoring.vector;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class DotKernelsTest
{
    private static final int ROWS = 300;

    @Test
    void shouldUseTheVectorApiKernelWhenTheModuleIsInTheBootLayer()
    {
        // jvm.properties adds the module for every test JVM: without it this test and the next could not compare
        // the Vector API kernel with the scalar one, so its absence is a failure, not a reason to skip.
        assertThat(ModuleLayer.boot().findModule(DotKernels.VECTOR_MODULE))
            .as("tests run with --add-modules=jdk.incubator.vector from jvm.properties").isPresent();

        assertThat(DotKernels.best().name()).startsWith("vector-api");
        assertThat(DotKernels.vectorApi()).isNotNull();
    }

    @Test
    void shouldUseTheScalarKernelWithoutTheModule()
    {
        assertThat(DotKernels.select(false)).isSameAs(ScalarDotKernel.INSTANCE);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 7, 8, 9, 15, 16, 31, 32, 63, 64, 65, 72, 100, 128})
    void shouldComputeTheSameBitsWithTheVectorApiAsWithTheScalarKernel(final int d)
    {
        final DotKernel vector = DotKernels.vectorApi();
        final DotKernel scalar = ScalarDotKernel.INSTANCE;
        final SplittableRandom random = new SplittableRandom(d);
        final float[] query = randomVectors(random, 1, d);
        final float[] table = randomVectors(random, ROWS, d);
        final int[] rows = new int[ROWS / 2];
        for (int n = 0; n < rows.length; n++)
        {
            rows[n] = random.nextInt(ROWS);
        }

        final float[] vectorRows = new float[rows.length];
        final float[] scalarRows = new float[rows.length];
        vector.dotRows(query, table, rows, rows.length, d, vectorRows);
        scalar.dotRows(query, table, rows, rows.length, d, scalarRows);
        final float[] vectorPacked = new float[ROWS];
        final float[] scalarPacked = new float[ROWS];
        vector.dotPacked(query, table, ROWS, d, vectorPacked);
        scalar.dotPacked(query, table, ROWS, d, scalarPacked);

        for (int n = 0; n < rows.length; n++)
        {
            final int offset = rows[n] * d;
            assertBitEqual(vectorRows[n], scalarRows[n], "dotRows row " + rows[n]);
            assertBitEqual(vector.dot(query, 0, table, offset, d), scalar.dot(query, 0, table, offset, d),
                "dot row " + rows[n]);
            assertThat(scalarRows[n]).isCloseTo((float)exactDot(query, table, offset, d), within(1e-5f));
        }
        for (int r = 0; r < ROWS; r++)
        {
            assertBitEqual(vectorPacked[r], scalarPacked[r], "dotPacked row " + r);
        }
    }

    @Test
    void shouldComputeTheSameBitsAtAnOffsetInBothArrays()
    {
        final int d = 64;
        final SplittableRandom random = new SplittableRandom(3);
        final float[] a = randomVectors(random, 3, d);
        final float[] b = randomVectors(random, 5, d);

        for (int aOffset = 0; aOffset <= 2 * d; aOffset += 13)
        {
            for (int bOffset = 0; bOffset <= 4 * d; bOffset += 29)
            {
                assertBitEqual(DotKernels.vectorApi().dot(a, aOffset, b, bOffset, d),
                    ScalarDotKernel.INSTANCE.dot(a, aOffset, b, bOffset, d), "offsets " + aOffset + ", " + bOffset);
            }
        }
    }

    private static void assertBitEqual(final float actual, final float expected, final String what)
    {
        assertThat(Float.floatToRawIntBits(actual)).as("%s: %s vs %s", what, actual, expected)
            .isEqualTo(Float.floatToRawIntBits(expected));
    }

    /**
     * Item-vector-like rows: most components zero (feature hashing), the others of both signs and of magnitudes
     * from 1e-3 to 1, so that the order of the sum shows in the last bits and signed zeros occur.
     */
    static float[] randomVectors(final SplittableRandom random, final int rows, final int d)
    {
        final float[] v = new float[rows * d];
        for (int i = 0; i < v.length; i++)
        {
            if (random.nextInt(3) != 0)
            {
                v[i] = (float)(random.nextGaussian() * Math.pow(10, -3 * random.nextDouble()));
            }
        }
        return v;
    }

    static double exactDot(final float[] a, final float[] b, final int bOffset, final int d)
    {
        double sum = 0;
        for (int i = 0; i < d; i++)
        {
            sum += (double)a[i] * b[bOffset + i];
        }
        return sum;
    }
}
