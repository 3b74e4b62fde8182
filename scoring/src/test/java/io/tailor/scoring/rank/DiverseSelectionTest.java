package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 6: caps and the redundancy penalty per brand and category. */
class DiverseSelectionTest extends RecommenderFixture
{
    @Test
    void shouldCapItemsPerBrand()
    {
        final Recommender capped = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            new Diversity(0.1, 1.0, 0.0)));
        final ItemModel model = model(Fixtures.products());

        capped.recommend(model, null, request.reset(NOW).k(10), out);

        final List<Integer> brands = new ArrayList<>();
        for (int i = 0; i < out.count(); i++)
        {
            brands.add(model.catalog().brandOf(out.item(i)));
        }
        assertThat(brands).doesNotHaveDuplicates().hasSize(4);
        assertThat(out.excluded(RuleKind.DIVERSITY)).isPositive();
    }

    @Test
    void shouldPreferAnotherBrandOverARepeatOfAlmostTheSameScoreWithoutShorteningTheList()
    {
        views("p0-0", 100);
        views("p0-4", 99);
        views("p0-1", 90);
        final ItemModel model = model(Fixtures.products());
        final Recommender plain = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            Diversity.NONE));
        final Recommender varied = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            new Diversity(1.0, 1.0, 0.5)));
        final int running = model.catalog().categoryIndexOf(Hashing.key("apparel/shoes/running"));

        plain.recommend(model, null, request.reset(NOW).k(3).categoryFilter(running), out);
        assertThat(ids(model, out)).containsExactly("p0-0", "p0-4", "p0-1");

        varied.recommend(model, null, request.reset(NOW).k(3).categoryFilter(running), out);
        assertThat(ids(model, out)).as("p0-4 shares p0-0's brand: it drops below another brand").hasSize(3)
            .startsWith("p0-0", "p0-1");
    }

    @Test
    void shouldKeepFourTimesKButAtLeastFortyOfTheBestInThePool()
    {
        final DiverseSelection selection = new DiverseSelection(RankingSettings.DEFAULT);
        selection.reset(3);
        for (int item = 0; item < 100; item++)
        {
            selection.offer(item, item);
        }
        assertThat(selection.poolCount()).isEqualTo(40);

        selection.reset(20);
        for (int item = 0; item < 100; item++)
        {
            selection.offer(item, item);
        }
        assertThat(selection.poolCount()).isEqualTo(80);
    }

    @Test
    void shouldListWhatAFullScanOfThePoolListsAndCountEveryPooledProductOverACap()
    {
        final ItemModel model = model(Fixtures.products());
        final CatalogSnapshot catalog = model.catalog();
        final Random random = new Random(7);
        for (int trial = 0; trial < 500; trial++)
        {
            final Diversity diversity = new Diversity(0.1 + random.nextInt(10) / 10.0, 0.1 + random.nextInt(10) / 10.0,
                random.nextInt(3) * 0.25);
            final DiverseSelection selection = new DiverseSelection(RankingSettings.DEFAULT.withDiversity(
                Placement.HOME, diversity));
            final int k = 1 + random.nextInt(12);
            final int offered = 1 + random.nextInt(catalog.size());
            final float[] scores = new float[catalog.size()];
            selection.reset(k);
            for (int item = 0; item < offered; item++)
            {
                // Few distinct values, so ties (first offered first) are exercised too.
                scores[item] = random.nextInt(8) * 0.5f;
                selection.offer(item, scores[item]);
            }

            selection.select(catalog, request.reset(NOW).k(k), out.clear());

            final Recommendation expected = new Recommendation();
            final int excluded = fullScan(catalog, scores, offered, k, diversity, expected);
            assertThat(ids(model, out)).as("trial %d", trial).isEqualTo(ids(model, expected));
            assertThat(out.excluded(RuleKind.DIVERSITY)).as("trial %d", trial).isEqualTo(excluded);
        }
    }

    /**
     * The greedy fill without any shortcut: every step scans every pooled product (the best 4k, at least 40,
     * first offered first among equals). Returns how many pooled products are over a cap once the list is done
     * (none when no cap is below k: then no cap can leave a product out).
     */
    private static int fullScan(final CatalogSnapshot catalog, final float[] scores, final int offered, final int k,
        final Diversity diversity, final Recommendation out)
    {
        final List<Integer> pool = new ArrayList<>();
        for (int item = 0; item < offered; item++)
        {
            pool.add(item);
        }
        pool.sort((a, b) -> scores[a] != scores[b] ? Float.compare(scores[b], scores[a]) : Integer.compare(a, b));
        pool.subList(Math.min(pool.size(), Math.max(4 * k, 40)), pool.size()).clear();
        final Map<Integer, Integer> brands = new HashMap<>();
        final Map<Integer, Integer> categories = new HashMap<>();
        final int maxPerBrand = diversity.maxPerBrand(k);
        final int maxPerCategory = diversity.maxPerCategory(k);
        final float penalty = (float)diversity.redundancyPenalty();
        while (out.count() < k)
        {
            int best = -1;
            float bestValue = Float.NEGATIVE_INFINITY;
            for (final int item : pool)
            {
                final int sameBrand = brands.getOrDefault(catalog.brandOf(item), 0);
                final int sameCategory = categories.getOrDefault(catalog.categoryOf(item), 0);
                final float value = scores[item] - penalty * (sameBrand + sameCategory);
                if (sameBrand < maxPerBrand && sameCategory < maxPerCategory && value > bestValue)
                {
                    best = item;
                    bestValue = value;
                }
            }
            if (best < 0)
            {
                break;
            }
            out.add(best, scores[best]);
            brands.merge(catalog.brandOf(best), 1, Integer::sum);
            categories.merge(catalog.categoryOf(best), 1, Integer::sum);
            pool.remove(Integer.valueOf(best));
        }
        if (maxPerBrand >= k && maxPerCategory >= k)
        {
            return 0;
        }
        int over = 0;
        for (final int item : pool)
        {
            if (brands.getOrDefault(catalog.brandOf(item), 0) >= maxPerBrand ||
                categories.getOrDefault(catalog.categoryOf(item), 0) >= maxPerCategory)
            {
                over++;
            }
        }
        return over;
    }

    @Test
    void shouldListThePoolInScoreOrderWithoutDiversity()
    {
        final DiverseSelection selection = new DiverseSelection(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            Diversity.NONE));
        final ItemModel model = model(Fixtures.products());
        selection.reset(3);
        for (int item = 0; item < 30; item++)
        {
            selection.offer(item, item % 7);
        }

        selection.select(model.catalog(), request.reset(NOW).k(3), out);

        assertThat(out.count()).isEqualTo(3);
        assertThat(out.score(0)).isEqualTo(6f);
        assertThat(out.score(2)).isEqualTo(6f);
        assertThat(out.excluded(RuleKind.DIVERSITY)).isZero();
    }
}
