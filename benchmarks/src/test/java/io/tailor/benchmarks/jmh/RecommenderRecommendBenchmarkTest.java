package io.tailor.benchmarks.jmh;

import io.tailor.scoring.rank.Recommendation;
import io.tailor.scoring.rank.Strategy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RecommenderRecommendBenchmarkTest
{
    @Test
    void shouldRecommendTenPersonalProductsOnTheHomePage()
    {
        final RecommenderRecommendBenchmark benchmark = benchmark("home");

        for (int i = 0; i < 50; i++)
        {
            final Recommendation out = benchmark.recommend();

            assertThat(out.count()).isEqualTo(10);
            assertThat(out.strategy()).isEqualTo(Strategy.PERSONALIZED);
            assertThat(out.candidates()).as("candidates scored").isGreaterThan(100);
        }
    }

    @Test
    void shouldRecommendTenSimilarProductsOnAProductPage()
    {
        final RecommenderRecommendBenchmark benchmark = benchmark("product");

        for (int i = 0; i < 50; i++)
        {
            final Recommendation out = benchmark.recommend();

            assertThat(out.count()).isEqualTo(10);
            assertThat(out.strategy()).isEqualTo(Strategy.SIMILAR);
        }
    }

    @Test
    void shouldGiveTheStoreCooccurrenceAndHistory()
    {
        final SyntheticStore store = benchmark("home").store();

        assertThat(store.catalog.size()).isEqualTo(20_000);
        assertThat(store.profiles).hasSize(2_000);
        assertThat(store.events).isGreaterThan(2_000 * 10);
        final int popular = store.model.globalTop()[0];
        assertThat(store.model.neighbors(popular)).isNotEmpty();
        assertThat(store.model.popularity(popular)).isEqualTo(1f);
    }

    private static RecommenderRecommendBenchmark benchmark(final String placement)
    {
        final RecommenderRecommendBenchmark benchmark = new RecommenderRecommendBenchmark();
        benchmark.products = 20_000;
        benchmark.shoppers = 2_000;
        benchmark.placement = placement;
        benchmark.setUp();
        return benchmark;
    }
}
