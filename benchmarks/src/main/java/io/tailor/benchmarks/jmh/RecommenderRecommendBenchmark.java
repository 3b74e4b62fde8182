package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
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
 * One whole recommendation in process, as the server's handler makes it once it holds the profile's bytes:
 * decode the profile into a scratch {@link Profile}, then {@link Recommender#recommend} against the item model
 * (issue 3: p99 at most 150 us at 100,000 products). {@link Mode#SampleTime} gives the percentiles.
 * <p>
 * The store is a {@link SyntheticStore} of {@code products} products whose model and profiles come from a
 * month of {@code shoppers} shoppers' sessions replayed through the server's code. Each call takes the next of
 * the shoppers with history, so candidates, profiles and cache misses vary as they would between requests.
 * {@code home} asks for the shopper's personal list; {@code product} asks on the page of the product the
 * shopper viewed last. Explanations are off unless {@code -p explain=true}, as in a request without
 * {@code explain=}.
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class RecommenderRecommendBenchmark
{
    @Param("100000")
    int products;

    @Param("20000")
    int shoppers;

    @Param({"home", "product"})
    String placement;

    @Param("false")
    boolean explain;

    /** With the collaborative factors (taste term and vector top-K candidates) or without, for comparison. */
    @Param({"true", "false"})
    boolean factors;

    private SyntheticStore store;
    private ItemModel model;
    private Placement where;
    private Recommender recommender;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation out = new Recommendation();
    private Profile scratch;
    private byte[][] encoded;
    private int[] pageProducts;
    private int next;

    /** Generates the store and encodes every shopper's profile as the grid stores it. */
    @Setup
    public void setUp()
    {
        store = SyntheticStore.generate(products, shoppers, 42L);
        model = factors ? store.model : store.model.withFactors(ItemFactors.NONE);
        where = Placement.valueOf(placement.toUpperCase(java.util.Locale.ROOT));
        recommender = new Recommender(RankingSettings.DEFAULT);
        scratch = new Profile(SyntheticStore.DIMENSIONS);
        final List<Profile> profiles = store.profiles;
        encoded = new byte[profiles.size()][];
        pageProducts = new int[profiles.size()];
        for (int i = 0; i < profiles.size(); i++)
        {
            final Profile profile = profiles.get(i);
            encoded[i] = ProfileCodec.encode(profile);
            pageProducts[i] = profile.recentCount() > 0 ?
                store.catalog.indexOf(profile.recentKey(profile.recentCount() - 1)) : CatalogSnapshot.MISSING;
            if (pageProducts[i] == CatalogSnapshot.MISSING)
            {
                pageProducts[i] = store.model.globalTop()[0];
            }
        }
    }

    /**
     * Decodes the next shopper's profile and recommends 10 products for the placement.
     *
     * @return the recommendation.
     */
    @Benchmark
    public Recommendation recommend()
    {
        final int shopper = next;
        next = shopper + 1 == encoded.length ? 0 : shopper + 1;
        final Profile profile = ProfileCodec.decode(encoded[shopper], scratch);
        request.reset(SyntheticStore.NOW_MS).placement(where).explain(explain);
        if (where == Placement.PRODUCT)
        {
            request.contextItem(pageProducts[shopper]);
        }
        return recommender.recommend(model, profile, request, out);
    }

    /**
     * The store, for tests.
     *
     * @return the generated store.
     */
    SyntheticStore store()
    {
        return store;
    }
}
