package io.tailor.scoring.model;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.DecompositionFactory_DDRM;
import org.ejml.interfaces.decomposition.EigenDecomposition_F64;
import org.ejml.interfaces.decomposition.QRDecomposition;

import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * The collaborative part of item vectors: a low-rank factorisation of the "seen together" matrix, and an
 * inverted-file index over it for finding the products nearest a query among all of them.
 * <p>
 * The matrix is the model's neighbour rows made symmetric, {@code S = (A + A^T) / 2}, with {@code A(i,j)} the
 * shrunk co-occurrence cosine of {@link ItemModel#neighborScores}. Its leading eigenvectors are found by
 * randomised subspace iteration (Halko, Martinsson and Tropp, 2011): a random block, {@code iterations}
 * products with {@code S} each followed by a QR orthonormalisation, then the small projected matrix's
 * eigen-decomposition. A product's vector is its row of {@code U sqrt(Lambda)} over the positive eigenvalues,
 * scaled to unit length and then by the evidence behind it, {@code m / (m + 8)} with {@code m} the product's
 * entries in the matrix: the dot product of two vectors then smooths {@code S}, so two products that were never
 * seen together, but were seen with the same others, are close, and a product seen with one other counts
 * little.
 * <p>
 * Products without neighbours (new ones) and sensitive products have no vector; they are reached through
 * content vectors and categories. Sensitive products are left out of the matrix altogether, so they shape
 * nobody's vectors.
 * <p>
 * The index: spherical k-means over the vectors into about {@code sqrt(n)} clusters, the rows stored cluster
 * by cluster so that scoring the members of a cluster reads one contiguous block (rows gathered at random
 * from a large table cost several times more, see benchmarks/RESULTS.md).
 * <p>
 * Immutable. Factors are learnt from one model and carried into later models with {@link #over}: item
 * indices change with the catalog, the rows do not. Nothing stores these vectors (profiles keep content
 * affinity only), so a new factorisation, whose axes are unrelated to the last one's, replaces it at once.
 */
public final class ItemFactors
{
    /** No factors: every product has no collaborative vector. */
    public static final ItemFactors NONE = new ItemFactors(null, 0, new float[0], new int[0], new int[0],
        new float[0], new int[] {0}, 0L);

    private static final DotKernel KERNEL = DotKernels.best();
    private static final int OVERSAMPLE = 8;
    private static final int MAX_CLUSTERS = 2048;
    private static final int KMEANS_ITERATIONS = 6;
    private static final int KMEANS_SAMPLE_PER_CLUSTER = 48;
    private static final long SEED = 0x7a11_0c0f_fee5L;
    /**
     * A vector's length is {@code m / (m + 8)}, {@code m} the product's entries in the matrix: a direction
     * learnt from one or two pairs counts little. Chosen on the validation splits of MovieLens-latest-small and
     * the REES46 sample (NDCG@10 rose with it on both; 32 did slightly better still, but cut the catalog
     * coverage of the lists by a further sixth).
     */
    private static final double SUPPORT_SHRINK = 8.0;

    private final CatalogSnapshot catalog;
    private final int rank;
    private final float[] rows;
    private final int[] position;
    private final int[] rowItem;
    private final float[] centroids;
    private final int[] clusterStart;
    private final long learnedAtMs;

    private ItemFactors(final CatalogSnapshot catalog, final int rank, final float[] rows, final int[] position,
        final int[] rowItem, final float[] centroids, final int[] clusterStart, final long learnedAtMs)
    {
        this.catalog = catalog;
        this.rank = rank;
        this.rows = rows;
        this.position = position;
        this.rowItem = rowItem;
        this.centroids = centroids;
        this.clusterStart = clusterStart;
        this.learnedAtMs = learnedAtMs;
    }

    /**
     * Learns factors from a model's "seen together" rows. Deterministic: the same model and settings give
     * the same factors on every node running the same JDK (a fixed seed, fixed summation orders).
     *
     * @param model    the model; its catalog's indices are the factors' until {@link #over} moves them.
     * @param settings rank and iterations.
     * @return the factors, or {@link #NONE} when off or when too few products have neighbours.
     */
    public static ItemFactors learn(final ItemModel model, final FactorSettings settings)
    {
        final CatalogSnapshot catalog = model.catalog();
        final int size = catalog.size();
        if (!settings.enabled())
        {
            return NONE;
        }
        // Products in the matrix: those with a row or a column, not sensitive. Compact indices keep the dense
        // blocks as small as the evidence, not the catalog.
        final boolean[] inMatrix = new boolean[size];
        for (int i = 0; i < size; i++)
        {
            if (!catalog.sensitive(i))
            {
                for (final int j : model.neighbors(i))
                {
                    if (!catalog.sensitive(j))
                    {
                        inMatrix[i] = true;
                        inMatrix[j] = true;
                    }
                }
            }
        }
        final int[] compact = new int[size];
        int n = 0;
        for (int i = 0; i < size; i++)
        {
            compact[i] = inMatrix[i] ? n++ : -1;
        }
        final int[] members = new int[n];
        for (int i = 0, c = 0; i < size; i++)
        {
            if (compact[i] >= 0)
            {
                members[c++] = i;
            }
        }
        final int k = settings.rank() + OVERSAMPLE;
        if (n < 2 * k)
        {
            return NONE;
        }
        final Matrix matrix = Matrix.of(model, compact, members);

        final SplittableRandom random = new SplittableRandom(SEED);
        double[] block = new double[n * k];
        for (int i = 0; i < block.length; i++)
        {
            block[i] = gaussian(random);
        }
        final double[] product = new double[n * k];
        final QRDecomposition<DMatrixRMaj> qr = DecompositionFactory_DDRM.qr(n, k);
        block = orthonormal(qr, block, n, k);
        for (int it = 0; it < settings.iterations(); it++)
        {
            matrix.multiply(block, k, product);
            block = orthonormal(qr, product, n, k);
        }
        matrix.multiply(block, k, product);
        // B = Q^T S Q, k x k, made exactly symmetric against rounding.
        final DMatrixRMaj projected = new DMatrixRMaj(k, k);
        for (int row = 0; row < n; row++)
        {
            final int base = row * k;
            for (int a = 0; a < k; a++)
            {
                final double q = block[base + a];
                if (q == 0)
                {
                    continue;
                }
                for (int b = 0; b < k; b++)
                {
                    projected.data[a * k + b] += q * product[base + b];
                }
            }
        }
        for (int a = 0; a < k; a++)
        {
            for (int b = a + 1; b < k; b++)
            {
                final double mean = (projected.data[a * k + b] + projected.data[b * k + a]) / 2;
                projected.data[a * k + b] = mean;
                projected.data[b * k + a] = mean;
            }
        }
        final EigenDecomposition_F64<DMatrixRMaj> eigen = DecompositionFactory_DDRM.eig(k, true, true);
        if (!eigen.decompose(projected))
        {
            return NONE;
        }
        final Integer[] order = new Integer[k];
        for (int i = 0; i < k; i++)
        {
            order[i] = i;
        }
        Arrays.sort(order, (l, r) -> Double.compare(eigen.getEigenvalue(r).real, eigen.getEigenvalue(l).real));
        final int rank = settings.rank();
        // Rotation to the leading eigenvectors, scaled by sqrt(lambda); non-positive eigenvalues add nothing.
        final double[] rotation = new double[k * rank];
        for (int r = 0; r < rank; r++)
        {
            final double lambda = eigen.getEigenvalue(order[r]).real;
            if (!(lambda > 0))
            {
                continue;
            }
            final DMatrixRMaj vector = eigen.getEigenVector(order[r]);
            final double scale = Math.sqrt(lambda);
            for (int a = 0; a < k; a++)
            {
                rotation[a * rank + r] = vector.get(a, 0) * scale;
            }
        }
        final float[] vectors = new float[n * rank];
        final boolean[] has = new boolean[n];
        int withVector = 0;
        for (int row = 0; row < n; row++)
        {
            double norm = 0;
            final double[] v = new double[rank];
            for (int a = 0; a < k; a++)
            {
                final double q = block[row * k + a];
                for (int r = 0; r < rank; r++)
                {
                    v[r] += q * rotation[a * rank + r];
                }
            }
            for (int r = 0; r < rank; r++)
            {
                norm += v[r] * v[r];
            }
            if (norm > 1e-18)
            {
                final double inverse = 1 / Math.sqrt(norm) * matrix.degree[row] / (matrix.degree[row] + SUPPORT_SHRINK);
                for (int r = 0; r < rank; r++)
                {
                    vectors[row * rank + r] = (float)(v[r] * inverse);
                }
                has[row] = true;
                withVector++;
            }
        }
        return index(catalog, rank, members, vectors, has, withVector, model.builtAtMs(), random);
    }

    /** Spherical k-means, then the rows packed cluster by cluster. */
    private static ItemFactors index(final CatalogSnapshot catalog, final int rank, final int[] members,
        final float[] vectors, final boolean[] has, final int count, final long learnedAtMs,
        final SplittableRandom random)
    {
        if (count == 0)
        {
            return NONE;
        }
        final int[] withVector = new int[count];
        for (int row = 0, c = 0; row < has.length; row++)
        {
            if (has[row])
            {
                withVector[c++] = row;
            }
        }
        for (int i = count - 1; i > 0; i--)
        {
            final int j = random.nextInt(i + 1);
            final int t = withVector[i];
            withVector[i] = withVector[j];
            withVector[j] = t;
        }
        final int clusters = Math.max(1, Math.min(MAX_CLUSTERS, (int)Math.round(Math.sqrt(count))));
        final float[] centroids = new float[clusters * rank];
        for (int c = 0; c < clusters; c++)
        {
            System.arraycopy(vectors, withVector[c] * rank, centroids, c * rank, rank);
        }
        final int sample = Math.min(count, clusters * KMEANS_SAMPLE_PER_CLUSTER);
        final int[] assigned = new int[count];
        final float[] dots = new float[clusters];
        final float[] query = new float[rank];
        final double[] sums = new double[clusters * rank];
        for (int it = 0; it < KMEANS_ITERATIONS; it++)
        {
            Arrays.fill(sums, 0);
            for (int s = 0; s < sample; s++)
            {
                final int row = withVector[s];
                final int c = nearest(vectors, row * rank, centroids, clusters, rank, query, dots);
                for (int r = 0; r < rank; r++)
                {
                    sums[c * rank + r] += vectors[row * rank + r];
                }
            }
            for (int c = 0; c < clusters; c++)
            {
                double norm = 0;
                for (int r = 0; r < rank; r++)
                {
                    norm += sums[c * rank + r] * sums[c * rank + r];
                }
                // An empty cluster keeps its centroid.
                if (norm > 0)
                {
                    final double inverse = 1 / Math.sqrt(norm);
                    for (int r = 0; r < rank; r++)
                    {
                        centroids[c * rank + r] = (float)(sums[c * rank + r] * inverse);
                    }
                }
            }
        }
        final int[] clusterStart = new int[clusters + 1];
        for (int s = 0; s < count; s++)
        {
            assigned[s] = nearest(vectors, withVector[s] * rank, centroids, clusters, rank, query, dots);
            clusterStart[assigned[s] + 1]++;
        }
        for (int c = 0; c < clusters; c++)
        {
            clusterStart[c + 1] += clusterStart[c];
        }
        final int[] next = Arrays.copyOf(clusterStart, clusters);
        final float[] rows = new float[count * rank];
        final int[] rowItem = new int[count];
        final int[] position = new int[catalog.size()];
        Arrays.fill(position, -1);
        for (int s = 0; s < count; s++)
        {
            final int row = next[assigned[s]]++;
            final int source = withVector[s];
            System.arraycopy(vectors, source * rank, rows, row * rank, rank);
            rowItem[row] = members[source];
            position[members[source]] = row;
        }
        return new ItemFactors(catalog, rank, rows, position, rowItem, centroids, clusterStart, learnedAtMs);
    }

    private static int nearest(final float[] vectors, final int offset, final float[] centroids, final int clusters,
        final int rank, final float[] query, final float[] dots)
    {
        System.arraycopy(vectors, offset, query, 0, rank);
        KERNEL.dotPacked(query, centroids, clusters, rank, dots);
        int best = 0;
        for (int c = 1; c < clusters; c++)
        {
            if (dots[c] > dots[best])
            {
                best = c;
            }
        }
        return best;
    }

    private static double[] orthonormal(final QRDecomposition<DMatrixRMaj> qr, final double[] block, final int n,
        final int k)
    {
        if (!qr.decompose(DMatrixRMaj.wrap(n, k, block)))
        {
            throw new IllegalStateException("QR decomposition failed");
        }
        return qr.getQ(null, true).data;
    }

    private static double gaussian(final SplittableRandom random)
    {
        // Box-Muller: SplittableRandom has no nextGaussian on JDK 17.
        final double u = 1.0 - random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * random.nextDouble());
    }

    /**
     * These factors over another catalog snapshot: the same rows, found by product key. Products that left
     * lose their vector, new ones have none until the next factorisation.
     *
     * @param other the catalog of a newer model.
     * @return factors indexed by {@code other}'s indices; {@code this} when it already is.
     */
    public ItemFactors over(final CatalogSnapshot other)
    {
        if (other == catalog || rank == 0)
        {
            return this;
        }
        final int[] movedPosition = new int[other.size()];
        Arrays.fill(movedPosition, -1);
        final int[] movedRowItem = new int[rowItem.length];
        for (int row = 0; row < rowItem.length; row++)
        {
            final int item = rowItem[row] < 0 ? CatalogSnapshot.MISSING : other.indexOf(catalog.key(rowItem[row]));
            movedRowItem[row] = item == CatalogSnapshot.MISSING ? -1 : item;
            if (item != CatalogSnapshot.MISSING)
            {
                movedPosition[item] = row;
            }
        }
        return new ItemFactors(other, rank, rows, movedPosition, movedRowItem, centroids, clusterStart, learnedAtMs);
    }

    /**
     * The catalog whose indices these factors take.
     *
     * @return the catalog snapshot, {@code null} for {@link #NONE}.
     */
    public CatalogSnapshot catalog()
    {
        return catalog;
    }

    /**
     * Dimensions of a vector.
     *
     * @return the rank; 0 for {@link #NONE}.
     */
    public int rank()
    {
        return rank;
    }

    /**
     * When the model the factors were learnt from was built.
     *
     * @return epoch milliseconds; 0 for {@link #NONE}.
     */
    public long learnedAtMs()
    {
        return learnedAtMs;
    }

    /**
     * Whether these factors are indexed by a catalog's indices.
     *
     * @param snapshot a catalog snapshot.
     * @return whether {@link #row} may be asked with its indices.
     */
    public boolean indexes(final CatalogSnapshot snapshot)
    {
        return rank > 0 && snapshot == catalog;
    }

    /**
     * Where a product's vector starts in {@link #rows()}.
     *
     * @param item product index in the catalog these factors are {@linkplain #over over}.
     * @return the offset in {@link #rows()}, or -1 when the product has no collaborative vector.
     */
    public int row(final int item)
    {
        final int row = item < position.length ? position[item] : -1;
        return row < 0 ? -1 : row * rank;
    }

    /**
     * Every vector, {@link #rank()} floats each, cluster by cluster.
     *
     * @return the shared array; do not modify.
     */
    public float[] rows()
    {
        return rows;
    }

    /**
     * How many vectors there are.
     *
     * @return the number of rows.
     */
    public int rowCount()
    {
        return rowItem.length;
    }

    /**
     * The product of a row.
     *
     * @param row a row number, 0 to {@link #rowCount()}.
     * @return the product index, or -1 when the product left the catalog.
     */
    public int itemOfRow(final int row)
    {
        return rowItem[row];
    }

    /**
     * Clusters of the index.
     *
     * @return how many.
     */
    public int clusterCount()
    {
        return clusterStart.length - 1;
    }

    /**
     * Unit centroids of the clusters, {@link #rank()} floats each.
     *
     * @return the shared array; do not modify.
     */
    public float[] centroids()
    {
        return centroids;
    }

    /**
     * First row of a cluster; its rows are {@code clusterStart(c)} to {@code clusterStart(c + 1)}.
     *
     * @param cluster a cluster, 0 to {@link #clusterCount()} inclusive.
     * @return a row number.
     */
    public int clusterStart(final int cluster)
    {
        return clusterStart[cluster];
    }

    /** The symmetric co-occurrence matrix over compact indices, as adjacency rows. */
    private static final class Matrix
    {
        private final int[][] columns;
        private final float[][] values;
        private final int[] degree;

        private Matrix(final int[][] columns, final float[][] values)
        {
            this.columns = columns;
            this.values = values;
            this.degree = new int[columns.length];
            for (int row = 0; row < columns.length; row++)
            {
                degree[row] += columns[row].length;
                for (final int column : columns[row])
                {
                    degree[column]++;
                }
            }
        }

        static Matrix of(final ItemModel model, final int[] compact, final int[] members)
        {
            final int n = members.length;
            final int[][] columns = new int[n][];
            final float[][] values = new float[n][];
            for (int row = 0; row < n; row++)
            {
                final int[] neighbors = model.neighbors(members[row]);
                final float[] scores = model.neighborScores(members[row]);
                int kept = 0;
                final int[] cols = new int[neighbors.length];
                final float[] vals = new float[neighbors.length];
                for (int t = 0; t < neighbors.length; t++)
                {
                    final int column = compact[neighbors[t]];
                    if (column >= 0)
                    {
                        cols[kept] = column;
                        vals[kept] = scores[t] / 2;
                        kept++;
                    }
                }
                columns[row] = Arrays.copyOf(cols, kept);
                values[row] = Arrays.copyOf(vals, kept);
            }
            return new Matrix(columns, values);
        }

        /** {@code out = S x} for an n x k row-major block; S = (A + A^T) / 2, each entry of A visited once. */
        void multiply(final double[] x, final int k, final double[] out)
        {
            Arrays.fill(out, 0);
            for (int row = 0; row < columns.length; row++)
            {
                final int[] cols = columns[row];
                final float[] vals = values[row];
                final int rowBase = row * k;
                for (int t = 0; t < cols.length; t++)
                {
                    final double a = vals[t];
                    final int colBase = cols[t] * k;
                    for (int c = 0; c < k; c++)
                    {
                        out[rowBase + c] += a * x[colBase + c];
                        out[colBase + c] += a * x[rowBase + c];
                    }
                }
            }
        }
    }
}
