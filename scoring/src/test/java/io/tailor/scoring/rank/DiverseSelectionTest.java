package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

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
