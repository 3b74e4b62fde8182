package io.tailor.scoring.model;

import io.tailor.scoring.util.BestFirst;
import io.tailor.scoring.vector.DotKernel;
import io.tailor.scoring.vector.DotKernels;

import java.util.function.IntPredicate;

/**
 * Finds the products whose collaborative vectors are nearest a query ("vector top-K") through the cluster
 * index of {@link ItemFactors}: the query is scored against every centroid, then against the rows of the
 * {@code probes} nearest clusters, each cluster one contiguous block. With every cluster probed the answer is
 * exact; with a few it is approximate, and much cheaper (benchmarks/RESULTS.md gives the recall).
 * <p>
 * Keeps its scratch arrays between calls: one per thread, like the recommender that owns it. No allocation
 * once the arrays have grown to the index's largest cluster.
 */
public final class FactorSearch
{
    private static final DotKernel KERNEL = DotKernels.best();

    private float[] clusterDots = new float[0];
    private int[] probeClusters = new int[0];
    private float[] probeDots = new float[0];
    private int[] rows = new int[0];
    private float[] rowDots = new float[0];

    /**
     * The best products by {@code query . vector}, best first.
     *
     * @param factors the factors, with their index.
     * @param query   a vector of {@link ItemFactors#rank()} floats.
     * @param probes  how many clusters to search, at least 1.
     * @param skip    products that must not be returned (already listed, excluded); asked only of products
     *                good enough to make the list, so it may be slow-ish.
     * @param items   receives product indices of {@code factors}' catalog; its length is how many are wanted.
     * @param scores  receives their dot products, aligned with {@code items}.
     * @return how many were found, at most {@code items.length}.
     */
    public int nearest(final ItemFactors factors, final float[] query, final int probes, final IntPredicate skip,
        final int[] items, final float[] scores)
    {
        final int rank = factors.rank();
        final int clusters = factors.clusterCount();
        if (rank == 0 || clusters == 0 || items.length == 0)
        {
            return 0;
        }
        if (clusterDots.length < clusters)
        {
            clusterDots = new float[clusters];
        }
        if (probeClusters.length < probes)
        {
            probeClusters = new int[probes];
            probeDots = new float[probes];
        }
        KERNEL.dotPacked(query, factors.centroids(), clusters, rank, clusterDots);
        int probed = 0;
        for (int c = 0; c < clusters; c++)
        {
            probed = BestFirst.offer(probeClusters, probeDots, probed, probes, c, clusterDots[c]);
        }
        final int wanted = items.length;
        int count = 0;
        for (int p = 0; p < probed; p++)
        {
            final int start = factors.clusterStart(probeClusters[p]);
            final int size = factors.clusterStart(probeClusters[p] + 1) - start;
            if (rows.length < size)
            {
                rows = new int[size];
                rowDots = new float[size];
            }
            for (int r = 0; r < size; r++)
            {
                rows[r] = start + r;
            }
            KERNEL.dotRows(query, factors.rows(), rows, size, rank, rowDots);
            for (int r = 0; r < size; r++)
            {
                // The score first: most rows do not make the list, and the caller's arrays are read at random.
                final float dot = rowDots[r];
                if (count == wanted && dot <= scores[wanted - 1])
                {
                    continue;
                }
                final int item = factors.itemOfRow(start + r);
                if (item < 0 || skip.test(item))
                {
                    continue;
                }
                count = BestFirst.offer(items, scores, count, wanted, item, dot);
            }
        }
        return count;
    }

    /**
     * The exact answer, scoring every vector: the reference that approximate searches are measured against.
     *
     * @param factors the factors.
     * @param query   a vector of {@link ItemFactors#rank()} floats.
     * @param skip    products that must not be returned.
     * @param items   receives product indices, best first; its length is how many are wanted.
     * @param scores  receives their dot products.
     * @return how many were found.
     */
    public int exact(final ItemFactors factors, final float[] query, final IntPredicate skip, final int[] items,
        final float[] scores)
    {
        return nearest(factors, query, Math.max(1, factors.clusterCount()), skip, items, scores);
    }
}
