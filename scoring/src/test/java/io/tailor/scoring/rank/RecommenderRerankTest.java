package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** A list the storefront supplies, ordered for the shopper: {@link Recommender#rerank}. */
class RecommenderRerankTest extends RecommenderFixture
{
    private final int[] removedBy = new int[RecommendationRequest.MAX_RERANK];

    @Test
    void shouldPutWhatTheShopperIsInterestedInFirst()
    {
        final ItemModel model = model(Fixtures.products());
        final int[] supplied = listAfterViewsOfCategoryTwo(model);

        recommender.rerank(model, profile, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);

        assertThat(out.strategy()).isEqualTo(Strategy.PERSONALIZED);
        assertThat(ids(model, out)).hasSize(5).startsWith("p2-5", "p2-6").contains("p0-5", "p1-5", "p0-6");
    }

    @Test
    void shouldSayWhereEachReturnedProductWasSupplied()
    {
        final ItemModel model = model(Fixtures.products());
        final int[] supplied = listAfterViewsOfCategoryTwo(model);

        recommender.rerank(model, profile, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);

        assertThat(out.count()).isEqualTo(supplied.length);
        for (int rank = 0; rank < out.count(); rank++)
        {
            assertThat(supplied[recommender.rerankedPosition(rank)]).as("rank %d", rank).isEqualTo(out.item(rank));
        }
        assertThat(recommender.rerankedPosition(0)).isIn(2, 4);
    }

    @Test
    void shouldGiveEachProductOfAListTheScoreItGetsAlone()
    {
        final ItemModel model = model(Fixtures.products());
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "p" + i % 3 + "-" + i,
                NOW - 3_600_000 + i), model.catalog(), ItemSignalHandler.NONE);
        }
        final int[] supplied = items(model, "p0-5", "p1-5", "p2-5", "p0-6", "p2-6", "p1-7", "p0-2", "p2-1");

        recommender.rerank(model, profile, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);
        final java.util.Map<String, Float> together = new java.util.HashMap<>();
        for (int i = 0; i < out.count(); i++)
        {
            together.put(model.catalog().product(out.item(i)).id(), out.score(i));
        }

        assertThat(together).hasSize(supplied.length);
        for (final int item : supplied)
        {
            recommender.rerank(model, profile, request.reset(NOW), new int[] {item}, 1, 50, removedBy, out);
            assertThat(Float.floatToIntBits(out.score(0))).as("scored in a batch and alone")
                .isEqualTo(Float.floatToIntBits(together.get(model.catalog().product(item).id())));
        }
    }

    @Test
    void shouldOrderByPopularityForAShopperWithoutHistoryAndKeepTiesInTheSuppliedOrder()
    {
        views("p1-7", 40);
        views("p0-2", 10);
        final ItemModel model = model(Fixtures.products());
        final int[] supplied = items(model, "p2-3", "p0-2", "p2-1", "p1-7");

        recommender.rerank(model, null, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
        assertThat(ids(model, out)).containsExactly("p1-7", "p0-2", "p2-3", "p2-1");
    }

    @Test
    void shouldRemoveWhatARuleRemovesAndSayWhichRuleAtItsPosition()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.set(3, Fixtures.with(products.get(3), false, false, NOW - 86_400_000L));
        final ItemModel model = model(products);
        updater.apply(profile, Fixtures.purchase("b1", "u", NOW - 60_000, new LineItem("p1-1", 1, 30)),
            model.catalog(), ItemSignalHandler.NONE);
        final int[] supplied = items(model, "p0-3", "p1-1", "p2-2");

        recommender.rerank(model, profile, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);

        assertThat(ids(model, out)).containsExactly("p2-2");
        assertThat(removedBy[0]).isEqualTo(RuleKind.OUT_OF_STOCK.ordinal());
        assertThat(removedBy[1]).isEqualTo(RuleKind.PURCHASED.ordinal());
        assertThat(removedBy[2]).isEqualTo(-1);
        assertThat(out.excluded(RuleKind.OUT_OF_STOCK)).isEqualTo(1);
        assertThat(out.excluded(RuleKind.PURCHASED)).isEqualTo(1);
    }

    @Test
    void shouldKeepWhatTheShopperJustViewedWhichARecommendationWouldLeaveOut()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("v1", EventType.VIEW, "u", "p1-4", NOW - 1_000), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(30), out);
        assertThat(ids(model, out)).as("a recommendation leaves it out").doesNotContain("p1-4");
        final int[] supplied = items(model, "p0-0", "p1-4", "p2-0");

        recommender.rerank(model, profile, request.reset(NOW), supplied, supplied.length, 50, removedBy, out);

        assertThat(ids(model, out)).contains("p1-4").hasSize(3);
    }

    @Test
    void shouldSkipUnknownProductsAndReturnAtMostTheLimit()
    {
        final ItemModel model = model(Fixtures.products());
        final int[] supplied = {model.catalog().indexOf("p0-1"), CatalogSnapshot.MISSING,
            model.catalog().indexOf("p0-2"), model.catalog().indexOf("p0-3")};

        recommender.rerank(model, null, request.reset(NOW), supplied, supplied.length, 2, removedBy, out);

        assertThat(out.count()).isEqualTo(2);
        assertThat(removedBy[1]).isEqualTo(-1);
        assertThat(ids(model, out)).doesNotHaveDuplicates().isSubsetOf("p0-1", "p0-2", "p0-3");
    }

    private static int[] items(final ItemModel model, final String... ids)
    {
        final int[] items = new int[ids.length];
        for (int i = 0; i < ids.length; i++)
        {
            items[i] = model.catalog().indexOf(ids[i]);
        }
        return items;
    }

    /** The shopper viewed four products of category 2; a list of five, two of them from that category. */
    private int[] listAfterViewsOfCategoryTwo(final ItemModel model)
    {
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "p2-" + i, NOW - 3_600_000 + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
        return items(model, "p0-5", "p1-5", "p2-5", "p0-6", "p2-6");
    }
}
