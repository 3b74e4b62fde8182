package io.tailor.scoring.segment;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.profile.ShopperChoices;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentRuleTest
{
    private static final long MINUTE = 60_000L;

    /** "Purchased for at least 100,000 in the last 2 days and had no service event" (in those 2 days). */
    private static final SegmentRule BIG_SPENDERS_WITHOUT_COMPLAINTS = new SegmentRule.And(List.of(
        new SegmentRule.Window(Measure.SUM, EventType.PURCHASE, null, null, 2 * DAY, Comparison.GTE, 100_000),
        new SegmentRule.Not(new SegmentRule.Window(Measure.COUNT, EventType.SERVICE, null, null, 2 * DAY,
            Comparison.GTE, 1))));

    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final Profile profile = new Profile(Fixtures.D);

    @Test
    void shouldAdmitABigSpenderAndLetThemGoWhenTwoDaysPassWithoutANewEvent()
    {
        purchase("o1", NOW, 60_000);
        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW)).as("60,000 is not enough").isFalse();

        purchase("o2", NOW + DAY, 50_000);
        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW + DAY)).isTrue();
        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW + 2 * DAY - MINUTE)).isTrue();
        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW + 2 * DAY + MINUTE))
            .as("the first order left the window").isFalse();
    }

    @Test
    void shouldNotAdmitABigSpenderWhoContactedCustomerService()
    {
        purchase("o1", NOW, 150_000);
        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW + MINUTE)).isTrue();

        updater.apply(profile, new Event("s1", EventType.SERVICE, "u", null, null, List.of(), Double.NaN,
            NOW + 2 * MINUTE, Channel.CALLCENTER, null, null), catalog, ItemSignalHandler.NONE);

        assertThat(BIG_SPENDERS_WITHOUT_COMPLAINTS.matches(profile, NOW + 3 * MINUTE)).isFalse();
    }

    @Test
    void shouldCountEventsByCategoryAndProductOnceBoundToTheCatalog()
    {
        for (int i = 0; i < 3; i++)
        {
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "p0-" + i, NOW + i * MINUTE), catalog,
                ItemSignalHandler.NONE);
        }
        updater.apply(profile, event("c1", EventType.ADD_TO_CART, "u", "p1-4", NOW), catalog,
            ItemSignalHandler.NONE);
        final SegmentRule apparelViews = new SegmentRule.Window(Measure.COUNT, EventType.VIEW, null, "apparel",
            7 * DAY, Comparison.GTE, 3);
        final SegmentRule cartedShirt = new SegmentRule.Window(Measure.COUNT, EventType.ADD_TO_CART, "p1-4", null,
            30 * MINUTE, Comparison.GTE, 1);

        assertThat(apparelViews.matches(profile, NOW + DAY)).as("unbound: no category known").isFalse();
        assertThat(apparelViews.bind(catalog).matches(profile, NOW + DAY)).isTrue();
        assertThat(new SegmentRule.Window(Measure.COUNT, EventType.VIEW, null, "media", 7 * DAY, Comparison.GTE, 1)
            .bind(catalog).matches(profile, NOW + DAY)).isFalse();
        assertThat(cartedShirt.matches(profile, NOW + 29 * MINUTE)).isTrue();
        assertThat(cartedShirt.matches(profile, NOW + 31 * MINUTE)).isFalse();
    }

    @Test
    void shouldTestProfileFields()
    {
        purchase("o1", NOW - 40 * DAY, 500);
        final SegmentRule loyal = new SegmentRule.And(List.of(
            new SegmentRule.Field(ProfileField.SPEND, null, null, Comparison.GTE, 500),
            new SegmentRule.Field(ProfileField.EVENTS, EventType.PURCHASE, null, Comparison.EQ, 1),
            new SegmentRule.Field(ProfileField.LAST_SEEN, null, null, Comparison.GTE, 30 * DAY),
            new SegmentRule.Field(ProfileField.LAST_SERVICE_CONTACT, null, null, Comparison.GTE, 365 * DAY),
            new SegmentRule.Field(ProfileField.PURCHASED, null, "p1-1", Comparison.EQ, 1)));

        assertThat(loyal.matches(profile, NOW)).isTrue();
        assertThat(new SegmentRule.Or(List.of(new SegmentRule.Field(ProfileField.LAST_SEEN, null, null, Comparison.LT,
            30 * DAY), new SegmentRule.Field(ProfileField.PURCHASED, null, "p0-0", Comparison.EQ, 1)))
            .matches(profile, NOW)).isFalse();
    }

    @Test
    void shouldAdmitToAMarketingSegmentOnlyWithMarketingConsent()
    {
        purchase("o1", NOW, 150_000);
        final Segment marketing = new Segment("vip", Purpose.MARKETING, BIG_SPENDERS_WITHOUT_COMPLAINTS, List.of(),
            List.of());
        final Segment site = new Segment("vip-site", Purpose.PERSONALIZATION, BIG_SPENDERS_WITHOUT_COMPLAINTS,
            List.of(), List.of());

        assertThat(marketing.member(profile, NOW)).isFalse();
        assertThat(site.member(profile, NOW)).isTrue();
        ShopperChoices.setConsent(profile, null, true, NOW);
        assertThat(marketing.member(profile, NOW)).isTrue();
        ShopperChoices.setConsent(profile, false, true, NOW);
        assertThat(site.member(profile, NOW)).as("no profiling without personalization consent").isFalse();
    }

    @Test
    void shouldRoundTripABoundRuleThroughItsBinaryForm()
    {
        final SegmentRule rule = new SegmentRule.Or(List.of(BIG_SPENDERS_WITHOUT_COMPLAINTS,
            new SegmentRule.Window(Measure.COUNT, EventType.VIEW, null, "apparel", 7 * DAY, Comparison.GTE, 3),
            new SegmentRule.Field(ProfileField.EVENTS, EventType.VIEW, null, Comparison.GT, 2),
            new SegmentRule.Field(ProfileField.PURCHASED, null, "p1-1", Comparison.EQ, 1))).bind(catalog);

        final SegmentRule decoded = SegmentRuleCodec.decode(SegmentRuleCodec.encode(rule));

        assertThat(SegmentRuleCodec.encode(decoded)).isEqualTo(SegmentRuleCodec.encode(rule));
        purchase("o1", NOW, 150_000);
        assertThat(decoded.matches(profile, NOW)).isEqualTo(rule.matches(profile, NOW)).isTrue();
    }

    private void purchase(final String id, final long at, final double amount)
    {
        updater.apply(profile, new Event(id, EventType.PURCHASE, "u", null, null,
            List.of(new LineItem("p1-1", 1, Double.NaN)), amount, at, Channel.WEB, null, null), catalog,
            ItemSignalHandler.NONE);
    }
}
