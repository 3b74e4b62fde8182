package io.tailor.scoring.vector;

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
     * The order of the sum is part of the contract, because a ranking must not depend on the kernel that
     * computes it (see {@link DotKernel}). With {@code p(i) = a[aOffset+i] * b[bOffset+i]}, each product and each
     * sum rounded to float (no fused multiply-add):
     * <pre>
     *   d &lt; 8:  ((0 + p(0)) + p(1)) + ... + p(d-1)
     *   d &gt;= 8: s(l) = ((p(l) + p(l+8)) + p(l+16)) + ...      over i = l (mod 8), i &lt; 8 * (d / 8), l = 0..7
     *           ((s(0) + s(4)) + (s(2) + s(6))) + ((s(1) + s(5)) + (s(3) + s(7))), then + p(i) for the last d mod 8
     * </pre>
     * That is the order of an 8-lane vector loop, so the Vector API kernel of {@link DotKernels#best()} computes
     * the same bits; here the eight independent accumulators also let the JIT keep several additions in flight.
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
        if (d < 8)
        {
            float sum = 0f;
            for (int i = 0; i < d; i++)
            {
                sum += a[aOffset + i] * b[bOffset + i];
            }
            return sum;
        }
        float s0 = a[aOffset] * b[bOffset];
        float s1 = a[aOffset + 1] * b[bOffset + 1];
        float s2 = a[aOffset + 2] * b[bOffset + 2];
        float s3 = a[aOffset + 3] * b[bOffset + 3];
        float s4 = a[aOffset + 4] * b[bOffset + 4];
        float s5 = a[aOffset + 5] * b[bOffset + 5];
        float s6 = a[aOffset + 6] * b[bOffset + 6];
        float s7 = a[aOffset + 7] * b[bOffset + 7];
        int i = 8;
        for (; i + 7 < d; i += 8)
        {
            final int ai = aOffset + i;
            final int bi = bOffset + i;
            s0 += a[ai] * b[bi];
            s1 += a[ai + 1] * b[bi + 1];
            s2 += a[ai + 2] * b[bi + 2];
            s3 += a[ai + 3] * b[bi + 3];
            s4 += a[ai + 4] * b[bi + 4];
            s5 += a[ai + 5] * b[bi + 5];
            s6 += a[ai + 6] * b[bi + 6];
            s7 += a[ai + 7] * b[bi + 7];
        }
        float sum = ((s0 + s4) + (s2 + s6)) + ((s1 + s5) + (s3 + s7));
        for (; i < d; i++)
        {
            sum += a[aOffset + i] * b[bOffset + i];
        }
        return sum;
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

    /**
     * Scales {@code a[0..d)} to unit length, unless it is (nearly) zero.
     *
     * @param a vector, changed in place.
     * @param d dimension.
     * @return false, leaving {@code a} unchanged, when its squared length is at most 1e-12.
     */
    public static boolean normalize(final float[] a, final int d)
    {
        final float squared = dot(a, 0, a, 0, d);
        if (!(squared > 1e-12f))
        {
            return false;
        }
        final float scale = (float)(1.0 / Math.sqrt(squared));
        for (int i = 0; i < d; i++)
        {
            a[i] *= scale;
        }
        return true;
    }
}
