package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ProfileUpdaterTest
{
    private static final int HOME = 0;
    private static final int PRODUCT = 1;
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final Profile profile = new Profile(Fixtures.D);

    @Test
    void shouldRecordViewInRecentItemsCategoryBrandAndAffinity()
    {
        final var outcome = updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-1", NOW), catalog,
            ItemSignalHandler.NONE);

        assertThat(outcome).isEqualTo(ProfileUpdater.Outcome.APPLIED);
        assertThat(profile.version()).isEqualTo(1);
        assertThat(profile.recentCount()).isEqualTo(1);
        assertThat(profile.recentKey(0)).isEqualTo(Hashing.key("p0-1"));
        assertThat(profile.categoryCount()).isEqualTo(1);
        assertThat(profile.categoryKey(0)).isEqualTo(Hashing.key("apparel/shoes/running"));
        assertThat(profile.brandCount()).isEqualTo(1);
        assertThat(profile.hasAffinity()).isTrue();
        assertThat(profile.count(EventType.VIEW)).isEqualTo(1);
    }

    @Test
    void shouldCountARepeatedEventIdAsDuplicateAndChangeNothing()
    {
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        final byte[] before = ProfileCodec.encode(profile);

        final var outcome = updater.apply(profile, event("e1", EventType.ADD_TO_CART, "u", "p1-1", NOW + 1000),
            catalog, ItemSignalHandler.NONE);

        assertThat(outcome).isEqualTo(ProfileUpdater.Outcome.DUPLICATE);
        assertThat(ProfileCodec.encode(profile)).isEqualTo(before);
    }

    @Test
    void shouldRecordNoImpressionsForAShopperWhoWithdrewPersonalizationConsent()
    {
        ShopperChoices.setConsent(profile, false, null, NOW);
        final byte[] before = ProfileCodec.encode(profile);

        assertThat(updater.applyImpressions(profile, Hashing.key("req-1"), new long[] {Hashing.key("p0-1")}, 1,
            NOW + 10)).isEqualTo(ProfileUpdater.Outcome.ANONYMOUS);
        assertThat(ProfileCodec.encode(profile)).isEqualTo(before);
    }

    @Test
    void shouldCountAServedListOnceEvenWhenItsImpressionsAreDeliveredTwice()
    {
        final long[] shown = {Hashing.key("p0-1"), Hashing.key("p1-1")};
        final long window = ProfileSettings.DEFAULT.impressionWindow().toMillis();

        assertThat(updater.applyImpressions(profile, Hashing.key("req-1"), shown, 2, NOW))
            .isEqualTo(ProfileUpdater.Outcome.APPLIED);
        assertThat(updater.applyImpressions(profile, Hashing.key("req-1"), shown, 2, NOW + 10))
            .isEqualTo(ProfileUpdater.Outcome.DUPLICATE);
        assertThat(updater.applyImpressions(profile, Hashing.key("req-2"), shown, 1, NOW + 20))
            .isEqualTo(ProfileUpdater.Outcome.APPLIED);

        assertThat(profile.impressions().shown(shown[0], NOW + 30, window)).isEqualTo(2);
        assertThat(profile.impressions().shown(shown[1], NOW + 30, window)).isEqualTo(1);
        assertThat(profile.version()).isEqualTo(2);
    }

    @Test
    void shouldLearnAClickOnThePlacementItsRequestIdNamesElseTheCallersElseNone()
    {
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(DAY);
        final Event fromProductPage = new Event("c1", EventType.CLICK, "u", null, "p0-1", List.of(), Double.NaN, NOW,
            Channel.WEB, null, "n1-0-1c-t5m2xk.pZ");
        final Event withoutId = new Event("c2", EventType.CLICK, "u", null, "p0-2", List.of(), Double.NaN, NOW,
            Channel.WEB, null, null);

        updater.apply(profile, fromProductPage, catalog, signals, HOME);
        updater.apply(profile, withoutId, catalog, signals, HOME);
        updater.apply(profile, event("c3", EventType.CLICK, "u", "p0-3", NOW), catalog, signals);

        assertThat(signals.stats(Hashing.key("p0-1")).exposure().clickedAt(PRODUCT, NOW)).as("the id's").isOne();
        assertThat(signals.stats(Hashing.key("p0-1")).exposure().clickedAt(HOME, NOW)).isZero();
        assertThat(signals.stats(Hashing.key("p0-2")).exposure().clickedAt(HOME, NOW)).as("the caller's").isOne();
        assertThat(signals.stats(Hashing.key("p0-3")).exposure().clickedAt(NOW)).as("pooled only").isOne();
        assertThat(signals.stats(Hashing.key("p0-3")).exposure().hasPlacements()).isFalse();
    }

    @Test
    void shouldCountTheClicksOfAnonymousShoppersAndOfShoppersWhoObjectedAsClicks()
    {
        final ItemSignalAccumulator signals = new ItemSignalAccumulator(DAY);
        final Event anonymous = new Event("a1", EventType.CLICK, null, "cookie-1", "p0-1", List.of(), Double.NaN, NOW,
            Channel.WEB, null, "n1-0-1c-t5m2xk.hZ");
        final Profile objected = new Profile(Fixtures.D);
        ShopperChoices.setConsent(objected, false, null, NOW);

        assertThat(updater.apply(new Profile(Fixtures.D), anonymous, catalog, signals))
            .isEqualTo(ProfileUpdater.Outcome.APPLIED);
        assertThat(updater.apply(objected, event("o1", EventType.CLICK, "o", "p0-1", NOW), catalog, signals,
            HOME)).isEqualTo(ProfileUpdater.Outcome.ANONYMOUS);

        assertThat(signals.stats(Hashing.key("p0-1")).exposure().clickedAt(NOW)).isEqualTo(2.0);
        assertThat(signals.stats(Hashing.key("p0-1")).exposure().clickedAt(HOME, NOW)).isEqualTo(2.0);
        assertThat(signals.stats(Hashing.key("p0-1")).views()).as("and as popularity").isEqualTo(2.0);
    }

    @Test
    void shouldRememberAtLeastTheLast64EventIds()
    {
        for (int i = 0; i < 100; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "p0-1", NOW + i), catalog,
                ItemSignalHandler.NONE);
        }
        for (int i = 100 - Profile.MAX_EVENT_IDS; i < 100; i++)
        {
            assertThat(updater.apply(profile, event("e" + i, EventType.VIEW, "u", "p0-1", NOW + 500), catalog,
                ItemSignalHandler.NONE)).as("event e" + i).isEqualTo(ProfileUpdater.Outcome.DUPLICATE);
        }
    }

    @Test
    void shouldWeighAnOutOfOrderEventByItsOwnTime()
    {
        updater.apply(profile, event("new", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, event("old", EventType.VIEW, "u", "p1-1", NOW - 30 * DAY), catalog,
            ItemSignalHandler.NONE);

        final float running = weightOf(Hashing.key("apparel/shoes/running"));
        final float shirts = weightOf(Hashing.key("apparel/shirts"));
        assertThat(profile.decayAtMs()).isEqualTo(NOW);
        assertThat(shirts / running).isCloseTo(0.5f, within(1e-4f));
        assertThat(profile.recentKey(0)).as("older event sorts first").isEqualTo(Hashing.key("p1-1"));
    }

    @Test
    void shouldDecayEarlierAffinitiesWhenALaterEventArrives()
    {
        updater.apply(profile, event("a", EventType.VIEW, "u", "p1-1", NOW - 30 * DAY), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, event("b", EventType.VIEW, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);

        assertThat(weightOf(Hashing.key("apparel/shirts")) / weightOf(Hashing.key("apparel/shoes/running")))
            .isCloseTo(0.5f, within(1e-4f));
    }

    @Test
    void shouldRecordPurchasedItemsAsOwnedWithSpendAndSignals()
    {
        final List<String> signals = new ArrayList<>();
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW, new LineItem("p0-1", 2, 50.0),
            new LineItem("p2-3", 1, 12.5)), catalog, (key, kind, weight, at) -> signals.add(kind + ":" + weight));

        assertThat(profile.owns(Hashing.key("p0-1"))).isTrue();
        assertThat(profile.owns(Hashing.key("p2-3"))).isTrue();
        assertThat(profile.ownedType(0)).isEqualTo(EventType.PURCHASE);
        assertThat(profile.spend()).isEqualTo(112.5);
        assertThat(signals).containsExactly(PopularityKind.PURCHASE + ":2.0", PopularityKind.PURCHASE + ":1.0");
    }

    @Test
    void shouldTreatRatedItemsAsOwned()
    {
        updater.apply(profile, Fixtures.rating("r1", "u", "p2-2", 5, NOW), catalog, ItemSignalHandler.NONE);

        assertThat(profile.owns(Hashing.key("p2-2"))).isTrue();
        assertThat(profile.ownedType(0)).isEqualTo(EventType.RATING);
    }

    @Test
    void shouldNotEmitSignalsForDuplicates()
    {
        final List<Long> signals = new ArrayList<>();
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-1", NOW), catalog,
            (key, kind, weight, at) -> signals.add(key));
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-1", NOW), catalog,
            (key, kind, weight, at) -> signals.add(key));

        assertThat(signals).hasSize(1);
    }

    @Test
    void shouldNotUseSensitiveProductsAsSignalsOutsideTheirCategory()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        final Product test = Fixtures.with(Fixtures.product("pt", "health/tests", "Care", 9), true, true, NOW);
        products.add(test);
        final CatalogSnapshot withSensitive = Fixtures.snapshot(products);

        updater.apply(profile, event("e1", EventType.VIEW, "u", "pt", NOW), withSensitive, ItemSignalHandler.NONE);

        assertThat(profile.recentCount()).as("still recorded").isEqualTo(1);
        assertThat(profile.hasAffinity()).isFalse();
        assertThat(profile.categoryCount()).isZero();
        assertThat(profile.brandCount()).isZero();
    }

    @Test
    void shouldRecordEventsForProductsNotYetInTheCatalog()
    {
        updater.apply(profile, event("e1", EventType.VIEW, "u", "unknown", NOW), catalog, ItemSignalHandler.NONE);

        assertThat(profile.recentKey(0)).isEqualTo(Hashing.key("unknown"));
        assertThat(profile.hasAffinity()).isFalse();
    }

    @Test
    void shouldKeepOneRecentEntryPerProductWithTheStrongestInteraction()
    {
        updater.apply(profile, event("a", EventType.ADD_TO_CART, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, event("b", EventType.VIEW, "u", "p0-2", NOW + 1000), catalog, ItemSignalHandler.NONE);
        updater.apply(profile, event("c", EventType.VIEW, "u", "p0-1", NOW + 2000), catalog, ItemSignalHandler.NONE);

        assertThat(profile.recentCount()).isEqualTo(2);
        assertThat(profile.recentKey(1)).isEqualTo(Hashing.key("p0-1"));
        assertThat(profile.recentType(1)).isEqualTo(EventType.ADD_TO_CART);
    }

    @Test
    void shouldDropTheOldestRecentItemWhenFull()
    {
        for (int i = 0; i < Profile.MAX_RECENT + 3; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "x" + i, NOW + i * 1000L), catalog,
                ItemSignalHandler.NONE);
        }
        assertThat(profile.recentCount()).isEqualTo(Profile.MAX_RECENT);
        assertThat(profile.recentKey(0)).isEqualTo(Hashing.key("x3"));
    }

    @Test
    void shouldLowerCategoryWeightOnRemoveFromCart()
    {
        updater.apply(profile, event("a", EventType.ADD_TO_CART, "u", "p0-1", NOW), catalog, ItemSignalHandler.NONE);
        final float before = weightOf(Hashing.key("apparel/shoes/running"));
        updater.apply(profile, event("b", EventType.REMOVE_FROM_CART, "u", "p0-1", NOW), catalog,
            ItemSignalHandler.NONE);

        assertThat(weightOf(Hashing.key("apparel/shoes/running"))).isLessThan(before);
    }

    @Test
    void shouldPairAViewWithProductsViewedWithinTheWindowOnly()
    {
        final List<String> pairs = new ArrayList<>();
        final ItemSignalHandler recorder = new ItemSignalHandler()
        {
            @Override
            public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
                final long atMs)
            {
            }

            @Override
            public void onCooccurrence(final long productKey, final long otherKey,
                final io.tailor.scoring.model.CooccurrenceKind kind, final long atMs)
            {
                pairs.add(name(productKey) + "-" + name(otherKey) + ":" + kind);
            }
        };
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW - 2 * 3_600_000L), catalog, recorder);
        updater.apply(profile, event("b", EventType.VIEW, "u", "p0-2", NOW - 60_000), catalog, recorder);
        updater.apply(profile, event("c", EventType.ADD_TO_CART, "u", "p1-1", NOW), catalog, recorder);

        assertThat(pairs).containsExactly("p1-1-p0-2:VIEW");
    }

    @Test
    void shouldPairTheLinesOfOneOrderAsBoughtTogether()
    {
        final List<String> pairs = new ArrayList<>();
        final ItemSignalHandler recorder = new ItemSignalHandler()
        {
            @Override
            public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
                final long atMs)
            {
            }

            @Override
            public void onCooccurrence(final long productKey, final long otherKey,
                final io.tailor.scoring.model.CooccurrenceKind kind, final long atMs)
            {
                pairs.add(name(productKey) + "-" + name(otherKey) + ":" + kind);
            }
        };
        updater.apply(profile, Fixtures.purchase("o", "u", NOW, new LineItem("p0-1", 1, 10),
            new LineItem("p1-1", 1, 10), new LineItem("p2-1", 1, 10)), catalog, recorder);

        assertThat(pairs).containsExactlyInAnyOrder("p1-1-p0-1:PURCHASE", "p2-1-p1-1:PURCHASE",
            "p2-1-p0-1:PURCHASE");
    }

    @Test
    void shouldNotPairASensitiveProductWithAnotherCategory()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("pt", "health/tests", "Care", 9), true, true, NOW));
        final CatalogSnapshot withSensitive = Fixtures.snapshot(products);
        final List<Long> pairs = new ArrayList<>();
        final ItemSignalHandler recorder = new ItemSignalHandler()
        {
            @Override
            public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
                final long atMs)
            {
            }

            @Override
            public void onCooccurrence(final long productKey, final long otherKey,
                final io.tailor.scoring.model.CooccurrenceKind kind, final long atMs)
            {
                pairs.add(otherKey);
            }
        };
        updater.apply(profile, event("a", EventType.VIEW, "u", "p0-1", NOW - 1000), withSensitive, recorder);
        updater.apply(profile, event("b", EventType.VIEW, "u", "pt", NOW), withSensitive, recorder);

        assertThat(pairs).isEmpty();
    }

    private static String name(final long key)
    {
        for (final Product p : Fixtures.products())
        {
            if (Hashing.key(p.id()) == key)
            {
                return p.id();
            }
        }
        return Long.toString(key);
    }

    private float weightOf(final long categoryKey)
    {
        for (int i = 0; i < profile.categoryCount(); i++)
        {
            if (profile.categoryKey(i) == categoryKey)
            {
                return profile.categoryWeight(i);
            }
        }
        return 0f;
    }

    @Test
    void shouldOnlyFeedAnonymousAggregatesForAShopperWithoutPersonalizationConsent()
    {
        ShopperChoices.setConsent(profile, false, null, NOW);
        final byte[] before = ProfileCodec.encode(profile);
        final List<String> signals = new ArrayList<>();

        final var outcome = updater.apply(profile, Fixtures.purchase("o1", "u", NOW, new LineItem("p0-1", 1, 20),
            new LineItem("p1-1", 1, 30)), catalog, new ItemSignalHandler()
            {
                @Override
                public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
                    final long atMs)
                {
                    signals.add(kind.name());
                }

                @Override
                public void onCooccurrence(final long productKey, final long otherKey,
                    final io.tailor.scoring.model.CooccurrenceKind kind, final long atMs)
                {
                    signals.add("pair");
                }
            });

        assertThat(outcome).isEqualTo(ProfileUpdater.Outcome.ANONYMOUS);
        assertThat(ProfileCodec.encode(profile)).as("no profile is built").isEqualTo(before);
        assertThat(signals).containsExactly("PURCHASE", "PURCHASE", "pair");
    }

    @Test
    void shouldLearnTheTimeFromFirstViewToPurchaseOnce()
    {
        final List<Long> delays = new ArrayList<>();
        final ItemSignalHandler handler = new ItemSignalHandler()
        {
            @Override
            public void onPopularity(final long productKey, final PopularityKind kind, final double weight,
                final long atMs)
            {
            }

            @Override
            public void onTimeToPurchase(final long productKey, final long delayMs, final long atMs)
            {
                delays.add(delayMs);
            }
        };
        updater.apply(profile, event("v1", EventType.VIEW, "u", "p0-1", NOW), catalog, handler);
        updater.apply(profile, event("v2", EventType.ADD_TO_CART, "u", "p0-1", NOW + DAY), catalog, handler);
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW + 2 * DAY, new LineItem("p0-1", 1, 20),
            new LineItem("p1-1", 1, 20)), catalog, handler);
        updater.apply(profile, Fixtures.purchase("o2", "u", NOW + 3 * DAY, new LineItem("p0-1", 1, 20)), catalog,
            handler);

        assertThat(delays).as("p1-1 was never viewed; p0-1 bought again starts no journey")
            .containsExactly(2 * DAY);
        assertThat(profile.recentFirstAtMs(profile.recentIndexOf(Hashing.key("p0-1")))).isEqualTo(NOW);
    }
}
