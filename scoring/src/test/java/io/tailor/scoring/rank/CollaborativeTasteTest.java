package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 1: the shopper's taste in the collaborative space, as a scoring term and a reason. */
class CollaborativeTasteTest extends RecommenderFixture
{
    @Test
    void shouldRecommendWhatShoppersWithTheSameTasteChoseThoughNeverSeenTogetherAndSayWhy()
    {
        // Fixtures.RINGS: the books p2-5, p2-2 and p2-9 are on the running shoe p0-0's crowd's ring, none next to it.
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final ItemModel plain = Fixtures.ringModel(Fixtures.products());
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-0", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-0"))))
            .doesNotContainAnyElementsOf(crowdBooks);

        recommender.recommend(model, profile, request.reset(NOW).k(2).categoryFilter(media).explain(true), out);

        assertThat(crowdBooks).containsAll(ids(model, out));
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("also_liked") &&
            r.text().equals("shoppers who chose Title p0-0 also chose this") && r.product().equals("p0-0"));

        recommender.recommend(plain, profile, request.reset(NOW).k(2).categoryFilter(media), out);
        assertThat(crowdBooks.containsAll(ids(plain, out))).as("without factors, the brand decides").isFalse();
    }

    @Test
    void shouldRecommendOnAProductPageWhatShoppersWhoChoseThatProductAlsoChose()
    {
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final ItemModel plain = Fixtures.ringModel(Fixtures.products());
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        final int page = model.catalog().indexOf("p0-0");

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(page)
            .categoryFilter(media).k(2).explain(true), out);

        assertThat(crowdBooks).containsAll(ids(model, out));
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("also_liked") && r.product().equals("p0-0"));

        recommender.recommend(plain, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(page)
            .categoryFilter(media).k(2), out);
        assertThat(crowdBooks.containsAll(ids(plain, out))).as("without factors").isFalse();
    }

    @Test
    void shouldHaveNoTasteWithoutFactorsOrWithoutACollaborativeWeight()
    {
        final ItemModel plain = Fixtures.ringModel(Fixtures.products());
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        final ShopperInterests interests = new ShopperInterests(RankingSettings.DEFAULT);
        final CollaborativeTaste taste = new CollaborativeTaste();
        request.reset(NOW).placement(Placement.PRODUCT).contextItem(model.catalog().indexOf("p0-0"));
        interests.prepare(model.catalog());
        interests.collect(model.catalog(), null, request, CatalogSnapshot.MISSING);

        assertThat(taste.build(plain, null, request, interests, CatalogSnapshot.MISSING, 3f)).isFalse();
        assertThat(taste.build(model, null, request, interests, CatalogSnapshot.MISSING, 0f)).isFalse();
        assertThat(taste.active()).isFalse();

        assertThat(taste.build(model, null, request, interests, CatalogSnapshot.MISSING, 3f)).isTrue();
        float norm = 0f;
        for (final float x : taste.vector())
        {
            norm += x * x;
        }
        assertThat(norm).isCloseTo(1f, within(1e-5f));
    }
}
