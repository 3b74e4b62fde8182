package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.ProfileField;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRule;
import io.tailor.scoring.segment.Segments;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 3: placement and segment pins, and the rules they obey. */
class PinnedProductsTest extends RecommenderFixture
{
    @Test
    void shouldNeverRecommendBlockedProductsAndPinThePinnedOnesFirst()
    {
        views("p2-7", 100);
        final Recommender ruled = new Recommender(RankingSettings.DEFAULT.withRules(new MerchandisingRules(
            Set.of("p2-7"), Map.of(Placement.HOME, List.of("p1-9", "p0-0", "nope")), Map.of())));
        final ItemModel model = model(Fixtures.products());

        ruled.recommend(model, null, request.reset(NOW).k(5).explain(true), out);

        assertThat(ids(model, out)).startsWith("p1-9", "p0-0").doesNotContain("p2-7");
        assertThat(out.pinned(0)).isTrue();
        assertThat(out.reasons(0).get(0).code()).isEqualTo("pinned");
        assertThat(out.excluded(RuleKind.BLOCKED)).isEqualTo(1);
    }

    @Test
    void shouldNotPinAProductTheShopperBought()
    {
        final Recommender ruled = new Recommender(RankingSettings.DEFAULT.withRules(new MerchandisingRules(
            Set.of(), Map.of(Placement.HOME, List.of("p1-9")), Map.of())));
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - DAY, new LineItem("p1-9", 1, 20)), model.catalog(),
            ItemSignalHandler.NONE);

        ruled.recommend(model, profile, request.reset(NOW).k(30), out);

        assertThat(ids(model, out)).doesNotContain("p1-9");
        assertThat(out.excluded(RuleKind.PURCHASED)).isPositive();
    }

    @Test
    void shouldPinAndBlockProductsForMembersOfASegment()
    {
        final ItemModel model = model(Fixtures.products());
        final io.tailor.scoring.segment.Segment vip = new io.tailor.scoring.segment.Segment("vip",
            io.tailor.scoring.segment.Purpose.PERSONALIZATION, new io.tailor.scoring.segment.SegmentRule.Field(
            io.tailor.scoring.segment.ProfileField.SPEND, null, null, io.tailor.scoring.segment.Comparison.GTE, 1000),
            List.of("p2-9"), List.of("p0-0"));
        final io.tailor.scoring.segment.Segments segments = new io.tailor.scoring.segment.Segments(List.of(vip));
        final Recommender treating = new Recommender(RankingSettings.DEFAULT, () -> segments);
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - DAY, new LineItem("p1-1", 1, 20)),
            model.catalog(), ItemSignalHandler.NONE);

        treating.recommend(model, profile, request.reset(NOW).k(30), out);
        assertThat(ids(model, out)).contains("p0-0");
        assertThat(out.pinned(0)).isFalse();

        updater.apply(profile, Fixtures.purchase("o2", "u", NOW - DAY, new LineItem("p1-2", 1, 2000)),
            model.catalog(), ItemSignalHandler.NONE);
        treating.recommend(model, profile, request.reset(NOW).k(30), out);

        assertThat(ids(model, out).get(0)).isEqualTo("p2-9");
        assertThat(out.pinned(0)).isTrue();
        assertThat(ids(model, out)).doesNotContain("p0-0");
        assertThat(out.excluded(RuleKind.SEGMENT)).isEqualTo(1);
    }

    @Test
    void shouldPinAProductOnceThoughBothThePlacementAndASegmentPinIt()
    {
        final ItemModel model = model(Fixtures.products());
        final Segment everyone = new Segment("buyers", Purpose.PERSONALIZATION, new SegmentRule.Field(
            ProfileField.SPEND, null, null, Comparison.GTE, 1), List.of("p1-9", "p2-2"), List.of());
        final Segments segments = new Segments(List.of(everyone));
        final Recommender ruled = new Recommender(RankingSettings.DEFAULT.withRules(new MerchandisingRules(
            Set.of(), Map.of(Placement.HOME, List.of("p1-9", "p0-0")), Map.of())), () -> segments);
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - DAY, new LineItem("p1-1", 1, 20)),
            model.catalog(), ItemSignalHandler.NONE);

        ruled.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).startsWith("p1-9", "p0-0", "p2-2").doesNotHaveDuplicates();
        assertThat(out.pinned(2)).isTrue();
        assertThat(out.pinned(3)).isFalse();
    }
}
