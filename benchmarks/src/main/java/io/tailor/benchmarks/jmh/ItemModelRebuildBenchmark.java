package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.ContentVectorizer;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ModelSettings;
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

import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a node's model refresher does after a change: a new catalog snapshot (after a product upload) and a new
 * item model (after either). Each node repeats it, paced at nine times its CPU time, so its cost sets how soon a
 * change shows in recommendations (issue 4: within a second).
 * <p>
 * On a {@link SyntheticStore}: 100,000 products and a month of 20,000 shoppers' sessions, whose co-occurrence
 * rows fill most products' neighbour lists.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx2g")
@State(Scope.Benchmark)
public class ItemModelRebuildBenchmark
{
    @Param("100000")
    int products;

    @Param("20000")
    int shoppers;

    private SyntheticStore store;
    private ContentVectorizer vectorizer;
    private CatalogSnapshot fresh;
    private long version;
    private ItemModel launchedModel;
    private long launched;

    /** Generates the store. */
    @Setup
    public void setUp()
    {
        store = SyntheticStore.generate(products, shoppers, 42L);
        vectorizer = new ContentVectorizer(SyntheticStore.DIMENSIONS);
        fresh = CatalogSnapshot.build(store.products, store.catalog, vectorizer, 2L);
        launchedModel = store.model;
    }

    /**
     * The catalog snapshot from the catalog's products, reusing the previous snapshot as the refresher does.
     *
     * @return the snapshot.
     */
    @Benchmark
    public CatalogSnapshot catalogSnapshot()
    {
        return CatalogSnapshot.build(store.products, store.catalog, vectorizer, ++version);
    }

    /**
     * The item model from the snapshot and the item statistics.
     *
     * @return the model.
     */
    @Benchmark
    public ItemModel itemModel()
    {
        return ItemModel.build(store.catalog, store.evidence, SyntheticStore.NOW_MS, ModelSettings.DEFAULT, ++version);
    }

    /**
     * What every rebuild adds for the collaborative factors: moving the last factors onto a new catalog snapshot
     * by product key.
     *
     * @return the model with the factors.
     */
    @Benchmark
    public ItemModel factorsOverNewCatalog()
    {
        return ItemModel.build(fresh, store.evidence, SyntheticStore.NOW_MS, ModelSettings.DEFAULT, ++version)
            .withFactors(store.model.factors());
    }

    /**
     * A product launch as the refresher applies it between rebuilds: the newest snapshot patched with one new
     * product and the model carried over to it ({@link CatalogSnapshot#patched}, {@link ItemModel#overPatched}).
     * Each call launches one more product into the snapshot the previous call made; run with {@code -prof gc} for
     * the bytes a launch allocates.
     *
     * @return the model over the patched snapshot.
     */
    @Benchmark
    public ItemModel launch()
    {
        final Product template = store.products.get((int)(launched % store.products.size()));
        final Product product = new Product("launch-" + launched++, template.title(), template.category(),
            template.brand(), template.price(), template.attributes(), true, SyntheticStore.NOW_MS, false, null);
        final CatalogSnapshot patched = launchedModel.catalog().patched(List.of(product), vectorizer, ++version);
        launchedModel = launchedModel.overPatched(patched, version);
        return launchedModel;
    }

    /**
     * Learning the collaborative factors from a model (randomised eigen-solver and the cluster index), which
     * the refresher's second thread does once a minute at most.
     *
     * @return the factors.
     */
    @Benchmark
    public ItemFactors factors()
    {
        return ItemFactors.learn(store.model, ModelSettings.DEFAULT.factors());
    }
}
