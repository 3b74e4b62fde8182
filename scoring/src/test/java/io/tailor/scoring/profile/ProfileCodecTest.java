package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalHandler;
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

    private final Profile fullProfileScratch = new Profile(64);

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
        final Profile profile = fullProfile();
        assertThat(profile.ownedCount()).isEqualTo(Profile.MAX_OWNED);
        assertThat(profile.recentCount()).isEqualTo(Profile.MAX_RECENT);
        assertThat(profile.eventIdCount()).isEqualTo(Profile.MAX_EVENT_IDS);
        assertThat(profile.impressions().size()).isEqualTo(ImpressionCounts.MAX_STORED);
        assertThat(profile.preferences().categoryCount()).isEqualTo(StatedPreferences.MAX_CATEGORIES);
        assertThat(profile.preferences().dislikedCount()).isEqualTo(StatedPreferences.MAX_DISLIKED);
        assertThat(profile.categoryCount()).isEqualTo(Profile.MAX_CATEGORIES);
        assertThat(profile.brandCount()).isEqualTo(Profile.MAX_BRANDS);

        assertThat(ProfileCodec.encodedLength(profile)).isLessThanOrEqualTo(ProfileCodec.MAX_LENGTH);
        assertThat(ProfileCodec.encode(profile)).hasSizeLessThanOrEqualTo(2048);
        assertThat(profile.activityCount()).as("even with every other section full, the log keeps some purchases")
            .isGreaterThanOrEqualTo(4);
        System.out.printf("full profile: %d bytes, %d activity entries%n", ProfileCodec.encodedLength(profile),
            profile.activityCount());
    }

    @Test
    void shouldKeepAHeavyShoppersActivityLogWithinTwoKibibytes()
    {
        // A month of a busy shopper: every list full but no stated preferences and last week's impressions
        // expired from the frequency cap's point of view (still held: the codec does not know the window).
        final Profile profile = new Profile(64);
        for (int i = 0; i < 300; i++)
        {
            final long at = NOW + i * 600_000L;
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "p" + (i % 3) + "-" + (i % 10), at), catalog,
                ItemSignalHandler.NONE);
            if (i % 10 == 0)
            {
                updater.apply(profile, Fixtures.purchase("o" + i, "u", at, new LineItem("bought-" + i, 1, 10)),
                    catalog, ItemSignalHandler.NONE);
            }
        }

        assertThat(ProfileCodec.encodedLength(profile)).isLessThanOrEqualTo(ProfileCodec.MAX_LENGTH);
        assertThat(profile.activityCount()).isEqualTo(Profile.MAX_ACTIVITY);
        System.out.printf("heavy shopper without preferences or impressions: %d bytes, %d activity entries%n",
            ProfileCodec.encodedLength(profile), profile.activityCount());
    }

    private Profile fullProfile()
    {
        // Twelve categories and ten brands, so the category and brand lists fill up too.
        final java.util.List<io.tailor.scoring.catalog.Product> products = new java.util.ArrayList<>();
        for (int i = 0; i < 120; i++)
        {
            products.add(Fixtures.product("wide-" + i, "dept-" + (i % 12) + "/leaf", "Brand" + (i % 10), 10 + i));
        }
        final CatalogSnapshot wide = Fixtures.snapshot(products);
        for (int i = 0; i < 120; i++)
        {
            updater.apply(fullProfileScratch, event("w" + i, EventType.VIEW, "u", "wide-" + i, NOW - 1000L + i),
                wide, ItemSignalHandler.NONE);
        }
        final Profile profile = fullProfileScratch;
        for (int i = 0; i < 40; i++)
        {
            updater.apply(profile, event("imp" + i, EventType.IMPRESSION, "u", "shown-" + i, NOW), catalog,
                ItemSignalHandler.NONE);
        }
        ShopperChoices.setPreferences(profile, new long[] {1, 2, 3, 4}, new long[] {5, 6, 7, 8},
            new String[] {"XXL-tall", "EU 42.5", "M", "38/40"}, new long[] {9, 10, 11, 12, 13, 14, 15, 16}, NOW);
        for (int i = 0; i < 500; i++)
        {
            final String product = "p" + (i % 3) + "-" + (i % 10);
            updater.apply(profile, Fixtures.purchase("o" + i, "u", NOW + i * 1000L, new LineItem(product, 1, 10),
                new LineItem("unknown-" + i, 1, 10)), catalog, ItemSignalHandler.NONE);
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "other-" + i, NOW + i * 1000L), catalog,
                ItemSignalHandler.NONE);
        }
        updater.apply(profile, new io.tailor.scoring.event.Event("svc", EventType.SERVICE, "u", null, null,
            java.util.List.of(), Double.NaN, NOW + 600_000L, io.tailor.scoring.event.Channel.CALLCENTER, null, null),
            catalog, ItemSignalHandler.NONE);
        return profile;
    }

    @Test
    void shouldRoundTripPreferencesActivityAndFirstTouchTimes()
    {
        final Profile profile = fullProfile();

        final byte[] bytes = ProfileCodec.encode(profile);
        final Profile decoded = ProfileCodec.decode(bytes, new Profile(64));

        assertThat(ProfileCodec.encode(decoded)).isEqualTo(bytes);
        assertThat(decoded.preferences().size(1)).isEqualTo("EU 42.5");
        assertThat(decoded.preferences().statesSize("m")).isTrue();
        assertThat(decoded.preferences().statesSize("L")).isFalse();
        assertThat(decoded.preferences().dislikedKey(7)).isEqualTo(16);
        assertThat(decoded.lastServiceAtMs()).isEqualTo(NOW + 600_000L);
        assertThat(decoded.activityCount()).isEqualTo(profile.activityCount());
        for (int i = 0; i < profile.activityCount(); i++)
        {
            assertThat(decoded.activityAtMs(i)).isEqualTo(profile.activityAtMs(i));
            assertThat(decoded.activityType(i)).isEqualTo(profile.activityType(i));
            assertThat(decoded.activityProduct(i)).isEqualTo(profile.activityProduct(i));
            assertThat(decoded.activityValue(i)).isEqualTo(profile.activityValue(i));
            assertThat(decoded.activityStartsEvent(i)).isEqualTo(profile.activityStartsEvent(i));
        }
        for (int i = 0; i < profile.recentCount(); i++)
        {
            assertThat(decoded.recentFirstAtMs(i)).isEqualTo(profile.recentFirstAtMs(i));
        }
    }

    @Test
    void shouldReadAProfileWrittenInFormat2()
    {
        // format 2: header without last service contact, recent entries without first-touch times, no
        // preferences and no activity log.
        final byte[] bytes = new byte[53 + 2 + 1 + 1 + 1 + 13 + 1 + 1 + 1 + 2 + 1 + 4];
        final org.agrona.concurrent.UnsafeBuffer buffer = new org.agrona.concurrent.UnsafeBuffer(bytes);
        final java.nio.ByteOrder le = java.nio.ByteOrder.LITTLE_ENDIAN;
        buffer.putByte(0, (byte)2);
        buffer.putLong(1, 7, le);
        buffer.putLong(9, NOW, le);
        buffer.putLong(17, NOW, le);
        buffer.putDouble(37, 12.5, le);
        int offset = 53 + 2 + 1 + 1;
        buffer.putByte(offset++, (byte)1);
        buffer.putLong(offset, io.tailor.scoring.util.Hashing.key("p0-1"), le);
        buffer.putInt(offset + 8, ProfileCodec.toSeconds(NOW), le);
        buffer.putByte(offset + 12, (byte)EventType.VIEW.ordinal());
        offset += 13 + 1 + 1 + 1 + 2;
        buffer.putByte(offset++, (byte)1);
        buffer.putInt(offset, 3, le);

        final Profile decoded = ProfileCodec.decode(bytes, new Profile(64));

        assertThat(decoded.version()).isEqualTo(7);
        assertThat(decoded.spend()).isEqualTo(12.5);
        assertThat(decoded.recentCount()).isEqualTo(1);
        assertThat(decoded.recentFirstAtMs(0)).isEqualTo(NOW);
        assertThat(decoded.count(EventType.VIEW)).isEqualTo(3);
        assertThat(decoded.activityCount()).isZero();
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
        assertThat(decoded.impressions().shown(io.tailor.scoring.util.Hashing.key("p0-1"), NOW + 2000, 86_400_000L))
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
