package io.tailor.benchmarks.jmh;

import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
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
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * One re-rank of a supplied list in process ({@code POST /v1/rerank} once the handler holds the profile's
 * bytes): decode the profile, then {@link Recommender#rerank} of {@code items} products (issue 16: p50 at most
 * 150 us and p99 at most 1 ms at 500 items). The lists are search results as a search engine might return them:
 * {@value #LISTS} fixed lists, each {@code items} distinct products drawn from a few neighbouring stretches of
 * the catalog (the synthetic store lays categories out in runs), taken in turn with the next shopper with history.
 * <pre>
 *   ./tailor bench RerankBenchmark -prof gc
 * </pre>
 */
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
@State(Scope.Thread)
public class RerankBenchmark
{
    static final int LISTS = 64;

    @Param("100000")
    int products;

    @Param("20000")
    int shoppers;

    @Param("500")
    int items;

    @Param("false")
    boolean explain;

    private ItemModel model;
    private Recommender recommender;
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation out = new Recommendation();
    private final int[] removedBy = new int[RecommendationRequest.MAX_RERANK];
    private Profile scratch;
    private byte[][] encoded;
    private int[][] lists;
    private int next;

    /** Generates the store, encodes every shopper's profile as the grid stores it and draws the lists. */
    @Setup
    public void setUp()
    {
        final SyntheticStore store = SyntheticStore.generate(products, shoppers, 42L);
        model = store.model;
        recommender = new Recommender(RankingSettings.DEFAULT);
        scratch = new Profile(SyntheticStore.DIMENSIONS);
        final List<Profile> profiles = store.profiles;
        encoded = new byte[profiles.size()][];
        for (int i = 0; i < profiles.size(); i++)
        {
            encoded[i] = ProfileCodec.encode(profiles.get(i));
        }
        final int size = store.catalog.size();
        final SplittableRandom random = new SplittableRandom(7L);
        lists = new int[LISTS][items];
        for (int l = 0; l < LISTS; l++)
        {
            // Four stretches of the catalog, each a quarter of the list, every product once.
            final boolean[] taken = new boolean[size];
            final int stretch = (items + 3) / 4;
            int n = 0;
            while (n < items)
            {
                int product = random.nextInt(size);
                for (int i = 0; i < stretch && n < items; i++, product = (product + 1) % size)
                {
                    if (!taken[product])
                    {
                        taken[product] = true;
                        lists[l][n++] = product;
                    }
                }
            }
        }
    }

    /**
     * Decodes the next shopper's profile and orders the next list for them.
     *
     * @return the re-ranked list.
     */
    @Benchmark
    public Recommendation rerank()
    {
        final int shopper = next;
        next = shopper + 1 == encoded.length ? 0 : shopper + 1;
        final Profile profile = ProfileCodec.decode(encoded[shopper], scratch);
        request.reset(SyntheticStore.NOW_MS).explain(explain);
        final int[] list = lists[shopper % LISTS];
        return recommender.rerank(model, profile, request, list, list.length, list.length, removedBy, out);
    }
}
