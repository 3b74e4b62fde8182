package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.FactorSearch;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.vector.VectorMath;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The vector top-K candidate source alone: the 32 products nearest a shopper's taste among the 100,000 of a
 * {@link SyntheticStore}, through the factor index with {@code probes} clusters searched ({@code 0}: every
 * cluster, the exact answer). The taste is the recommender's, from the shopper's five latest products.
 * <p>
 * The setup prints the recall of each probe count against the exact answer over the first 2,000 shoppers
 * ({@code recall@32}: the share of the exact 32 found), so time and recall come from one run.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx3g")
@State(Scope.Thread)
public class FactorSearchBenchmark
{
    private static final int WANTED = 32;
    private static final int RECALL_QUERIES = 2_000;

    @Param("100000")
    int products;

    @Param("20000")
    int shoppers;

    @Param({"4", "0"})
    int probes;

    private ItemFactors factors;
    private float[][] tastes;
    private final FactorSearch search = new FactorSearch();
    private final int[] items = new int[WANTED];
    private final float[] scores = new float[WANTED];
    private int next;

    /** Generates the store, builds one taste per shopper and measures the recall of this probe count. */
    @Setup
    public void setUp()
    {
        final SyntheticStore store = SyntheticStore.generate(products, shoppers, 42L);
        factors = store.model.factors();
        final CatalogSnapshot catalog = store.catalog;
        final List<float[]> built = new ArrayList<>();
        for (final Profile profile : store.profiles)
        {
            final float[] taste = new float[factors.rank()];
            int used = 0;
            for (int i = profile.recentCount() - 1; i >= 0 && used < 5; i--)
            {
                final int row = factors.row(catalog.indexOf(profile.recentKey(i)));
                if (row >= 0)
                {
                    VectorMath.addScaled(taste, factors.rows(), row, 1f, factors.rank());
                    used++;
                }
            }
            if (used > 0 && VectorMath.normalize(taste, taste.length))
            {
                built.add(taste);
            }
        }
        tastes = built.toArray(new float[0][]);
        final int searched = probes == 0 ? factors.clusterCount() : probes;
        long found = 0;
        long expected = 0;
        final int[] exact = new int[WANTED];
        final float[] exactScores = new float[WANTED];
        for (int q = 0; q < Math.min(RECALL_QUERIES, tastes.length); q++)
        {
            final int want = search.exact(factors, tastes[q], item -> false, exact, exactScores);
            final int got = search.nearest(factors, tastes[q], searched, item -> false, items, scores);
            expected += want;
            for (int a = 0; a < got; a++)
            {
                for (int b = 0; b < want; b++)
                {
                    if (items[a] == exact[b])
                    {
                        found++;
                        break;
                    }
                }
            }
        }
        System.out.printf(Locale.ROOT, "%nfactor index: %d vectors in %d clusters; probes %d: recall@%d %.3f over %d "
            + "tastes%n", factors.rowCount(), factors.clusterCount(), searched, WANTED,
            expected == 0 ? 0.0 : found / (double)expected, Math.min(RECALL_QUERIES, tastes.length));
    }

    /**
     * The 32 nearest products of the next shopper's taste.
     *
     * @return how many were found.
     */
    @Benchmark
    public int nearest()
    {
        final float[] taste = tastes[next];
        next = next + 1 == tastes.length ? 0 : next + 1;
        return probes == 0 ? search.exact(factors, taste, item -> false, items, scores) :
            search.nearest(factors, taste, probes, item -> false, items, scores);
    }
}
