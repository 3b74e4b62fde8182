package io.tailor.benchmarks.jmh;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.RecentSessionIndex;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.RankingSettings;
import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.RecommendationRequest;
import io.tailor.scoring.rank.Recommender;
import io.tailor.scoring.rank.ScoringWeights;
import io.tailor.scoring.segment.SegmentSource;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;

/**
 * The in-process recommendation of {@link RecommenderRecommendBenchmark} (decode the profile, recommend 10 on
 * {@code home} and on the page of the shopper's last product), timed in the thread's CPU time rather than wall
 * time: on a machine shared with other work, wall-time benchmarks measure the other work's scheduling (JMH's
 * error bars wider than its scores), while the CPU time a request takes moves only with what it does and its
 * cache misses. Not a JMH benchmark: no forks, no blackhole; 12 rounds of 20,000 requests per placement, the
 * first 3 dropped as warm-up, the median, minimum and maximum of the other 9 printed.
 * <pre>
 *   java $(jvm flags) -cp benchmarks/target/benchmarks.jar io.tailor.benchmarks.jmh.RecommendCpuTime 20000 [W]
 * </pre>
 * With a second argument W the recommender has a {@link RecentSessionIndex} holding every synthetic shopper's
 * recent views as a session (as a node's index holds the sessions it applied) and weighs the similar-sessions
 * term W on every placement (0: the index is there but not asked); the request names the shopper, whose own
 * session is left out.
 */
public final class RecommendCpuTime
{
    private static final int SHOPPERS = 20_000;
    private static final int REQUESTS_PER_ROUND = 20_000;
    private static final int WARM_UP_ROUNDS = 3;
    private static final int ROUNDS = 9;

    private RecommendCpuTime()
    {
    }

    /**
     * Runs the measurement.
     *
     * @param args the number of products (default 20,000), then optionally the similar-sessions weight.
     */
    public static void main(final String[] args)
    {
        final int products = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        final SyntheticStore store = SyntheticStore.generate(products, SHOPPERS, 42L);
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final Recommender recommender;
        if (args.length > 1)
        {
            final float weight = Float.parseFloat(args[1]);
            RankingSettings settings = RankingSettings.DEFAULT;
            for (final Placement each : Placement.values())
            {
                final ScoringWeights w = settings.weightsFor(each);
                settings = settings.withWeights(each, w.withSimilarSessions(weight));
            }
            // -Dsessions.neighbours=K,SAMPLE: the neighbourhood asked (default Ludewig and Jannach's 100,500).
            final String[] neighbourhood = System.getProperty("sessions.neighbours",
                RecentSessionIndex.DEFAULT_NEIGHBOURS + "," + RecentSessionIndex.DEFAULT_SAMPLE).split(",");
            final RecentSessionIndex sessions = new RecentSessionIndex(RecentSessionIndex.DEFAULT_CAPACITY,
                RecentSessionIndex.DEFAULT_ITEMS_PER_SESSION, RecentSessionIndex.DEFAULT_SESSION_GAP_MS,
                Integer.parseInt(neighbourhood[1]), Integer.parseInt(neighbourhood[0]));
            for (int i = 0; i < store.profiles.size(); i++)
            {
                final Profile profile = store.profiles.get(i);
                for (int v = 0; v < profile.recentCount(); v++)
                {
                    sessions.view(i, profile.recentKey(v), profile.recentAtMs(v));
                }
            }
            System.out.printf(Locale.ROOT, "recent sessions: %d sessions, %d products; similar-sessions weight %s, "
                + "%d of %d vote%n", sessions.sessions(), sessions.products(), weight, sessions.neighbourCount(),
                sessions.sample());
            recommender = new Recommender(settings, SegmentSource.NONE, PromotionSource.NONE, sessions);
        }
        else
        {
            recommender = new Recommender(RankingSettings.DEFAULT);
        }
        final RecommendationRequest request = new RecommendationRequest();
        final Recommendation out = new Recommendation();
        final Profile scratch = new Profile(SyntheticStore.DIMENSIONS);
        final byte[][] encoded = new byte[store.profiles.size()][];
        final int[] pages = new int[encoded.length];
        for (int i = 0; i < encoded.length; i++)
        {
            final Profile profile = store.profiles.get(i);
            encoded[i] = ProfileCodec.encode(profile);
            pages[i] = profile.recentCount() > 0 ?
                store.catalog.indexOf(profile.recentKey(profile.recentCount() - 1)) : CatalogSnapshot.MISSING;
            if (pages[i] == CatalogSnapshot.MISSING)
            {
                pages[i] = store.model.globalTop()[0];
            }
        }
        for (final Placement where : new Placement[] {Placement.HOME, Placement.PRODUCT})
        {
            final double[] rounds = new double[ROUNDS];
            long listed = 0;
            for (int r = -WARM_UP_ROUNDS; r < ROUNDS; r++)
            {
                final long start = threads.getCurrentThreadCpuTime();
                for (int i = 0; i < REQUESTS_PER_ROUND; i++)
                {
                    final int shopper = i % encoded.length;
                    final Profile profile = ProfileCodec.decode(encoded[shopper], scratch);
                    request.reset(SyntheticStore.NOW_MS).placement(where).shopperKey(shopper);
                    if (where == Placement.PRODUCT)
                    {
                        request.contextItem(pages[shopper]);
                    }
                    listed += recommender.recommend(store.model, profile, request, out).count();
                }
                if (r >= 0)
                {
                    rounds[r] = (threads.getCurrentThreadCpuTime() - start) / 1000.0 / REQUESTS_PER_ROUND;
                }
            }
            Arrays.sort(rounds);
            System.out.printf(Locale.ROOT, "%s, %d products: CPU us per recommendation, median %.2f (min %.2f, " +
                "max %.2f of %d rounds); %d products listed%n", where.wireName(), products, rounds[ROUNDS / 2],
                rounds[0], rounds[ROUNDS - 1], ROUNDS, listed);
        }
    }
}
