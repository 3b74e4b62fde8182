package io.tailor.scoring.rank;

/**
 * Dense vector arithmetic on packed rows, the inner loop of scoring.
 */
public final class VectorMath
{
    private VectorMath()
    {
    }

    /**
     * Dot product of {@code a[aOffset..aOffset+d)} and {@code b[bOffset..bOffset+d)}.
     * <p>
     * Four independent accumulators let the JIT keep several multiply-adds in flight.
     *
     * @param a       first array.
     * @param aOffset start of the first vector.
     * @param b       second array.
     * @param bOffset start of the second vector.
     * @param d       dimension.
     * @return the dot product.
     */
    public static float dot(final float[] a, final int aOffset, final float[] b, final int bOffset, final int d)
    {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < d; i += 4)
        {
            s0 += a[aOffset + i] * b[bOffset + i];
            s1 += a[aOffset + i + 1] * b[bOffset + i + 1];
            s2 += a[aOffset + i + 2] * b[bOffset + i + 2];
            s3 += a[aOffset + i + 3] * b[bOffset + i + 3];
        }
        for (; i < d; i++)
        {
            s0 += a[aOffset + i] * b[bOffset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /**
     * Adds {@code scale * b[bOffset..bOffset+d)} to {@code a[0..d)}.
     *
     * @param a       accumulator.
     * @param b       array holding the vector to add.
     * @param bOffset start of that vector.
     * @param scale   factor.
     * @param d       dimension.
     */
    public static void addScaled(final float[] a, final float[] b, final int bOffset, final float scale, final int d)
    {
        for (int i = 0; i < d; i++)
        {
            a[i] += scale * b[bOffset + i];
        }
    }

    /**
     * Euclidean norm of {@code a[0..d)}.
     *
     * @param a vector.
     * @param d dimension.
     * @return its length.
     */
    public static float norm(final float[] a, final int d)
    {
        return (float)Math.sqrt(dot(a, 0, a, 0, d));
    }
}
