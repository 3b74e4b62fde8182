package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ShopperChoicesTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final Profile profile = new Profile(Fixtures.D);

    @Test
    void shouldEraseTheHistoryWhenPersonalizationConsentIsWithdrawnAndKeepTheChoice()
    {
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        ShopperChoices.setPreferences(profile, new long[] {Hashing.key("apparel")}, new long[0], new String[0],
            new long[0], NOW);

        final boolean erased = ShopperChoices.setConsent(profile, false, true, NOW + 1000);

        assertThat(erased).isTrue();
        assertThat(profile.hasAnyHistory()).isFalse();
        assertThat(ProfileFlags.personalization(profile.flags())).isFalse();
        assertThat(ProfileFlags.marketing(profile.flags())).isTrue();
        assertThat(profile.version()).isEqualTo(3);
        assertThat(ShopperChoices.setPreferences(profile, new long[] {1}, new long[0], new String[0], new long[0], NOW))
            .as("no preferences without consent").isFalse();
    }

    @Test
    void shouldRecordAGlobalPrivacyControlRefusalOnceAndKeepItThroughAnOptOut()
    {
        ShopperChoices.setConsent(profile, null, true, NOW);
        final long version = profile.version();

        assertThat(ShopperChoices.refuseMarketingByGpc(profile, NOW + 1)).isTrue();
        assertThat(ShopperChoices.refuseMarketingByGpc(profile, NOW + 2)).as("already recorded").isFalse();
        assertThat(profile.version()).as("one write").isEqualTo(version + 1);
        assertThat(ProfileFlags.marketing(profile.flags())).isFalse();
        assertThat(ProfileFlags.personalization(profile.flags())).isTrue();
        ShopperChoices.setConsent(profile, null, false, NOW + 3);
        assertThat(ProfileFlags.gpc(profile.flags())).as("an opt-out keeps it").isTrue();
        final Profile decoded = new Profile(Fixtures.D);
        ProfileCodec.decode(ProfileCodec.encode(profile), decoded);
        assertThat(ProfileFlags.gpc(decoded.flags())).as("stored with the profile").isTrue();
    }

    @Test
    void shouldDefaultToPersonalizationWithoutMarketing()
    {
        assertThat(ProfileFlags.personalization(profile.flags())).isTrue();
        assertThat(ProfileFlags.marketing(profile.flags())).isFalse();
    }

    @Test
    void shouldRefuseMoreStatedPreferencesThanAProfileHolds()
    {
        assertThatThrownBy(() -> ShopperChoices.setPreferences(profile, new long[5],
            new long[0], new String[0], new long[0], NOW)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ShopperChoices.setPreferences(profile, new long[0],
            new long[0], new String[] {"much too long"}, new long[0], NOW))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
