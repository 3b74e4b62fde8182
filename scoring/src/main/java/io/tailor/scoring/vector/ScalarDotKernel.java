package io.tailor.scoring.vector;

/**
 * The portable kernel: plain Java, runs on every JVM, used when the Vector API is absent.
 */
public final class ScalarDotKernel implements DotKernel
{
    /** The one instance; the kernel has no state. */
    public static final ScalarDotKernel INSTANCE = new ScalarDotKernel();

    private ScalarDotKernel()
    {
    }

    @Override
    public float dot(final float[] a, final int aOffset, final float[] b, final int bOffset, final int d)
    {
        return VectorMath.dot(a, aOffset, b, bOffset, d);
    }

    @Override
    public void dotRows(final float[] query, final float[] table, final int[] rows, final int count, final int d,
        final float[] out)
    {
        for (int n = 0; n < count; n++)
        {
            out[n] = VectorMath.dot(query, 0, table, rows[n] * d, d);
        }
    }

    @Override
    public void dotPacked(final float[] query, final float[] packed, final int count, final int d, final float[] out)
    {
        for (int n = 0, offset = 0; n < count; n++, offset += d)
        {
            out[n] = VectorMath.dot(query, 0, packed, offset, d);
        }
    }

    @Override
    public String name()
    {
        return "scalar";
    }
}
