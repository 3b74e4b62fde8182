package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class ProfileMergerTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final ProfileMerger merger = new ProfileMerger(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final Profile profile = new Profile(Fixtures.D);

    @Test
    void shouldMergeTwoHistoriesWithoutLosingOrDoubleCountingAnything()
    {
        final Profile anonymous = new Profile(Fixtures.D);
        updater.apply(anonymous, event("a1", EventType.VIEW, "x", "p0-1", NOW - 3000), catalog,
            ItemSignalHandler.NONE);
        updater.apply(anonymous, Fixtures.purchase("a2", "x", NOW - 2000, new LineItem("p2-1", 1, 40)), catalog,
            ItemSignalHandler.NONE);
        updater.apply(anonymous, event("a3", EventType.IMPRESSION, "x", "p1-5", NOW - 1000), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, event("u1", EventType.VIEW, "u", "p1-1", NOW - 2500), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, Fixtures.purchase("u2", "u", NOW - 500, new LineItem("p2-2", 2, 10)), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, event("u3", EventType.IMPRESSION, "u", "p1-5", NOW - 100), catalog,
            ItemSignalHandler.NONE);
        final long version = profile.version();

        final var outcome = merger.merge(profile, anonymous, Hashing.key("merge:a:x:3"), NOW);

        assertThat(outcome).isEqualTo(ProfileUpdater.Outcome.APPLIED);
        assertThat(profile.version()).isEqualTo(version + 1);
        assertThat(profile.count(EventType.VIEW)).isEqualTo(2);
        assertThat(profile.count(EventType.PURCHASE)).isEqualTo(2);
        assertThat(profile.spend()).isEqualTo(60.0);
        assertThat(profile.owns(Hashing.key("p2-1"))).isTrue();
        assertThat(profile.owns(Hashing.key("p2-2"))).isTrue();
        assertThat(profile.recentIndexOf(Hashing.key("p0-1"))).isNotNegative();
        assertThat(profile.impressions().shown(Hashing.key("p1-5"), NOW, DAY)).isEqualTo(2);
        assertThat(profile.createdAtMs()).isEqualTo(NOW - 3000);
        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, null, NOW - DAY)).isEqualTo(60.0);
        assertThat(updater.apply(profile, event("a1", EventType.VIEW, "u", "p0-1", NOW), catalog,
            ItemSignalHandler.NONE)).as("an event re-sent under the customer id").isEqualTo(
            ProfileUpdater.Outcome.DUPLICATE);

        final byte[] merged = ProfileCodec.encode(profile);
        assertThat(merger.merge(profile, anonymous, Hashing.key("merge:a:x:3"), NOW + 1))
            .as("a retried merge").isEqualTo(ProfileUpdater.Outcome.DUPLICATE);
        assertThat(ProfileCodec.encode(profile)).isEqualTo(merged);
    }

    @Test
    void shouldKeepTheCustomersStatedConsentWhenMerging()
    {
        final Profile anonymous = new Profile(Fixtures.D);
        ShopperChoices.setConsent(anonymous, null, true, NOW);
        ShopperChoices.setConsent(profile, null, false, NOW);
        merger.merge(profile, anonymous, Hashing.NONE, NOW);
        assertThat(ProfileFlags.marketing(profile.flags())).isFalse();

        final Profile fresh = new Profile(Fixtures.D);
        merger.merge(fresh, anonymous, Hashing.NONE, NOW);
        assertThat(ProfileFlags.marketing(fresh.flags())).as("stated only on the anonymous side").isTrue();
    }

    @Test
    void shouldKeepAGlobalPrivacyControlRefusalOfEitherSideOverTheCustomersStatedMarketingConsent()
    {
        final Profile anonymous = new Profile(Fixtures.D);
        ShopperChoices.refuseMarketingByGpc(anonymous, NOW);
        ShopperChoices.setConsent(profile, null, true, NOW);
        merger.merge(profile, anonymous, Hashing.NONE, NOW);
        assertThat(ProfileFlags.marketing(profile.flags())).as("the browser's refusal outranks the customer's yes")
            .isFalse();
        assertThat(ProfileFlags.gpc(profile.flags())).isTrue();
        assertThat(ProfileFlags.personalization(profile.flags())).as("GPC is no objection to personalization")
            .isTrue();

        final Profile card = new Profile(Fixtures.D);
        ShopperChoices.setConsent(card, null, true, NOW);
        merger.merge(profile, card, Hashing.NONE, NOW);
        assertThat(ProfileFlags.marketing(profile.flags())).as("refused on the customer's side, kept").isFalse();

        ShopperChoices.setConsent(profile, null, true, NOW + 1);
        assertThat(ProfileFlags.marketing(profile.flags())).as("the shopper's own later opt-in lifts it").isTrue();
        assertThat(ProfileFlags.gpc(profile.flags())).isFalse();
    }

    @Test
    void shouldLeaveNoHistoryWhenTheMergedSideWithdrewPersonalization()
    {
        final Profile anonymous = new Profile(Fixtures.D);
        ShopperChoices.setConsent(anonymous, false, null, NOW);
        updater.apply(profile, event("u1", EventType.VIEW, "u", "p1-1", NOW), catalog, ItemSignalHandler.NONE);

        merger.merge(profile, anonymous, Hashing.NONE, NOW);

        assertThat(ProfileFlags.personalization(profile.flags())).isFalse();
        assertThat(profile.hasHistory()).isFalse();
    }
}
