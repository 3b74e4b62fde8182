package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.Profile;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Stage 3b: a placement that re-shows what the shopper viewed and did not buy, every other rule kept. */
class RecentlyViewedTest extends RecommenderFixture
{
    private static final RankingSettings RESHOW_ON_HOME =
        RankingSettings.DEFAULT.withReshowViewed(Placement.HOME, 2f).withReshowViewed(Placement.EMAIL, 0f);

    private final Recommender reshowing = new Recommender(RESHOW_ON_HOME);

    @Test
    void shouldReshowAProductViewedMinutesAgoOnAPlacementThatReshowsAndExplainIt()
    {
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-4", NOW - 10 * 60_000);

        reshowing.recommend(model, profile, request.reset(NOW).placement(Placement.HOME).k(5).explain(true), out);

        assertThat(ids(model, out)).contains("p0-4");
        final int at = ids(model, out).indexOf("p0-4");
        final List<Reason> reasons = out.reasons(at);
        assertThat(reasons).extracting(Reason::code).contains("recently_viewed");
        final Reason reshown = reasons.stream().filter(r -> r.code().equals("recently_viewed")).findFirst()
            .orElseThrow();
        assertThat(reshown.text()).isEqualTo("you looked at this 10 minutes ago");
        assertThat(reshown.contribution()).isGreaterThan(1.5f).isLessThanOrEqualTo(2f);
    }

    @Test
    void shouldPutTheProductTheShopperKeepsComingBackToBeforeTheOneViewedLast()
    {
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-4", NOW - 9 * 60_000);
        view(model, "p0-4", NOW - 7 * 60_000);
        view(model, "p0-4", NOW - 5 * 60_000);
        view(model, "p0-6", NOW - 3 * 60_000);

        reshowing.recommend(model, profile, request.reset(NOW).placement(Placement.HOME).k(5).explain(true), out);

        assertThat(ids(model, out)).startsWith("p0-4", "p0-6");
        final Reason reshown = out.reasons(0).stream().filter(r -> r.code().equals("recently_viewed")).findFirst()
            .orElseThrow();
        assertThat(reshown.contribution()).as("three views, each worth the weight, decayed").isGreaterThan(5f)
            .isLessThanOrEqualTo(6f);
    }

    @Test
    void shouldStillLeaveTheViewOutOnAPlacementThatDoesNotReshow()
    {
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-4", NOW - 10 * 60_000);

        reshowing.recommend(model, profile, request.reset(NOW).placement(Placement.EMAIL).k(30), out);

        assertThat(ids(model, out)).doesNotContain("p0-4");
        assertThat(out.excluded(RuleKind.RECENTLY_SEEN)).isEqualTo(1);
    }

    @Test
    void shouldNotReshowWhatWasBoughtOrCartedAfterTheView()
    {
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-3", NOW - 20 * 60_000);
        view(model, "p0-5", NOW - 20 * 60_000);
        view(model, "p0-4", NOW - 15 * 60_000);
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - 10 * 60_000, new LineItem("p0-3", 1, 20)),
            model.catalog(), ItemSignalHandler.NONE);
        updater.apply(profile, event("c1", EventType.ADD_TO_CART, "u", "p0-5", NOW - 5 * 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        reshowing.recommend(model, profile, request.reset(NOW).placement(Placement.HOME).k(30), out);

        assertThat(ids(model, out)).contains("p0-4").doesNotContain("p0-3", "p0-5");
        assertThat(out.excluded(RuleKind.PURCHASED)).isEqualTo(1);
        assertThat(out.excluded(RuleKind.RECENTLY_SEEN)).isEqualTo(1);
    }

    @Test
    void shouldKeepTheFrequencyCapAndThePagesOwnProduct()
    {
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-4", NOW - 3 * 3_600_000L);
        for (int i = 0; i < 3; i++)
        {
            updater.apply(profile, event("imp" + i, EventType.IMPRESSION, "u", "p0-4", NOW - 3_600_000L + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
        view(model, "p0-6", NOW - 60_000);
        final RankingSettings onProduct = RESHOW_ON_HOME.withReshowViewed(Placement.PRODUCT, 2f);

        new Recommender(onProduct).recommend(model, profile, request.reset(NOW).placement(Placement.PRODUCT)
            .contextItem(model.catalog().indexOf("p0-6")).k(30), out);

        assertThat(ids(model, out)).doesNotContain("p0-4", "p0-6");
        assertThat(out.excluded(RuleKind.FREQUENCY_CAP)).isEqualTo(1);
    }

    @Test
    void shouldLetAReshownViewOutrankWhatItWouldOtherwiseScoreBelow()
    {
        views("p2-7", 1000);
        final ItemModel model = model(Fixtures.products());
        view(model, "p0-4", NOW - 60_000);

        recommender.recommend(model, profile, request.reset(NOW).placement(Placement.HOME).k(30), out);
        assertThat(ids(model, out)).doesNotContain("p0-4");

        reshowing.recommend(model, profile, request.reset(NOW).placement(Placement.HOME).k(1), out);
        assertThat(ids(model, out)).containsExactly("p0-4");
        final float[] score = new float[1];
        reshowing.score(model, profile, request.reset(NOW).placement(Placement.HOME),
            new int[] {model.catalog().indexOf("p0-4")}, 1, score);
        assertThat(score[0]).isEqualTo(out.score(0));
    }

    @Test
    void shouldRejectAWeightOutsideItsRangeNamingThePlacement()
    {
        assertThatThrownBy(() -> RankingSettings.DEFAULT.withReshowViewed(Placement.CART, -1f))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reshowViewed of cart");
        assertThatThrownBy(() -> RankingSettings.DEFAULT.withReshowViewed(Placement.HOME, Float.NaN))
            .isInstanceOf(IllegalArgumentException.class);
        assertThat(RankingSettings.DEFAULT.withReshowViewed(Placement.HOME, 10f).reshowViewedFor(Placement.HOME))
            .isEqualTo(10f);
    }

    private void view(final ItemModel model, final String product, final long atMs)
    {
        final Profile shopper = profile;
        updater.apply(shopper, event("v-" + product + "-" + atMs, EventType.VIEW, "u", product, atMs),
            model.catalog(), ItemSignalHandler.NONE);
    }
}
