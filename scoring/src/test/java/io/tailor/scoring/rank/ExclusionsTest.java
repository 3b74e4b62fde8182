package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ShopperChoices;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

/** Stage 2: every rule that keeps a product out of a list, counted by rule. */
class ExclusionsTest extends RecommenderFixture
{
    @Test
    void shouldNotRecommendWhatTheShopperBoughtOrRated()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW, new LineItem("p0-1", 1, 20)), model.catalog(),
            ItemSignalHandler.NONE);
        updater.apply(profile, Fixtures.rating("r1", "u", "p0-2", 5, NOW), model.catalog(), ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(30), out);

        assertThat(ids(model, out)).doesNotContain("p0-1", "p0-2").hasSize(28);
    }

    @Test
    void shouldNotRecommendBackWhatTheShopperTouchedWithinTheExclusionWindowButShouldLater()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 10 * 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(30), out);
        assertThat(ids(model, out)).doesNotContain("p0-4").hasSize(29);

        recommender.recommend(model, profile, request.reset(NOW + 2 * 3_600_000L).k(30), out);
        assertThat(ids(model, out)).contains("p0-4");
    }

    @Test
    void shouldNotRecommendOutOfStockProducts()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.replaceAll(p -> p.id().equals("p2-7") ? Fixtures.with(p, false, false, p.launchedAtMs()) : p);
        views("p2-7", 100);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(30), out);

        assertThat(ids(model, out)).doesNotContain("p2-7").hasSize(29);
    }

    @Test
    void shouldKeepSensitiveProductsOutOfListsOutsideTheirCategory()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("test-kit", "health/tests", "Care", 9), true, true, NOW - DAY));
        views("test-kit", 1000);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(31), out);
        assertThat(ids(model, out)).doesNotContain("test-kit");

        final CatalogSnapshot catalog = model.catalog();
        final int health = catalog.categoryIndexOf(Hashing.key("health"));
        recommender.recommend(model, null, request.reset(NOW).k(5).categoryFilter(health), out);
        assertThat(ids(model, out)).containsExactly("test-kit");
    }

    @Test
    void shouldRestrictToTheRequestedCategory()
    {
        final ItemModel model = model(Fixtures.products());
        final int shirts = model.catalog().categoryIndexOf(Hashing.key("apparel/shirts"));

        recommender.recommend(model, null, request.reset(NOW).k(20).categoryFilter(shirts), out);

        assertThat(ids(model, out)).hasSize(10).allMatch(id -> id.startsWith("p1-"));
    }

    @Test
    void shouldStopShowingAProductShownAsOftenAsTheFrequencyCapAllowsUntilTheWindowPasses()
    {
        views("p2-7", 100);
        final ItemModel model = model(Fixtures.products());
        for (int i = 0; i < 3; i++)
        {
            updater.apply(profile, event("imp" + i, EventType.IMPRESSION, "u", "p2-7", NOW - 3_600_000L + i),
                model.catalog(), ItemSignalHandler.NONE);
        }

        recommender.recommend(model, profile, request.reset(NOW).k(5), out);
        assertThat(ids(model, out)).doesNotContain("p2-7");
        assertThat(out.excluded(RuleKind.FREQUENCY_CAP)).isEqualTo(1);

        recommender.recommend(model, profile, request.reset(NOW + DAY).k(5), out);
        assertThat(ids(model, out)).startsWith("p2-7");
    }

    @Test
    void shouldCountServedImpressionsTowardsTheCap()
    {
        views("p2-7", 100);
        final ItemModel model = model(Fixtures.products());
        final long key = Hashing.key("p2-7");
        for (int i = 0; i < 3; i++)
        {
            updater.applyImpressions(profile, Hashing.NONE, new long[] {key}, 1, NOW - 1000 + i);
        }

        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).doesNotContain("p2-7");
    }

    @Test
    void shouldRecommendAReplenishableProductAgainOnceItsIntervalHasPassed()
    {
        final Recommender replenishing = new Recommender(RankingSettings.DEFAULT.withRules(new MerchandisingRules(
            Set.of(), Map.of(), Map.of("media/books", Duration.ofDays(30)))));
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - 10 * DAY, new LineItem("p2-1", 1, 20),
            new LineItem("p0-1", 1, 20)), model.catalog(), ItemSignalHandler.NONE);

        replenishing.recommend(model, profile, request.reset(NOW).k(30), out);
        assertThat(ids(model, out)).doesNotContain("p2-1", "p0-1");

        replenishing.recommend(model, profile, request.reset(NOW + 25 * DAY).k(30), out);
        assertThat(ids(model, out)).contains("p2-1").doesNotContain("p0-1");
    }

    @Test
    void shouldKeepOutEverythingBoughtEvenBeyondTheProfilesListOfPurchases()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        for (int i = 0; i < 80; i++)
        {
            products.add(Fixtures.product("extra-" + i, "misc/things", "Oak", 5));
        }
        final ItemModel model = model(products);
        for (int i = 0; i < 80; i++)
        {
            updater.apply(profile, Fixtures.purchase("o" + i, "u", NOW - DAY + i * 1000L,
                new LineItem("extra-" + i, 1, 5)), model.catalog(), ItemSignalHandler.NONE);
        }
        assertThat(profile.ownedCount()).isEqualTo(Profile.MAX_OWNED);

        recommender.recommend(model, profile, request.reset(NOW).k(100), out);

        assertThat(ids(model, out)).noneMatch(id -> id.startsWith("extra-"));
    }

    @Test
    void shouldNeverShowAProductTheShopperDislikes()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 2 * 3_600_000L), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);
        final String favourite = ids(model, out).get(0);

        ShopperChoices.setPreferences(profile, new long[0], new long[0], new String[0],
            new long[] {Hashing.key(favourite)}, NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(30), out);

        assertThat(ids(model, out)).doesNotContain(favourite).hasSize(29);
        assertThat(out.excluded(RuleKind.DISLIKED)).isEqualTo(1);
    }

    @Test
    void shouldUseASensitiveProductAsASignalOnlyWithinItsOwnCategory()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("test-kit", "health/tests", "Care", 9), true, true, NOW - DAY));
        final CatalogSnapshot catalog = Fixtures.snapshot(products);
        final int kit = catalog.indexOf("test-kit");

        assertThat(Exclusions.signalAllowed(catalog, kit, CatalogSnapshot.MISSING)).isFalse();
        assertThat(Exclusions.signalAllowed(catalog, kit, catalog.categoryIndexOf(Hashing.key("apparel")))).isFalse();
        assertThat(Exclusions.signalAllowed(catalog, kit, catalog.categoryIndexOf(Hashing.key("health")))).isTrue();
        assertThat(Exclusions.signalAllowed(catalog, catalog.indexOf("p0-0"), CatalogSnapshot.MISSING)).isTrue();
    }

    @Test
    void shouldRejectWhatTheRequestExcludesOnlyForThatRequest()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final Exclusions exclusions = new Exclusions(RankingSettings.DEFAULT, SegmentSource.NONE);
        final PinnedProducts pins = new PinnedProducts(RankingSettings.DEFAULT);
        final int item = catalog.indexOf("p1-3");

        exclusions.prepare(catalog, null, request.reset(NOW).exclude(item), CatalogSnapshot.MISSING, pins);
        assertThat(exclusions.rejection(catalog, item, CatalogSnapshot.MISSING)).isEqualTo(RuleKind.REQUEST);

        exclusions.prepare(catalog, null, request.reset(NOW), CatalogSnapshot.MISSING, pins);
        assertThat(exclusions.excluded(item)).isFalse();
        assertThat(exclusions.rejection(catalog, item, CatalogSnapshot.MISSING)).isNull();
    }

    @Test
    void shouldCountAProductBoughtMinutesAgoAsPurchasedNotAsRecentlySeen()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        final Exclusions exclusions = new Exclusions(RankingSettings.DEFAULT, SegmentSource.NONE);
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - 10 * 60_000, new LineItem("p0-3", 1, 20)), catalog,
            ItemSignalHandler.NONE);
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 5 * 60_000), catalog,
            ItemSignalHandler.NONE);

        exclusions.prepare(catalog, profile, request.reset(NOW), CatalogSnapshot.MISSING,
            new PinnedProducts(RankingSettings.DEFAULT));

        assertThat(exclusions.rejection(catalog, catalog.indexOf("p0-3"), CatalogSnapshot.MISSING))
            .isEqualTo(RuleKind.PURCHASED);
        assertThat(exclusions.rejection(catalog, catalog.indexOf("p0-4"), CatalogSnapshot.MISSING))
            .isEqualTo(RuleKind.RECENTLY_SEEN);
    }
}
