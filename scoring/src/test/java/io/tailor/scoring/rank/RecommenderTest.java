package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.FactorSettings;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalAccumulator;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.ModelSettings;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileSettings;
import io.tailor.scoring.profile.ProfileUpdater;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;

class RecommenderTest
{
    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final Recommender recommender = new Recommender(RankingSettings.DEFAULT);
    private final Map<Long, ItemStats> stats = new HashMap<>();
    private final Profile profile = new Profile(Fixtures.D);
    private final RecommendationRequest request = new RecommendationRequest();
    private final Recommendation out = new Recommendation();

    @Test
    void shouldRecommendTheMostPopularToAShopperWithoutHistory()
    {
        views("p2-7", 50);
        views("p1-3", 20);
        final ItemModel model = model(Fixtures.products());

        recommender.recommend(model, null, request.reset(NOW).k(3), out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
        assertThat(ids(model, out)).startsWith("p2-7", "p1-3");
        assertThat(out.count()).isEqualTo(3);
    }

    @Test
    void shouldMoveRunningShoesUpAfterAViewOfARunningShoe()
    {
        views("p2-7", 50);
        views("p1-3", 20);
        views("p2-1", 20);
        views("p1-5", 10);
        views("p2-5", 10);
        final ItemModel model = model(Fixtures.products());
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);
        final long before = ids(model, out).stream().filter(id -> id.startsWith("p0-")).count();

        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(out.strategy()).isEqualTo(Strategy.PERSONALIZED);
        final long after = ids(model, out).stream().filter(id -> id.startsWith("p0-")).count();
        assertThat(before).isZero();
        assertThat(after).isGreaterThanOrEqualTo(3);
    }

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
    void shouldRecommendSimilarProductsOnAProductPageWithoutTheProductItself()
    {
        views("p2-7", 50);
        final ItemModel model = model(Fixtures.products());
        final int context = model.catalog().indexOf("p0-4");

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(context).k(5),
            out);

        assertThat(out.strategy()).isEqualTo(Strategy.SIMILAR);
        assertThat(ids(model, out)).doesNotContain("p0-4").allMatch(id -> id.startsWith("p0-"));
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
    void shouldNotLetASensitiveViewPersonaliseOrBeNamed()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("test-kit", "health/tests", "Care", 9), true, true, NOW - DAY));
        products.add(Fixtures.product("test-kit-2", "health/tests", "Care", 9));
        final ItemModel model = model(products);
        updater.apply(profile, event("e1", EventType.VIEW, "u", "test-kit", NOW - 1000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(10).explain(true), out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
        for (int i = 0; i < out.count(); i++)
        {
            assertThat(out.reasons(i)).noneMatch(r -> r.text().contains("Title test-kit"));
        }
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
    void shouldExplainWithTheRecentlyViewedProductAndWhenItWasViewed()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 3 * 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(3).explain(true), out);

        assertThat(out.reasons(0)).isNotEmpty();
        assertThat(out.reasons(0).get(0).code()).isEqualTo("viewed");
        assertThat(out.reasons(0).get(0).text()).isEqualTo("viewed Title p0-4 3 minutes ago");
        assertThat(out.reasons(0).get(0).product()).isEqualTo("p0-4");
    }

    @Test
    void shouldNotExplainUnlessAsked()
    {
        final ItemModel model = model(Fixtures.products());
        recommender.recommend(model, null, request.reset(NOW).k(3), out);

        assertThat(out.reasons(0)).isEmpty();
    }

    @Test
    void shouldBoostAndExplainANewArrival()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("fresh", "apparel/shirts", "Nova", 30), true, false, NOW - DAY));
        views("p2-7", 3);
        final ItemModel model = model(products);

        recommender.recommend(model, null, request.reset(NOW).k(2).explain(true), out);

        assertThat(ids(model, out)).as("ahead of every older product as little known as it").containsExactly("p2-7",
            "fresh");
        assertThat(out.reasons(1)).anyMatch(r -> r.code().equals("new_arrival") &&
            r.text().equals("new arrival in apparel/shirts"));
    }

    @Test
    void shouldCapItemsPerBrand()
    {
        final Recommender capped = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            new Diversity(0.1, 1.0, 0.0)));
        final ItemModel model = model(Fixtures.products());

        capped.recommend(model, null, request.reset(NOW).k(10), out);

        final List<Integer> brands = new ArrayList<>();
        for (int i = 0; i < out.count(); i++)
        {
            brands.add(model.catalog().brandOf(out.item(i)));
        }
        assertThat(brands).doesNotHaveDuplicates().hasSize(4);
        assertThat(out.excluded(RuleKind.DIVERSITY)).isPositive();
    }

    @Test
    void shouldPreferAnotherBrandOverARepeatOfAlmostTheSameScoreWithoutShorteningTheList()
    {
        views("p0-0", 100);
        views("p0-4", 99);
        views("p0-1", 90);
        final ItemModel model = model(Fixtures.products());
        final Recommender plain = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            Diversity.NONE));
        final Recommender varied = new Recommender(RankingSettings.DEFAULT.withDiversity(Placement.HOME,
            new Diversity(1.0, 1.0, 0.5)));
        final int running = model.catalog().categoryIndexOf(Hashing.key("apparel/shoes/running"));

        plain.recommend(model, null, request.reset(NOW).k(3).categoryFilter(running), out);
        assertThat(ids(model, out)).containsExactly("p0-0", "p0-4", "p0-1");

        varied.recommend(model, null, request.reset(NOW).k(3).categoryFilter(running), out);
        assertThat(ids(model, out)).as("p0-4 shares p0-0's brand: it drops below another brand").hasSize(3)
            .startsWith("p0-0", "p0-1");
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
    void shouldScoreGivenItemsExactlyAsTheRankingDoes()
    {
        views("p2-7", 50);
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        final int[] items = new int[out.count()];
        for (int i = 0; i < items.length; i++)
        {
            items[i] = out.item(i);
        }
        final float[] scores = new float[items.length];
        recommender.score(model, profile, request.reset(NOW).k(5), items, items.length, scores);

        for (int i = 0; i < items.length; i++)
        {
            assertThat(scores[i]).isEqualTo(out.score(i));
        }
    }

    @Test
    void shouldRecommendWhatOthersViewedTogetherWithWhatTheShopperJustViewedAndSayWhy()
    {
        views("p2-7", 50);
        // Other shoppers look at the running shoe p0-4 and then at the book p2-3, over and over.
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 20; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("x" + s, EventType.VIEW, "o" + s, "p0-4", NOW - 3_600_000L), catalog, crowd);
            updater.apply(other, event("y" + s, EventType.VIEW, "o" + s, "p2-3", NOW - 3_500_000L), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, key -> merged(crowd, key), NOW, ModelSettings.DEFAULT, 1);
        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-4")))).startsWith("p2-3");

        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        final int media = model.catalog().categoryIndexOf(io.tailor.scoring.util.Hashing.key("media"));
        recommender.recommend(model, profile, request.reset(NOW).k(3).categoryFilter(media).explain(true), out);

        assertThat(ids(model, out).get(0)).as("of the books, the one others viewed with this shoe").isEqualTo("p2-3");
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("viewed_together") &&
            r.text().equals("often viewed together with Title p0-4"));
    }

    @Test
    void shouldRecommendWhatShoppersWithTheSameTasteChoseThoughNeverSeenTogetherAndSayWhy()
    {
        // Fixtures.RINGS: the books p2-5, p2-2 and p2-9 are on the running shoe p0-0's crowd's ring, none next to it.
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final ItemModel plain = Fixtures.ringModel(Fixtures.products());
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-0", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-0"))))
            .doesNotContainAnyElementsOf(crowdBooks);

        recommender.recommend(model, profile, request.reset(NOW).k(2).categoryFilter(media).explain(true), out);

        assertThat(crowdBooks).containsAll(ids(model, out));
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("also_liked") &&
            r.text().equals("shoppers who chose Title p0-0 also chose this") && r.product().equals("p0-0"));

        recommender.recommend(plain, profile, request.reset(NOW).k(2).categoryFilter(media), out);
        assertThat(crowdBooks.containsAll(ids(plain, out))).as("without factors, the brand decides").isFalse();
    }

    @Test
    void shouldRecommendOnAProductPageWhatShoppersWhoChoseThatProductAlsoChose()
    {
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final ItemModel plain = Fixtures.ringModel(Fixtures.products());
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        final int page = model.catalog().indexOf("p0-0");

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(page)
            .categoryFilter(media).k(2).explain(true), out);

        assertThat(crowdBooks).containsAll(ids(model, out));
        assertThat(out.reasons(0)).anyMatch(r -> r.code().equals("also_liked") && r.product().equals("p0-0"));

        recommender.recommend(plain, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(page)
            .categoryFilter(media).k(2), out);
        assertThat(crowdBooks.containsAll(ids(plain, out))).as("without factors").isFalse();
    }

    @Test
    void shouldFindCandidatesNearTheShoppersTasteAmongAllProducts()
    {
        // Two books from the category asked for, its newest books and one popular product: the books of p0-0's
        // crowd are candidates only through the factor index.
        final List<String> crowdBooks = List.of("p2-5", "p2-2", "p2-9");
        final RankingSettings narrow = new RankingSettings(Map.of(), Duration.ofMinutes(30), Duration.ofDays(7),
            Duration.ofDays(30), 1, 1, Map.of(), Duration.ofHours(1), FrequencyCap.DEFAULT, MerchandisingRules.NONE);
        final Recommender narrowRecommender = new Recommender(narrow);
        // Twenty newer books take every new-arrival slot of the category.
        final List<Product> products = new ArrayList<>(Fixtures.products());
        for (int i = 0; i < 20; i++)
        {
            products.add(Fixtures.with(Fixtures.product("newer-" + i, "media/books/fiction", "Quill", 25), true, false,
                NOW - 100 * DAY));
        }
        final ItemModel plain = Fixtures.ringModel(products);
        final ItemModel model = plain.withFactors(ItemFactors.learn(plain, new FactorSettings(4, 4)));
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-0", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);

        final int media = model.catalog().categoryIndexOf(Hashing.key("media"));
        narrowRecommender.recommend(plain, profile, request.reset(NOW).k(3).categoryFilter(media), out);
        assertThat(ids(plain, out)).as("without factors").doesNotContainAnyElementsOf(crowdBooks);
        final int without = out.candidates();

        narrowRecommender.recommend(model, profile, request.reset(NOW).k(3).categoryFilter(media), out);
        assertThat(ids(model, out)).containsAnyElementsOf(crowdBooks);
        assertThat(out.candidates()).isGreaterThan(without);
    }

    @Test
    void shouldRecommendWhatIsBoughtTogetherWithTheCart()
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 10; s++)
        {
            updater.apply(new Profile(Fixtures.D), Fixtures.purchase("o" + s, "o" + s, NOW - 86_400_000L,
                new LineItem("p1-2", 1, 20), new LineItem("p2-8", 1, 20)), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);
        assertThat(model.boughtTogetherLift(model.catalog().indexOf("p1-2"))[0]).isGreaterThan(1f);

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.CART)
            .addContextItem(model.catalog().indexOf("p1-2")).k(3).explain(true), out);

        assertThat(ids(model, out).get(0)).isEqualTo("p2-8");
        assertThat(ids(model, out)).doesNotContain("p1-2");
        assertThat(out.reasons(0).get(0).code()).isEqualTo("bought_together");
    }

    @Test
    void shouldNotMakeAUniversallyPopularProductEveryonesNeighbour()
    {
        final ItemSignalAccumulator crowd = new ItemSignalAccumulator(ModelSettings.DEFAULT);
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int s = 0; s < 30; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            // Everybody views the hit p1-0 next to a product of their own; a few view p0-1 with p0-2.
            updater.apply(other, event("h" + s, EventType.VIEW, "o", "p1-0", NOW - 1000), catalog, crowd);
            updater.apply(other, event("m" + s, EventType.VIEW, "o", "p" + (s % 3) + "-" + (1 + s % 9),
                NOW - 500), catalog, crowd);
        }
        for (int s = 0; s < 5; s++)
        {
            final Profile other = new Profile(Fixtures.D);
            updater.apply(other, event("a" + s, EventType.VIEW, "o", "p0-1", NOW - 1000), catalog, crowd);
            updater.apply(other, event("b" + s, EventType.VIEW, "o", "p0-2", NOW - 500), catalog, crowd);
        }
        final ItemModel model = ItemModel.build(catalog, crowd, NOW, ModelSettings.DEFAULT, 1);

        assertThat(ids(model.catalog(), model.neighbors(model.catalog().indexOf("p0-1")))).startsWith("p0-2");
    }

    @Test
    void shouldNeverShowAProductTheShopperDislikes()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 2 * 3_600_000L), model.catalog(),
            ItemSignalHandler.NONE);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);
        final String favourite = ids(model, out).get(0);

        updater.setPreferences(profile, new long[0], new long[0], new String[0],
            new long[] {Hashing.key(favourite)}, NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(30), out);

        assertThat(ids(model, out)).doesNotContain(favourite).hasSize(29);
        assertThat(out.excluded(RuleKind.DISLIKED)).isEqualTo(1);
    }

    @Test
    void shouldRankAStatedCategoryAboveTheOnesBehaviourSuggests()
    {
        final ItemModel model = model(Fixtures.products());
        for (int i = 0; i < 5; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "p1-" + i, NOW - 3 * 3_600_000L + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
        recommender.recommend(model, profile, request.reset(NOW).k(3), out);
        assertThat(ids(model, out)).allMatch(id -> id.startsWith("p1-"));

        updater.setPreferences(profile, new long[] {Hashing.key("media/books/fiction")}, new long[0],
            new String[0], new long[0], NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(3).explain(true), out);

        assertThat(ids(model, out)).allMatch(id -> id.startsWith("p2-"));
        assertThat(out.reasons(0)).anyMatch(r -> r.text().equals("you said you like media/books/fiction"));
    }

    @Test
    void shouldPersonaliseFromStatedPreferencesAlone()
    {
        final ItemModel model = model(Fixtures.products());
        updater.setPreferences(profile, new long[0], new long[] {Hashing.key("Quill")}, new String[0], new long[0],
            NOW);

        recommender.recommend(model, profile, request.reset(NOW).k(3), out);

        assertThat(out.strategy()).isEqualTo(Strategy.PERSONALIZED);
        assertThat(ids(model, out)).allMatch(id -> model.catalog().product(model.catalog().indexOf(id)).brand()
            .equals("Quill"));
    }

    @Test
    void shouldPreferProductsOfferedInTheStatedSize()
    {
        final List<Product> products = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            products.add(new Product("tee-" + i, "Tee " + i, "apparel/shirts", "Oak", 20,
                Map.of("size", i % 2 == 0 ? List.of("S", "M") : List.of("XL")), true, NOW - 365 * DAY, false, null));
        }
        for (int i = 0; i < 6; i++)
        {
            views("tee-" + i, i % 2 == 0 ? 1 : 30);
        }
        final ItemModel model = model(products);
        recommender.recommend(model, profile, request.reset(NOW).k(3), out);
        assertThat(ids(model, out)).containsExactlyInAnyOrder("tee-1", "tee-3", "tee-5");

        updater.setPreferences(profile, new long[0], new long[0], new String[] {"m"}, new long[0], NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(3), out);

        assertThat(ids(model, out)).containsExactlyInAnyOrder("tee-0", "tee-2", "tee-4");
    }

    @Test
    void shouldAnswerNonPersonallyForAShopperWhoWithdrewConsent()
    {
        final ItemModel model = model(Fixtures.products());
        updater.apply(profile, event("e1", EventType.VIEW, "u", "p0-4", NOW - 60_000), model.catalog(),
            ItemSignalHandler.NONE);
        updater.setConsent(profile, false, null, NOW);
        updater.apply(profile, event("e2", EventType.VIEW, "u", "p0-5", NOW - 30_000), model.catalog(),
            ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(out.strategy()).isEqualTo(Strategy.POPULAR);
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

    private static ItemStats merged(final ItemSignalAccumulator accumulator, final long key)
    {
        return accumulator.stats(key);
    }

    private static List<String> ids(final CatalogSnapshot catalog, final int[] items)
    {
        final List<String> ids = new ArrayList<>();
        for (final int item : items)
        {
            ids.add(catalog.product(item).id());
        }
        return ids;
    }

    @Test
    void shouldReturnNothingForAnEmptyCatalog()
    {
        final ItemModel model = model(List.of());

        recommender.recommend(model, profile, request.reset(NOW), out);

        assertThat(out.count()).isZero();
    }

    private void views(final String product, final int count)
    {
        stats.computeIfAbsent(Hashing.key(product), k -> new ItemStats())
            .add(PopularityKind.VIEW, count, NOW - 1000, ModelSettings.DEFAULT.popularityHalfLifeMs());
    }

    private ItemModel model(final List<Product> products)
    {
        return ItemModel.build(Fixtures.snapshot(products), stats::get, NOW, ModelSettings.DEFAULT, 1);
    }

    private static List<String> ids(final ItemModel model, final Recommendation out)
    {
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < out.count(); i++)
        {
            ids.add(model.catalog().product(out.item(i)).id());
        }
        return ids;
    }
}
