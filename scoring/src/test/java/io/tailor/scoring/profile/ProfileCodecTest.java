package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import org.junit.jupiter.api.Test;

import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

class ProfileCodecTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());

    @Test
    void shouldRoundTripEveryField()
    {
        final Profile profile = new Profile(Fixtures.D);
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, event("b", EventType.ADD_TO_CART, "u", "p1-2", NOW + 5000), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, Fixtures.purchase("c", "u", NOW + 9000, new LineItem("p2-3", 1, 30.0)), catalog,
            ItemSignalHandler.NONE);

        final byte[] bytes = ProfileCodec.encode(profile);
        final Profile decoded = ProfileCodec.decode(bytes, new Profile(Fixtures.D));

        assertThat(ProfileCodec.encode(decoded)).isEqualTo(bytes);
        assertThat(decoded.version()).isEqualTo(3);
        assertThat(decoded.spend()).isEqualTo(30.0);
        assertThat(decoded.recentCount()).isEqualTo(3);
        assertThat(decoded.recentAtMs(2)).isEqualTo(profile.recentAtMs(2));
        for (int i = 0; i < Fixtures.D; i++)
        {
            assertThat(decoded.affinity()[i]).as("half precision")
                .isCloseTo(profile.affinity()[i], within(Math.abs(profile.affinity()[i]) * 1e-3f + 1e-4f));
        }
        assertThat(decoded.seen(io.tailor.scoring.util.Hashing.key("b"))).isTrue();
        assertThat(ProfileCodec.version(bytes)).isEqualTo(3);
    }

    @Test
    void shouldKeepAFullProfileWithinTwoKibibytes()
    {
        final Profile profile = new Profile(64);
        for (int i = 0; i < 40; i++)
        {
            updater.apply(profile, event("imp" + i, EventType.IMPRESSION, "u", "shown-" + i, NOW), catalog,
                ItemSignalHandler.NONE);
        }
        for (int i = 0; i < 500; i++)
        {
            final String product = "p" + (i % 3) + "-" + (i % 10);
            updater.apply(profile, Fixtures.purchase("o" + i, "u", NOW + i * 1000L, new LineItem(product, 1, 10),
                new LineItem("unknown-" + i, 1, 10)), catalog, ItemSignalHandler.NONE);
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "other-" + i, NOW + i * 1000L), catalog,
                ItemSignalHandler.NONE);
        }
        assertThat(profile.ownedCount()).isEqualTo(Profile.MAX_OWNED);
        assertThat(profile.recentCount()).isEqualTo(Profile.MAX_RECENT);
        assertThat(profile.eventIdCount()).isEqualTo(Profile.MAX_EVENT_IDS);
        assertThat(profile.impressionCount()).isEqualTo(Profile.MAX_IMPRESSIONS);

        assertThat(ProfileCodec.encodedLength(profile)).isLessThanOrEqualTo(2048);
    }

    @Test
    void shouldRoundTripImpressionsAndTheFilterOfEverythingOwned()
    {
        final Profile profile = new Profile(Fixtures.D);
        for (int i = 0; i < 60; i++)
        {
            updater.apply(profile, Fixtures.purchase("o" + i, "u", NOW + i * 1000L, new LineItem("bought-" + i, 1, 5)),
                catalog, ItemSignalHandler.NONE);
        }
        updater.apply(profile, event("i1", EventType.IMPRESSION, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, event("i2", EventType.IMPRESSION, "u", "p0-1", NOW + 1000), catalog,
            ItemSignalHandler.NONE);

        final Profile decoded = ProfileCodec.decode(ProfileCodec.encode(profile), new Profile(Fixtures.D));

        assertThat(decoded.ownedCount()).isEqualTo(Profile.MAX_OWNED);
        assertThat(decoded.owns(io.tailor.scoring.util.Hashing.key("bought-0"))).as("beyond the list").isTrue();
        assertThat(decoded.owns(io.tailor.scoring.util.Hashing.key("never-bought"))).isFalse();
        assertThat(decoded.impressions(io.tailor.scoring.util.Hashing.key("p0-1"), NOW + 2000, 86_400_000L))
            .isEqualTo(2);
        assertThat(ProfileCodec.encode(decoded)).isEqualTo(ProfileCodec.encode(profile));
    }

    @Test
    void shouldKeepANewShoppersProfileSmall()
    {
        final Profile profile = new Profile(64);
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);

        assertThat(ProfileCodec.encode(profile).length).isLessThan(450);
    }

    @Test
    void shouldTellATombstoneFromAProfileAndKeepItsVersion()
    {
        final byte[] tombstone = ProfileCodec.tombstone(42, Fixtures.NOW);
        final byte[] profile = ProfileCodec.encode(new Profile(8));

        assertThat(ProfileCodec.isTombstone(tombstone)).isTrue();
        assertThat(ProfileCodec.isProfile(tombstone)).isFalse();
        assertThat(ProfileCodec.version(tombstone)).isEqualTo(42);
        assertThat(ProfileCodec.isProfile(profile)).isTrue();
        assertThat(ProfileCodec.isProfile(null)).isFalse();
        assertThatThrownBy(() -> ProfileCodec.decode(tombstone, new Profile(8)))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldRejectAnUnknownFormat()
    {
        final byte[] bytes = ProfileCodec.encode(new Profile(8));
        bytes[0] = 99;

        assertThatThrownBy(() -> ProfileCodec.decode(bytes, new Profile(8)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format 99");
    }

    @Test
    void shouldRejectAnotherDimension()
    {
        final Profile profile = new Profile(Fixtures.D);
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        final byte[] bytes = ProfileCodec.encode(profile);

        assertThatThrownBy(() -> ProfileCodec.decode(bytes, new Profile(32)))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("dimension");
    }
}
