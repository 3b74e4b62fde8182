package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.promotion.PromotionDelivery;
import io.tailor.scoring.promotion.Promotions;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 6c: the promoted slot, its pacing, its audience and its rules. */
class PromotedSlotTest extends RecommenderFixture
{
    private static final int HOME_AND_PRODUCT = 1 << Placement.HOME.ordinal() | 1 << Placement.PRODUCT.ordinal();

    private Promotions promotions = Promotions.EMPTY;
    private final Recommender promoting = new Recommender(RankingSettings.DEFAULT, SegmentSource.NONE,
        () -> promotions);

    @BeforeEach
    void everyProductHasViews()
    {
        for (final Product product : Fixtures.products())
        {
            views(product.id(), 50);
        }
    }

    @Test
    void shouldGiveOneSlotToAPromotionBehindItsSchedule()
    {
        final ItemModel model = model(Fixtures.products());
        final Promotion promotion = promotion("books", List.of("p2-9"), List.of(), new PromotionDelivery());
        promotions = new Promotions(List.of(promotion));

        promoting.recommend(model, null, request.reset(NOW).k(5).explain(true), out);

        assertThat(out.promoted()).isNotNegative();
        assertThat(ids(model, out).get(out.promoted())).isEqualTo("p2-9");
        assertThat(ids(model, out)).hasSize(5).containsOnlyOnce("p2-9");
        assertThat(out.promotion()).isSameAs(promotion);
        assertThat(out.reasons(out.promoted())).anySatisfy(reason ->
        {
            assertThat(reason.code()).isEqualTo("promoted");
            assertThat(reason.promotion()).isEqualTo("books");
        });
    }

    @Test
    void shouldHoldBackWhileDeliveryIsOnOrAheadOfSchedule()
    {
        final PromotionDelivery delivery = new PromotionDelivery();
        final Promotion promotion = promotion("books", List.of("p2-9"), List.of(), delivery);
        promotions = new Promotions(List.of(promotion));
        final ItemModel model = model(Fixtures.products());
        // one day of ten: 100 of 1,000 owed by now
        while (delivery.delivered() < 100)
        {
            delivery.shown();
        }

        promoting.recommend(model, null, request.reset(NOW).k(5), out);
        assertThat(out.promoted()).as("on schedule").isEqualTo(-1);

        promoting.recommend(model, null, request.reset(NOW + DAY / 2).k(5), out);
        assertThat(out.promoted()).as("half a day later, behind again").isNotNegative();
        assertThat(promotion.owed(NOW + DAY / 2)).isEqualTo(50.0);
    }

    @Test
    void shouldServeOnlyShoppersOfItsAudience()
    {
        final ItemModel model = model(Fixtures.products());
        promotions = new Promotions(List.of(promotion("shoe-lovers", List.of("p1-9"), List.of("apparel/shoes"),
            new PromotionDelivery())));
        browse(model, "p0-");

        promoting.recommend(model, profile, request.reset(NOW).k(5), out);
        assertThat(out.promoted()).as("interested in running shoes, below apparel/shoes").isNotNegative();
        assertThat(ids(model, out).get(out.promoted())).isEqualTo("p1-9");

        promoting.recommend(model, null, request.reset(NOW).k(5), out);
        assertThat(out.promoted()).as("nothing known of the shopper").isEqualTo(-1);

        promoting.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).k(5)
            .contextItem(model.catalog().indexOf("p0-3")), out);
        assertThat(out.promoted()).as("on a running shoe's page").isNotNegative();
    }

    @Test
    void shouldNeverPromoteWhatARuleRejects()
    {
        final Product soldOut = Fixtures.with(Fixtures.product("sold-out", "media/books/fiction", "Fresh", 30), false,
            false, NOW - 300 * DAY);
        final Product sensitive = Fixtures.with(Fixtures.product("private", "health/care", "Fresh", 30), true,
            true, NOW - 300 * DAY);
        final List<Product> catalog = new ArrayList<>(Fixtures.products());
        catalog.add(soldOut);
        catalog.add(sensitive);
        final ItemModel model = model(catalog);
        promotions = new Promotions(List.of(promotion("rules", List.of("sold-out", "private", "p2-9"), List.of(),
            new PromotionDelivery())));
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - DAY, new LineItem("p2-9", 1, 20)),
            model.catalog(), ItemSignalHandler.NONE);

        promoting.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).doesNotContain("sold-out", "private", "p2-9");
        assertThat(out.promoted()).isEqualTo(-1);
    }

    @Test
    void shouldTakeTheProductTheRankingListedAlreadyInPlace()
    {
        final ItemModel model = model(Fixtures.products());
        promoting.recommend(model, null, request.reset(NOW).k(5), out);
        final List<String> organic = ids(model, out);
        promotions = new Promotions(List.of(promotion("already", List.of(organic.get(1)), List.of(),
            new PromotionDelivery())));

        promoting.recommend(model, null, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).isEqualTo(organic);
        assertThat(out.promoted()).isEqualTo(1);
    }

    @Test
    void shouldShowNoPromotedSlotOnAPlacementItDoesNotNameOrThatHasNone()
    {
        final ItemModel model = model(Fixtures.products());
        promotions = new Promotions(List.of(promotion("books", List.of("p2-9"), List.of(), new PromotionDelivery())));

        promoting.recommend(model, null, request.reset(NOW).placement(Placement.CART).k(5), out);
        assertThat(out.promoted()).as("not named").isEqualTo(-1);

        new Recommender(RankingSettings.DEFAULT.withExploration(ExplorationSettings.DEFAULT.withPromotionSlots(
            Placement.HOME, 0)), SegmentSource.NONE, () -> promotions).recommend(model, null,
            request.reset(NOW).k(5), out);
        assertThat(out.promoted()).as("no slot").isEqualTo(-1);

        promoting.recommend(model, null, request.reset(NOW).k(5).promotions(false), out);
        assertThat(out.promoted()).as("turned off for the request").isEqualTo(-1);
    }

    @Test
    void shouldKeepTheExplorationAndPromotedSlotsApart()
    {
        final Product arrival = Fixtures.with(Fixtures.product("new-shirt", "apparel/shirts", "Fresh", 30), true,
            false, NOW - 3_600_000L);
        final List<Product> catalog = new ArrayList<>(Fixtures.products());
        catalog.add(arrival);
        final ItemModel model = model(catalog);
        promotions = new Promotions(List.of(promotion("books", List.of("p2-9"), List.of(), new PromotionDelivery())));

        promoting.recommend(model, null, request.reset(NOW).k(5), out);

        assertThat(out.explored()).isNotNegative();
        assertThat(out.promoted()).isNotNegative().isNotEqualTo(out.explored());
        assertThat(ids(model, out)).hasSize(5).contains("new-shirt", "p2-9");
    }

    @Test
    void shouldPaceTheScheduleOverThePeriod()
    {
        final Promotion promotion = promotion("books", List.of("p2-9"), List.of(), new PromotionDelivery());

        assertThat(promotion.scheduled(NOW - 2 * DAY)).isZero();
        assertThat(promotion.scheduled(NOW)).isEqualTo(100.0);
        assertThat(promotion.scheduled(NOW + 4 * DAY)).isEqualTo(500.0);
        assertThat(promotion.scheduled(NOW + 20 * DAY)).isEqualTo(1000.0);
        assertThat(promotion.owed(NOW + 20 * DAY)).as("the period is over").isZero();
        assertThat(promotion.state(NOW - 2 * DAY)).isEqualTo(Promotion.State.SCHEDULED);
        assertThat(promotion.state(NOW)).isEqualTo(Promotion.State.RUNNING);
        assertThat(promotion.state(NOW + 20 * DAY)).isEqualTo(Promotion.State.ENDED);
    }

    /** Shown home and product pages, 1,000 impressions over ten days of which one has passed. */
    private static Promotion promotion(final String id, final List<String> products, final List<String> categories,
        final PromotionDelivery delivery)
    {
        return new Promotion(id, products.stream().mapToLong(Hashing::key).toArray(),
            categories.stream().mapToLong(Hashing::key).toArray(), new long[0], null, HOME_AND_PRODUCT, 1000,
            NOW - DAY, NOW + 9 * DAY, delivery);
    }

    /** The shopper viewed four products whose ids start so. */
    private void browse(final ItemModel model, final String prefix)
    {
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, Fixtures.event("v" + i, EventType.VIEW, "u", prefix + i, NOW - 2 * DAY + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
    }
}
