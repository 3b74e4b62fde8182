package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.Profile;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 1: products seen or bought together with the page, the session and the purchases. */
class CooccurrenceSignalTest extends RecommenderFixture
{
    @Test
    void shouldRecommendWhatOthersViewedTogetherWithWhatTheShopperJustViewedAndSayWhy()
    {
        views("p2-7", 50);
        // Other shoppers look at the running shoe p0-4 and then at the book p2-3, over and over.
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 20; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("x" + s, EventType.VIEW, "o" + s, "p0-4", NOW - 3_600_000L), catalog, crowd);
            updater.apply(other, event("y" + s, EventType.VIEW, "o" + s, "p2-3", NOW - 3_500_000L), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, key -> merged(crowd, key), NOW, ModelSettings.DEFAULT, 1);
        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-4")))).startsWith("p2-3");

        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        final int media = model.catalog().categoryIndexOf(io.tailor.scoring.util.Hashing.key("media"));
        recommender.recommend(model, profile, request.reset(NOW).k(3).categoryFilter(media).explain(true), out);

        assertThat(ids(model, out).get(0)).as("of the books, the one others viewed with this shoe").isEqualTo("p2-3");
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("viewed_together") &&
            r.text().equals("often viewed together with Title p0-4"));
    }

    @Test
    void shouldRecommendWhatIsBoughtTogetherWithTheCart()
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 10; s++)
        {
            updater.apply(new Profile(Fixtures.D), Fixtures.purchase("o" + s, "o" + s, NOW - 86_400_000L,
                new LineItem("p1-2", 1, 20), new LineItem("p2-8", 1, 20)), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);
        assertThat(model.boughtTogetherLift(model.catalog().indexOf("p1-2"))[0]).isGreaterThan(1f);

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.CART)
            .addContextItem(model.catalog().indexOf("p1-2")).k(3).explain(true), out);

        assertThat(ids(model, out).get(0)).isEqualTo("p2-8");
        assertThat(ids(model, out)).doesNotContain("p1-2");
        assertThat(out.reasons(0).get(0).code()).isEqualTo("bought_together");
    }

    @Test
    void shouldNotMakeAUniversallyPopularProductEveryonesNeighbour()
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 30; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            // Everybody views the hit p1-0 next to a product of their own; a few view p0-1 with p0-2.
            updater.apply(other, event("h" + s, EventType.VIEW, "o", "p1-0", NOW - 1000), catalog, crowd);
            updater.apply(other, event("m" + s, EventType.VIEW, "o", "p" + (s % 3) + "-" + (1 + s % 9),
                NOW - 500), catalog, crowd);
        }
        for (int s = 0; s < 5; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("a" + s, EventType.VIEW, "o", "p0-1", NOW - 1000), catalog, crowd);
            updater.apply(other, event("b" + s, EventType.VIEW, "o", "p0-2", NOW - 500), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);

        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-1")))).startsWith("p0-2");
    }

    @Test
    void shouldScoreTheStrongestNeighbourOneAndTheOthersRelativeToIt()
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 20; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("x" + s, EventType.VIEW, "o" + s, "p0-4", NOW - 3_600_000L), catalog, crowd);
            updater.apply(other, event("y" + s, EventType.VIEW, "o" + s, s < 8 ? "p2-0" : "p2-" + s % 4,
                NOW - 3_500_000L), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, key -> merged(crowd, key), NOW, ModelSettings.DEFAULT, 1);
        final ShopperInterests interests = new ShopperInterests(RankingSettings.DEFAULT);
        final CooccurrenceSignal together = new CooccurrenceSignal();
        request.reset(NOW).placement(Placement.PRODUCT).contextItem(model.catalog().indexOf("p0-4"));
        interests.prepare(model.catalog());
        interests.collect(model.catalog(), null, request, CatalogSnapshot.MISSING);
        together.prepare(model.catalog());

        together.collect(model, null, request, interests, CatalogSnapshot.MISSING);

        assertThat(together.count()).isPositive();
        float strongest = 0f;
        for (int i = 0; i < together.count(); i++)
        {
            final float value = together.cooccurrence(together.items()[i]);
            assertThat(value).isBetween(0f, 1f);
            strongest = Math.max(strongest, value);
        }
        assertThat(strongest).isEqualTo(1f);
        assertThat(together.strongestFirst(1)).isEqualTo(1);
        assertThat(together.cooccurrence(together.items()[0])).isEqualTo(1f);
        assertThat(together.items()[0]).as("seen with p0-4 most often").isEqualTo(model.catalog().indexOf("p2-0"));
        assertThat(together.cooccurrence(model.catalog().indexOf("p1-5"))).as("never seen together").isZero();
    }
}
