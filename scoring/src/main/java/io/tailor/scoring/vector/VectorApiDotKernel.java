package io.tailor.scoring.vector;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * The kernel on the incubating Vector API ({@code jdk.incubator.vector}), 8 float lanes (256 bits) wide.
 * <p>
 * Only {@link DotKernels} loads this class, by name and only when the module is in the boot layer, so the rest
 * of scoring neither links against the incubator module nor needs it at run time. The build compiles this
 * one file apart from the others (see {@code scoring/pom.xml}), because javac 17 warns about any use of an
 * incubator module and has no lint option that turns the warning off.
 * <p>
 * Why exactly 8 lanes, and not the widest vectors the CPU has: lane {@code l} of the accumulator sums the
 * products of the components {@code i = l (mod 8)} in ascending {@code i}, and the lanes are then added in a
 * fixed tree, which is precisely {@link VectorMath#dot}'s order. A species as wide as the hardware allows would
 * round differently on different machines, and rankings would depend on the CPU. 256 bits run natively on
 * every x86 CPU with AVX2. On this project's AVX-512 CPU a 512-bit loop with fused multiply-adds and
 * {@code reduceLanes} was no faster on JDK 17 and about 1 us per 1,000 rows faster on JDK 25 (see
 * {@code benchmarks/RESULTS.md}): not worth rankings that differ by machine, since a request scores a few
 * hundred candidates. Multiplications and additions stay separate (no fused multiply-add) for the same reason.
 * <p>
 * At the default dimension, 64, the rows are scored by a loop that keeps the query in eight registers; at the
 * factors' default rank, 32, by one that keeps it in four (the generic loop, a {@link #dot} per row, cost about
 * twice as much per row: it reloads the query and adds the lanes in a second loop).
 * <p>
 * The lanes are added as {@code ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7))}, as {@link VectorMath#dot}
 * adds its accumulators: swap the halves and add, swap the pairs and add, swap the neighbours and add. That
 * sequence is written out in each loop rather than in a helper method on purpose: when C2 declines to inline
 * such a helper, the vector passed to it is boxed, and the packed loop was measured allocating 64 bytes per
 * row and running at half speed.
 * <p>
 * Keep every {@code FloatVector} in the process 256 bits wide. The Vector API's own call sites (such as the
 * one behind {@code add}) share their type profiles between all callers; in an experiment where the same JVM
 * had also run 128-bit vectors, C2 found those sites polymorphic, stopped inlining them, and the loop boxed
 * 144 bytes per row in 6 forks of 10.
 */
final class VectorApiDotKernel implements DotKernel
{
    private static final VectorSpecies<Float> SPECIES = FloatVector.SPECIES_256;
    private static final int LANES = 8;
    private static final int UNROLLED_DIMENSION = 64;
    /** The collaborative factors' default rank ({@code FactorSettings}): the taste term and the factor search. */
    private static final int UNROLLED_RANK = 32;
    private static final VectorShuffle<Float> SWAP_HALVES = VectorShuffle.fromValues(SPECIES, 4, 5, 6, 7, 0, 1, 2, 3);
    private static final VectorShuffle<Float> SWAP_PAIRS = VectorShuffle.fromValues(SPECIES, 2, 3, 0, 1, 6, 7, 4, 5);
    private static final VectorShuffle<Float> SWAP_NEIGHBOURS =
        VectorShuffle.fromValues(SPECIES, 1, 0, 3, 2, 5, 4, 7, 6);

    /** For {@link DotKernels}, which creates it reflectively. */
    VectorApiDotKernel()
    {
    }

    /**
     * Whether this CPU runs 256-bit float vectors in hardware; without that every operation would fall back to
     * a Java emulation far slower than the scalar kernel.
     *
     * @return true when this kernel is worth using.
     */
    static boolean supported()
    {
        return FloatVector.SPECIES_PREFERRED.vectorBitSize() >= SPECIES.vectorBitSize();
    }

    @Override
    public float dot(final float[] a, final int aOffset, final float[] b, final int bOffset, final int d)
    {
        if (d < LANES)
        {
            return VectorMath.dot(a, aOffset, b, bOffset, d);
        }
        final int vectorEnd = d & -LANES;
        FloatVector sum = FloatVector.fromArray(SPECIES, a, aOffset).mul(FloatVector.fromArray(SPECIES, b, bOffset));
        for (int i = LANES; i < vectorEnd; i += LANES)
        {
            sum = sum.add(FloatVector.fromArray(SPECIES, a, aOffset + i)
                .mul(FloatVector.fromArray(SPECIES, b, bOffset + i)));
        }
        final FloatVector halves = sum.add(sum.rearrange(SWAP_HALVES));
        final FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
        float result = pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
        for (int i = vectorEnd; i < d; i++)
        {
            result += a[aOffset + i] * b[bOffset + i];
        }
        return result;
    }

    @Override
    public void dotRows(final float[] query, final float[] table, final int[] rows, final int count, final int d,
        final float[] out)
    {
        if (d == UNROLLED_DIMENSION)
        {
            dotRows64(query, table, rows, count, out);
            return;
        }
        if (d == UNROLLED_RANK)
        {
            dotRows32(query, table, rows, count, out);
            return;
        }
        for (int n = 0; n < count; n++)
        {
            out[n] = dot(query, 0, table, rows[n] * d, d);
        }
    }

    @Override
    public void dotPacked(final float[] query, final float[] packed, final int count, final int d, final float[] out)
    {
        if (d == UNROLLED_DIMENSION)
        {
            dotPacked64(query, packed, count, out);
            return;
        }
        if (d == UNROLLED_RANK)
        {
            dotPacked32(query, packed, count, out);
            return;
        }
        for (int n = 0, offset = 0; n < count; n++, offset += d)
        {
            out[n] = dot(query, 0, packed, offset, d);
        }
    }

    @Override
    public String name()
    {
        return "vector-api-" + SPECIES.vectorBitSize();
    }

    private static void dotRows64(final float[] query, final float[] table, final int[] rows, final int count,
        final float[] out)
    {
        final FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
        final FloatVector q1 = FloatVector.fromArray(SPECIES, query, 8);
        final FloatVector q2 = FloatVector.fromArray(SPECIES, query, 16);
        final FloatVector q3 = FloatVector.fromArray(SPECIES, query, 24);
        final FloatVector q4 = FloatVector.fromArray(SPECIES, query, 32);
        final FloatVector q5 = FloatVector.fromArray(SPECIES, query, 40);
        final FloatVector q6 = FloatVector.fromArray(SPECIES, query, 48);
        final FloatVector q7 = FloatVector.fromArray(SPECIES, query, 56);
        for (int n = 0; n < count; n++)
        {
            final int row = rows[n] * UNROLLED_DIMENSION;
            FloatVector sum = q0.mul(FloatVector.fromArray(SPECIES, table, row));
            sum = sum.add(q1.mul(FloatVector.fromArray(SPECIES, table, row + 8)));
            sum = sum.add(q2.mul(FloatVector.fromArray(SPECIES, table, row + 16)));
            sum = sum.add(q3.mul(FloatVector.fromArray(SPECIES, table, row + 24)));
            sum = sum.add(q4.mul(FloatVector.fromArray(SPECIES, table, row + 32)));
            sum = sum.add(q5.mul(FloatVector.fromArray(SPECIES, table, row + 40)));
            sum = sum.add(q6.mul(FloatVector.fromArray(SPECIES, table, row + 48)));
            sum = sum.add(q7.mul(FloatVector.fromArray(SPECIES, table, row + 56)));
            final FloatVector halves = sum.add(sum.rearrange(SWAP_HALVES));
            final FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
            out[n] = pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
        }
    }

    private static void dotPacked64(final float[] query, final float[] packed, final int count, final float[] out)
    {
        final FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
        final FloatVector q1 = FloatVector.fromArray(SPECIES, query, 8);
        final FloatVector q2 = FloatVector.fromArray(SPECIES, query, 16);
        final FloatVector q3 = FloatVector.fromArray(SPECIES, query, 24);
        final FloatVector q4 = FloatVector.fromArray(SPECIES, query, 32);
        final FloatVector q5 = FloatVector.fromArray(SPECIES, query, 40);
        final FloatVector q6 = FloatVector.fromArray(SPECIES, query, 48);
        final FloatVector q7 = FloatVector.fromArray(SPECIES, query, 56);
        for (int n = 0, row = 0; n < count; n++, row += UNROLLED_DIMENSION)
        {
            FloatVector sum = q0.mul(FloatVector.fromArray(SPECIES, packed, row));
            sum = sum.add(q1.mul(FloatVector.fromArray(SPECIES, packed, row + 8)));
            sum = sum.add(q2.mul(FloatVector.fromArray(SPECIES, packed, row + 16)));
            sum = sum.add(q3.mul(FloatVector.fromArray(SPECIES, packed, row + 24)));
            sum = sum.add(q4.mul(FloatVector.fromArray(SPECIES, packed, row + 32)));
            sum = sum.add(q5.mul(FloatVector.fromArray(SPECIES, packed, row + 40)));
            sum = sum.add(q6.mul(FloatVector.fromArray(SPECIES, packed, row + 48)));
            sum = sum.add(q7.mul(FloatVector.fromArray(SPECIES, packed, row + 56)));
            final FloatVector halves = sum.add(sum.rearrange(SWAP_HALVES));
            final FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
            out[n] = pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
        }
    }

    private static void dotRows32(final float[] query, final float[] table, final int[] rows, final int count,
        final float[] out)
    {
        final FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
        final FloatVector q1 = FloatVector.fromArray(SPECIES, query, 8);
        final FloatVector q2 = FloatVector.fromArray(SPECIES, query, 16);
        final FloatVector q3 = FloatVector.fromArray(SPECIES, query, 24);
        for (int n = 0; n < count; n++)
        {
            final int row = rows[n] * UNROLLED_RANK;
            FloatVector sum = q0.mul(FloatVector.fromArray(SPECIES, table, row));
            sum = sum.add(q1.mul(FloatVector.fromArray(SPECIES, table, row + 8)));
            sum = sum.add(q2.mul(FloatVector.fromArray(SPECIES, table, row + 16)));
            sum = sum.add(q3.mul(FloatVector.fromArray(SPECIES, table, row + 24)));
            final FloatVector halves = sum.add(sum.rearrange(SWAP_HALVES));
            final FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
            out[n] = pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
        }
    }

    private static void dotPacked32(final float[] query, final float[] packed, final int count, final float[] out)
    {
        final FloatVector q0 = FloatVector.fromArray(SPECIES, query, 0);
        final FloatVector q1 = FloatVector.fromArray(SPECIES, query, 8);
        final FloatVector q2 = FloatVector.fromArray(SPECIES, query, 16);
        final FloatVector q3 = FloatVector.fromArray(SPECIES, query, 24);
        for (int n = 0, row = 0; n < count; n++, row += UNROLLED_RANK)
        {
            FloatVector sum = q0.mul(FloatVector.fromArray(SPECIES, packed, row));
            sum = sum.add(q1.mul(FloatVector.fromArray(SPECIES, packed, row + 8)));
            sum = sum.add(q2.mul(FloatVector.fromArray(SPECIES, packed, row + 16)));
            sum = sum.add(q3.mul(FloatVector.fromArray(SPECIES, packed, row + 24)));
            final FloatVector halves = sum.add(sum.rearrange(SWAP_HALVES));
            final FloatVector pairs = halves.add(halves.rearrange(SWAP_PAIRS));
            out[n] = pairs.add(pairs.rearrange(SWAP_NEIGHBOURS)).lane(0);
        }
    }
}
