package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.ShopperChoices;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** The whole pipeline: what a shopper without history, without consent or with an empty catalog gets. */
class RecommenderTest extends RecommenderFixture
{
    @Test
    void shouldRecommendTheMostPopularToAShopperWithoutHistory()
    {
        views("p2-7", 50);
        views("p1-3", 20);
        final ItemModel model = model(Fixtures.products());

        recommender.recommend(model, null, request.reset(NOW).k(3), out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
        assertThat(ids(model, out)).startsWith("p2-7", "p1-3");
        assertThat(out.count()).isEqualTo(3);
    }

    @Test
    void shouldReturnNothingForAnEmptyCatalog()
    {
        final ItemModel model = model(List.of());

        recommender.recommend(model, profile, request.reset(NOW), out);

        assertThat(out.count()).isZero();
    }

    @Test
    void shouldAnswerNonPersonallyForAShopperWhoWithdrewConsent()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        ShopperChoices.setConsent(profile, false, null, NOW);
        updater.apply(profile, event("e2", EventType.VIEW, "u", "p0-5", NOW - 30_000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
    }
}
