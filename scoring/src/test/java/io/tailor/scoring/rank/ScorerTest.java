package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.ItemSignalHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 5: the blended score. */
class ScorerTest extends RecommenderFixture
{
    @Test
    void shouldScoreGivenItemsExactlyAsTheRankingDoes()
    {
        views("p2-7", 50);
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        final int[] items = new int[out.count()];
        for (int i = 0; i < items.length; i++)
        {
            items[i] = out.item(i);
        }
        final float[] scores = new float[items.length];
        recommender.score(model, profile, request.reset(NOW).k(5), items, items.length, scores);

        for (int i = 0; i < items.length; i++)
        {
            assertThat(scores[i]).isEqualTo(out.score(i));
        }
    }

    @Test
    void shouldBoostAndExplainANewArrival()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("fresh", "apparel/shirts", "Nova", 30), true, false, NOW - DAY));
        views("p2-7", 3);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(2).explain(true), out);

        assertThat(ids(model, out)).as("ahead of every older product as little known as it").containsExactly("p2-7",
            "fresh");
        assertThat(out.reasons(1)).anyMatch(r -> r.code().equals("new_arrival") &&
            r.text().equals("new arrival in apparel/shirts"));
    }
}
