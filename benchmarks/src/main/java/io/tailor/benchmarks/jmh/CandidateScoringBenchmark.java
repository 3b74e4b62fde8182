package io.tailor.benchmarks.jmh;

import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import io.tailor.scoring.vector.ScalarDotKernel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Scoring {@code candidates} item vectors of dimension {@code d} against a query and selecting the top 10
 * (issue 3: 1,000 candidates at d = 64 in at most 10 us, aim at 4 us).
 * <p>
 * Two memory layouts: <b>packed</b>, the candidates' rows one after the other in a small array that stays in
 * the L1/L2 caches; and <b>gathered</b>, the rows picked at random from a table of {@code tableRows} products
 * (100,000 x 64 floats = 25.6 MB, about the size of the L3 cache), a new random set every call, as the
 * server's candidates are. Four kernels: the naive loop (the baseline), the 4-way unrolled loop the project
 * started with, the portable scalar kernel of production ({@link ScalarDotKernel}, 8 accumulators) and the
 * Vector API kernel of production ({@link DotKernels#vectorApi()}; needs {@code --add-modules
 * jdk.incubator.vector}, which {@code ./tailor bench} passes from {@code jvm.properties}).
 * {@code gatherThenPacked} copies the gathered rows into a packed block first and scores that: it shows what
 * packing per request costs, against scoring the rows where they are.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(2)
@State(Scope.Thread)
public class CandidateScoringBenchmark
{
    /** Random candidate sets cycled through by the gathered cases, so each call reads rows it did not just read. */
    private static final int CANDIDATE_SETS = 256;
    private static final int TOP = 10;

    @Param("1000")
    int candidates;

    @Param("64")
    int d;

    @Param("100000")
    int tableRows;

    private float[] query;
    private float[] packed;
    private float[] table;
    private int[][] candidateSets;
    private int nextSet;
    private float[] scores;
    private float[] selectionScores;
    private float[] gathered;
    private TopK top;
    private DotKernel scalar;
    private DotKernel vectorApi;

    /** Builds the query, the packed block, the table and the random candidate sets. */
    @Setup
    public void setUp()
    {
        final SplittableRandom random = new SplittableRandom(42);
        query = unitRows(random, 1, d);
        packed = unitRows(random, candidates, d);
        table = unitRows(random, tableRows, d);
        candidateSets = new int[CANDIDATE_SETS][candidates];
        for (final int[] set : candidateSets)
        {
            for (int n = 0; n < candidates; n++)
            {
                set[n] = random.nextInt(tableRows);
            }
        }
        scores = new float[candidates];
        selectionScores = new float[candidates];
        ScalarDotKernel.INSTANCE.dotPacked(query, packed, candidates, d, selectionScores);
        gathered = new float[candidates * d];
        top = new TopK(TOP);
        scalar = ScalarDotKernel.INSTANCE;
        vectorApi = DotKernels.vectorApi();
        if (vectorApi == null)
        {
            throw new IllegalStateException("the vectorApi cases need --add-modules=jdk.incubator.vector " +
                "(./tailor bench passes it from jvm.properties); exclude them with -e vectorApi");
        }
    }

    /**
     * Baseline: one accumulator, one multiply-add after the other.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int naivePacked()
    {
        final float[] q = query;
        final float[] rows = packed;
        final int dimension = d;
        for (int n = 0, offset = 0; n < candidates; n++, offset += dimension)
        {
            scores[n] = naiveDot(q, rows, offset, dimension);
        }
        return top.select(scores, candidates);
    }

    /**
     * The 4-way unrolled loop {@code VectorMath.dot} had before the Vector API kernel.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int unrolledPacked()
    {
        final float[] q = query;
        final float[] rows = packed;
        final int dimension = d;
        for (int n = 0, offset = 0; n < candidates; n++, offset += dimension)
        {
            scores[n] = unrolledDot(q, rows, offset, dimension);
        }
        return top.select(scores, candidates);
    }

    /**
     * Production's portable kernel (8 accumulators).
     *
     * @return the best candidate.
     */
    @Benchmark
    public int scalarKernelPacked()
    {
        scalar.dotPacked(query, packed, candidates, d, scores);
        return top.select(scores, candidates);
    }

    /**
     * Production's Vector API kernel.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int vectorApiPacked()
    {
        vectorApi.dotPacked(query, packed, candidates, d, scores);
        return top.select(scores, candidates);
    }

    /**
     * The top-10 selection alone, over scores computed once in set-up: what every other case adds to scoring.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int selectTopOnly()
    {
        return top.select(selectionScores, candidates);
    }

    /**
     * Baseline on rows gathered at random from the large table.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int naiveGathered()
    {
        final int[] rows = nextCandidates();
        final float[] q = query;
        final float[] vectors = table;
        final int dimension = d;
        for (int n = 0; n < candidates; n++)
        {
            scores[n] = naiveDot(q, vectors, rows[n] * dimension, dimension);
        }
        return top.select(scores, candidates);
    }

    /**
     * The old 4-way unrolled loop on gathered rows.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int unrolledGathered()
    {
        final int[] rows = nextCandidates();
        final float[] q = query;
        final float[] vectors = table;
        final int dimension = d;
        for (int n = 0; n < candidates; n++)
        {
            scores[n] = unrolledDot(q, vectors, rows[n] * dimension, dimension);
        }
        return top.select(scores, candidates);
    }

    /**
     * Production's portable kernel on gathered rows.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int scalarKernelGathered()
    {
        scalar.dotRows(query, table, nextCandidates(), candidates, d, scores);
        return top.select(scores, candidates);
    }

    /**
     * Production's Vector API kernel on gathered rows: what the recommender does.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int vectorApiGathered()
    {
        vectorApi.dotRows(query, table, nextCandidates(), candidates, d, scores);
        return top.select(scores, candidates);
    }

    /**
     * Copies the gathered rows into a packed block, then scores the block with the Vector API kernel.
     *
     * @return the best candidate.
     */
    @Benchmark
    public int vectorApiGatherThenPacked()
    {
        final int[] rows = nextCandidates();
        final int dimension = d;
        for (int n = 0; n < candidates; n++)
        {
            System.arraycopy(table, rows[n] * dimension, gathered, n * dimension, dimension);
        }
        vectorApi.dotPacked(query, gathered, candidates, dimension, scores);
        return top.select(scores, candidates);
    }

    /**
     * The selection of the last call, for tests.
     *
     * @return the top 10.
     */
    TopK top()
    {
        return top;
    }

    static float naiveDot(final float[] q, final float[] rows, final int offset, final int d)
    {
        float sum = 0f;
        for (int i = 0; i < d; i++)
        {
            sum += q[i] * rows[offset + i];
        }
        return sum;
    }

    /** {@code VectorMath.dot} as it was before this benchmark: four accumulators. */
    static float unrolledDot(final float[] q, final float[] rows, final int offset, final int d)
    {
        float s0 = 0f;
        float s1 = 0f;
        float s2 = 0f;
        float s3 = 0f;
        int i = 0;
        for (; i + 3 < d; i += 4)
        {
            s0 += q[i] * rows[offset + i];
            s1 += q[i + 1] * rows[offset + i + 1];
            s2 += q[i + 2] * rows[offset + i + 2];
            s3 += q[i + 3] * rows[offset + i + 3];
        }
        for (; i < d; i++)
        {
            s0 += q[i] * rows[offset + i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    private int[] nextCandidates()
    {
        final int[] rows = candidateSets[nextSet];
        nextSet = (nextSet + 1) & (CANDIDATE_SETS - 1);
        return rows;
    }

    /** Rows of random unit vectors with components of both signs, packed. */
    static float[] unitRows(final SplittableRandom random, final int rows, final int d)
    {
        final float[] v = new float[rows * d];
        for (int r = 0; r < rows; r++)
        {
            double sum = 0;
            for (int i = 0; i < d; i++)
            {
                final float x = (float)random.nextGaussian();
                v[r * d + i] = x;
                sum += x * x;
            }
            final float scale = (float)(1.0 / Math.sqrt(sum));
            for (int i = 0; i < d; i++)
            {
                v[r * d + i] *= scale;
            }
        }
        return v;
    }
}
