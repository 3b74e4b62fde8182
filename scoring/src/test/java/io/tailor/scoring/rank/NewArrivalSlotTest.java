package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.event.ServedListIds;
import io.tailor.scoring.model.Exposure;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ShopperChoices;
import io.tailor.scoring.util.Hashing;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 6b: the exploration slot of new arrivals, its floor, its rules and its learning from clicks. */
class NewArrivalSlotTest extends RecommenderFixture
{
    private static final long HOUR = 3_600_000L;

    @BeforeEach
    void everyOldProductHasViews()
    {
        for (final Product product : Fixtures.products())
        {
            views(product.id(), 50);
        }
    }

    @Test
    void shouldGiveTheLastPlaceOfAListToANewArrivalShortOfItsFloor()
    {
        final ItemModel model = model(catalogWith(newArrival("new-shirt", "apparel/shirts", true)));

        recommender.recommend(model, null, request.reset(NOW).k(5).explain(true), out);

        assertThat(ids(model, out)).hasSize(5).endsWith("new-shirt");
        assertThat(out.explored()).isEqualTo(4);
        assertThat(out.reasons(4).get(0).code()).isEqualTo("new_arrival");
        assertThat(out.reasons(4)).as("said once").filteredOn(reason -> reason.code().equals("new_arrival"))
            .hasSize(1);
    }

    @Test
    void shouldLeaveANewArrivalToItsOwnMeritOnceItHadItsFloorToday()
    {
        shown("new-shirt", ExplorationSettings.DEFAULT.exposureFloor() + 1, 0);
        final ItemModel model = model(catalogWith(newArrival("new-shirt", "apparel/shirts", true)));

        recommender.recommend(model, null, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).doesNotContain("new-shirt");
        assertThat(out.explored()).isEqualTo(-1);
    }

    @Test
    void shouldNotExploreWhereThePlacementHasNoSlotTheFloorIsOffOrTheRequestTurnsItOff()
    {
        final ItemModel model = model(catalogWith(newArrival("new-shirt", "apparel/shirts", true)));

        recommender.recommend(model, null, request.reset(NOW).placement(Placement.CART).k(5), out);
        assertThat(ids(model, out)).doesNotContain("new-shirt");

        new Recommender(RankingSettings.DEFAULT.withExploration(new ExplorationSettings(0, java.util.Map.of())))
            .recommend(model, null, request.reset(NOW).k(5), out);
        assertThat(ids(model, out)).doesNotContain("new-shirt");

        recommender.recommend(model, null, request.reset(NOW).k(5).exploration(false), out);
        assertThat(ids(model, out)).as("turned off for the request (a degraded answer)").doesNotContain("new-shirt");
        recommender.recommend(model, null, request.reset(NOW).k(5), out);
        assertThat(ids(model, out)).as("each request starts with it on").contains("new-shirt");
    }

    @Test
    void shouldNeverExploreAProductThatARuleRejects()
    {
        final ItemModel model = model(catalogWith(newArrival("sold-out", "apparel/shirts", false),
            newArrival("bought", "apparel/shirts", true)));
        updater.apply(profile, Fixtures.purchase("o1", "u", NOW - DAY, new LineItem("bought", 1, 20)),
            model.catalog(), ItemSignalHandler.NONE);

        recommender.recommend(model, profile, request.reset(NOW).k(5), out);

        assertThat(ids(model, out)).doesNotContain("sold-out", "bought");
        assertThat(out.explored()).isEqualTo(-1);
    }

    @Test
    void shouldExploreWithinTheShoppersInterestCategories()
    {
        final ItemModel model = model(catalogWith(newArrival("new-book", "media/books/fiction", true),
            newArrival("new-shoe", "apparel/shoes/running", true)));
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, Fixtures.event("v" + i, EventType.VIEW, "u", "p0-" + i, NOW - 2 * DAY + i),
                model.catalog(), ItemSignalHandler.NONE);
        }

        for (int n = 0; n < 20; n++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5), out);
            assertThat(out.explored()).isNotNegative();
            assertThat(ids(model, out).get(out.explored())).isEqualTo("new-shoe");
        }
    }

    @Test
    void shouldExploreTheNewArrivalOfABrandAShopperFollowsInACategorySheNeverBrowsed()
    {
        final ItemModel model = model(catalogWith(branded("new-quill-shoe", "apparel/shoes/running", "Quill"),
            branded("new-swift-shoe", "apparel/shoes/running", "Swift")));
        ShopperChoices.setPreferences(profile, new long[0], new long[] {Hashing.key("Quill")}, new String[0],
            new long[0], NOW);

        for (long shopper = 1; shopper <= 20; shopper++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5).shopperSeed(shopper), out);
            assertThat(out.explored()).as("the followed brand's launch").isNotNegative();
            assertThat(ids(model, out).get(out.explored())).isEqualTo("new-quill-shoe");
        }
    }

    @Test
    void shouldExploreTheNewArrivalOfABrandAShopperBrowsedOutsideTheCategoriesSheBrowsed()
    {
        final ItemModel model = model(catalogWith(branded("new-oak-book", "media/books/fiction", "Oak"),
            branded("new-swift-book", "media/books/fiction", "Swift")));
        // shirts of Oak only: p1-0, p1-4 and p1-8
        for (final String shirt : List.of("p1-0", "p1-4", "p1-8"))
        {
            updater.apply(profile, Fixtures.event("v-" + shirt, EventType.VIEW, "u", shirt, NOW - DAY),
                model.catalog(), ItemSignalHandler.NONE);
        }

        for (long shopper = 1; shopper <= 20; shopper++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5).shopperSeed(shopper), out);
            assertThat(out.explored()).isNotNegative();
            assertThat(ids(model, out).get(out.explored())).isEqualTo("new-oak-book");
        }
    }

    @Test
    void shouldExploreANewArrivalOfACategoryAndBrandNeverBrowsedWhoseContentResemblesWhatTheShopperBrowses()
    {
        // a new leaf beside the one she browses, a brand nobody has, the same attributes and price band: reachable
        // by neither her interest categories (leaves) nor her brands, only by content
        final ItemModel model = model(catalogWith(trailShoes(), trail("new-trail-jacket", "sport/running/jackets",
            "Ridge", NOW - 6 * HOUR), teapot("new-teapot", NOW - 6 * HOUR)));
        viewTrailShoes(model);

        for (long shopper = 1; shopper <= 20; shopper++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5).shopperSeed(shopper).explain(true), out);
            assertThat(out.explored()).as("shopper " + shopper).isNotNegative();
            assertThat(ids(model, out).get(out.explored())).isEqualTo("new-trail-jacket");
            assertThat(out.exploredMatch()).isEqualTo(NewArrivalSlot.MATCH_CONTENT);
            assertThat(out.reasons(out.explored())).filteredOn(reason -> reason.code().equals("new_arrival"))
                .singleElement().satisfies(reason ->
                {
                    assertThat(reason.match()).isEqualTo("content");
                    assertThat(reason.text()).contains("browse products like it");
                });
        }
    }

    @Test
    void shouldNotExploreByContentANewArrivalUnlikeWhatTheShopperBrowses()
    {
        final ItemModel model = model(catalogWith(trailShoes(), teapot("new-teapot", NOW - 6 * HOUR)));
        viewTrailShoes(model);

        for (long shopper = 1; shopper <= 20; shopper++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5).shopperSeed(shopper), out);
            assertThat(out.explored()).as("nothing new matches her").isEqualTo(-1);
            assertThat(ids(model, out)).doesNotContain("new-teapot");
        }
    }

    @Test
    void shouldCompareABoundedShareOfTheOwedNewArrivalsPerListAndEveryOneOverShoppers()
    {
        // forty newer teapots, owed like the jacket: more than one list compares, so each list compares a share
        final List<Product> arrivals = new ArrayList<>(trailShoes());
        for (int i = 0; i < 40; i++)
        {
            arrivals.add(teapot("new-teapot-" + i, NOW - HOUR - i * 60_000L));
        }
        final ItemModel model = model(catalogWith(arrivals,
            trail("new-trail-jacket", "sport/running/jackets", "Ridge", NOW - 6 * HOUR)));
        viewTrailShoes(model);

        int jacket = 0;
        for (long shopper = 1; shopper <= 100; shopper++)
        {
            recommender.recommend(model, profile, request.reset(NOW).k(5).shopperSeed(shopper * 7919L), out);
            if (out.explored() >= 0)
            {
                assertThat(ids(model, out).get(out.explored())).isEqualTo("new-trail-jacket");
                jacket++;
            }
        }

        // CONTENT_SCANNED (16) of the 41 compared per list, from a random place: the oldest, the jacket, in about
        // that share of them (39 %); not in every one
        final double share = NewArrivalSlot.CONTENT_SCANNED / 41.0;
        assertThat(jacket).isBetween((int)(100 * share / 2), (int)Math.min(95, 100 * share * 1.5));
    }

    @Test
    void shouldKeepEveryRuleAndTheFloorForANewArrivalMatchedByContent()
    {
        final Product jacket = trail("new-trail-jacket", "sport/running/jackets", "Ridge", NOW - 6 * HOUR);
        final List<Product> soldOut = catalogWith(trailShoes(), Fixtures.with(jacket, false, false, NOW - 6 * HOUR));
        final ItemModel outOfStock = model(soldOut);
        viewTrailShoes(outOfStock);
        recommender.recommend(outOfStock, profile, request.reset(NOW).k(5), out);
        assertThat(out.explored()).as("out of stock").isEqualTo(-1);

        final ItemModel launchedLongAgo = model(catalogWith(trailShoes(),
            trail("new-trail-jacket", "sport/running/jackets", "Ridge", NOW - 60 * DAY)));
        recommender.recommend(launchedLongAgo, profile, request.reset(NOW).k(5), out);
        assertThat(out.explored()).as("outside the new-arrival window").isEqualTo(-1);

        final ItemModel model = model(catalogWith(trailShoes(), jacket));
        final Profile buyer = new Profile(Fixtures.D);
        for (int i = 0; i < 4; i++)
        {
            updater.apply(buyer, Fixtures.event("b" + i, EventType.VIEW, "b", "trail-shoe-" + i, NOW - DAY + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
        updater.apply(buyer, Fixtures.purchase("o1", "b", NOW - DAY, new LineItem("new-trail-jacket", 1, 120)),
            model.catalog(), ItemSignalHandler.NONE);
        recommender.recommend(model, buyer, request.reset(NOW).k(5), out);
        assertThat(out.explored()).as("bought").isEqualTo(-1);
        recommender.recommend(model, profile, request.reset(NOW).k(5), out);
        assertThat(ids(model, out).get(out.explored())).as("not bought: explored").isEqualTo("new-trail-jacket");

        shown("new-trail-jacket", ExplorationSettings.DEFAULT.exposureFloor() + 1, 0);
        final ItemModel floorMet = model(catalogWith(trailShoes(), jacket));
        recommender.recommend(floorMet, profile, request.reset(NOW).k(5), out);
        assertThat(out.explored()).as("had its floor today").isEqualTo(-1);
    }

    @Test
    void shouldShowTheNewArrivalThatGetsClickedMoreOftenThanTheOneThatDoesNot()
    {
        shown("clicked", 100, 30);
        shown("ignored", 100, 0);
        final ItemModel model = model(catalogWith(newArrival("clicked", "apparel/shirts", true),
            newArrival("ignored", "apparel/shirts", true)));

        int clicked = 0;
        for (int n = 0; n < 200; n++)
        {
            recommender.recommend(model, null, request.reset(NOW).k(5), out);
            if (ids(model, out).get(out.explored()).equals("clicked"))
            {
                clicked++;
            }
        }

        // Beta(31, 71) against Beta(1, 101): the clicked one wins nearly every draw
        assertThat(clicked).isGreaterThan(190);
    }

    @Test
    void shouldLearnClickThroughPerPlacementSoAProductClickedOnOneAndIgnoredOnAnotherRanksDifferently()
    {
        // "product-page" is clicked on product pages (25 of 50) and ignored at home (0 of 50); "steady" gets 5 of
        // 50 on both. Pooled, product-page's 25 of 100 would beat steady's 10 of 100 everywhere.
        shownOn("product-page", Placement.PRODUCT, 50, 25);
        shownOn("product-page", Placement.HOME, 50, 0);
        shownOn("steady", Placement.PRODUCT, 50, 5);
        shownOn("steady", Placement.HOME, 50, 5);
        final ItemModel model = model(catalogWith(newArrival("product-page", "apparel/shirts", true),
            newArrival("steady", "apparel/shirts", true)));
        final int page = model.catalog().indexOf("p1-0");

        int onProductPages = 0;
        int atHome = 0;
        for (long shopper = 1; shopper <= 200; shopper++)
        {
            recommender.recommend(model, null, request.reset(NOW).placement(Placement.PRODUCT).contextItem(page).k(5)
                .shopperSeed(shopper * 7919L), out);
            onProductPages += ids(model, out).get(out.explored()).equals("product-page") ? 1 : 0;
            recommender.recommend(model, null, request.reset(NOW).placement(Placement.HOME).k(5)
                .shopperSeed(shopper * 7919L), out);
            atHome += ids(model, out).get(out.explored()).equals("product-page") ? 1 : 0;
        }

        // Beta(26, 26) against Beta(6, 46) on product pages; Beta(1, 51) against Beta(6, 46) at home
        assertThat(onProductPages).as("product pages").isGreaterThan(190);
        assertThat(atHome).as("home").isLessThan(20);
    }

    @Test
    void shouldDrawFromThePooledClickThroughWhileAPlacementHasLittleEvidenceOfItsOwn()
    {
        // clicked on product pages; at home shown too rarely yet to tell
        shownOn("clicked", Placement.PRODUCT, 100, 30);
        shownOn("clicked", Placement.HOME, 3, 0);
        shownOn("ignored", Placement.PRODUCT, 100, 0);
        shownOn("ignored", Placement.HOME, 3, 0);
        final ItemModel model = model(catalogWith(newArrival("clicked", "apparel/shirts", true),
            newArrival("ignored", "apparel/shirts", true)));

        int clicked = 0;
        for (long shopper = 1; shopper <= 200; shopper++)
        {
            recommender.recommend(model, null, request.reset(NOW).placement(Placement.HOME).k(5)
                .shopperSeed(shopper * 7919L), out);
            clicked += ids(model, out).get(out.explored()).equals("clicked") ? 1 : 0;
        }

        // the pooled Beta(31, 74) against Beta(1, 104); Beta(1, 4) each from home's own three would split them
        assertThat(clicked).isGreaterThan(190);
    }

    @Test
    void shouldAddImpressionsAndClicksToTheLiveModelWithoutARebuild()
    {
        shownOn("one", Placement.HOME, 10, 1);
        final ItemModel built = model(catalogWith(newArrival("one", "apparel/shirts", true)));
        final int one = built.catalog().indexOf("one");
        final Long2ObjectHashMap<ItemStats> deltas = new Long2ObjectHashMap<>();
        deltas.put(Hashing.key("one"), new ItemStats().addShown(2, Placement.PRODUCT.ordinal(), NOW)
            .addClick(Placement.PRODUCT.ordinal(), NOW));
        deltas.put(Hashing.key("not-in-the-catalog"), new ItemStats().addClick(NOW));
        deltas.put(Hashing.key("p0-0"), new ItemStats().add(PopularityKind.VIEW, 1, NOW, DAY));

        final ItemModel patched = built.withExposureAdded(deltas, NOW);

        assertThat(patched.shownLately(one)).isCloseTo(12f, within(0.01f));
        assertThat(patched.clickedLately(one)).isCloseTo(2f, within(0.01f));
        assertThat(patched.clickedLately(one, Placement.PRODUCT.ordinal())).isCloseTo(1f, within(0.01f));
        assertThat(patched.clickedLately(one, Placement.HOME.ordinal())).isCloseTo(1f, within(0.01f));
        assertThat(patched.popularity(built.catalog().indexOf("p0-0"))).as("only exposure is patched")
            .isEqualTo(built.popularity(built.catalog().indexOf("p0-0")));
        assertThat(patched.withExposureAdded(new Long2ObjectHashMap<>(), NOW)).as("nothing to add").isSameAs(patched);
    }

    @Test
    void shouldKeepOnePlacementOrdinalPerPlacement()
    {
        assertThat(Placement.values()).hasSize(Exposure.PLACEMENTS);
        for (final Placement placement : Placement.values())
        {
            assertThat(ServedListIds.PLACEMENT_LETTERS.charAt(placement.ordinal()))
                .isEqualTo(placement.wireName().charAt(0));
        }
    }

    @Test
    void shouldDrawTheSameForOneShopperAndSpreadTheSlotAcrossShoppers()
    {
        final ItemModel model = model(catalogWith(newArrival("one", "apparel/shirts", true),
            newArrival("two", "apparel/shirts", true)));
        recommender.recommend(model, null, request.reset(NOW).k(5).shopperSeed(42L), out);
        final String mine = ids(model, out).get(out.explored());
        for (int n = 0; n < 10; n++)
        {
            recommender.recommend(model, null, request.reset(NOW).k(5).shopperSeed(42L), out);
            assertThat(ids(model, out).get(out.explored())).as("a reload").isEqualTo(mine);
        }

        int one = 0;
        for (long shopper = 1; shopper <= 200; shopper++)
        {
            recommender.recommend(model, null, request.reset(NOW).k(5).shopperSeed(shopper * 7919L), out);
            one += ids(model, out).get(out.explored()).equals("one") ? 1 : 0;
        }
        assertThat(one).isBetween(60, 140);
    }

    @Test
    void shouldKeepMostShoppersNewArrivalWhenTheCountsMoveALittle()
    {
        shown("one", 10, 1);
        shown("two", 10, 1);
        final ItemModel before = model(catalogWith(newArrival("one", "apparel/shirts", true),
            newArrival("two", "apparel/shirts", true)));
        final String[] picked = new String[100];
        for (int shopper = 0; shopper < 100; shopper++)
        {
            recommender.recommend(before, null, request.reset(NOW).k(5).shopperSeed(31L * shopper + 1), out);
            picked[shopper] = ids(before, out).get(out.explored());
        }

        shown("one", 1, 0);
        shown("two", 1, 0);
        final ItemModel after = model(catalogWith(newArrival("one", "apparel/shirts", true),
            newArrival("two", "apparel/shirts", true)));
        int kept = 0;
        for (int shopper = 0; shopper < 100; shopper++)
        {
            recommender.recommend(after, null, request.reset(NOW).k(5).shopperSeed(31L * shopper + 1), out);
            kept += ids(after, out).get(out.explored()).equals(picked[shopper]) ? 1 : 0;
        }

        // independent draws would keep about half; the same normal number per shopper and product keeps nearly all
        assertThat(kept).isGreaterThanOrEqualTo(90);
    }

    private void shown(final String product, final int impressions, final int clicks)
    {
        final ItemStats s = stats.computeIfAbsent(Hashing.key(product), k -> new ItemStats());
        s.addShown(impressions, NOW - 1000);
        for (int i = 0; i < clicks; i++)
        {
            s.addClick(NOW - 1000);
        }
    }

    private void shownOn(final String product, final Placement placement, final int impressions, final int clicks)
    {
        final ItemStats s = stats.computeIfAbsent(Hashing.key(product), k -> new ItemStats());
        s.addShown(impressions, placement.ordinal(), NOW - 1000);
        for (int i = 0; i < clicks; i++)
        {
            s.addClick(placement.ordinal(), NOW - 1000);
        }
    }

    /**
     * Eight trail-running shoes of four brands, launched long ago, each viewed as much: more than a list of five
     * holds, so a new arrival like them is listed only through the slot.
     */
    private List<Product> trailShoes()
    {
        final List<Product> shoes = new ArrayList<>();
        final String[] brands = {"Swift", "Oak", "Quill", "Nimbus"};
        for (int i = 0; i < 2 * brands.length; i++)
        {
            shoes.add(trail("trail-shoe-" + i, "sport/running/shoes", brands[i % brands.length], NOW - 365 * DAY));
            views("trail-shoe-" + i, 50);
        }
        return shoes;
    }

    /** The shopper viewed each trail shoe yesterday. */
    private void viewTrailShoes(final ItemModel model)
    {
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, Fixtures.event("ts" + i, EventType.VIEW, "u", "trail-shoe-" + i, NOW - DAY + i),
                model.catalog(), ItemSignalHandler.NONE);
        }
    }

    private static Product trail(final String id, final String category, final String brand, final long launchedAt)
    {
        return new Product(id, "Title " + id, category, brand, 120, Map.of("activity", List.of("trail"),
            "terrain", List.of("mountain"), "season", List.of("winter"), "waterproof", List.of("yes")), true,
            launchedAt, false, null);
    }

    private static Product teapot(final String id, final long launchedAt)
    {
        return new Product(id, "Title " + id, "home/kitchen/teapots", "Kettle", 25,
            Map.of("material", List.of("ceramic")), true, launchedAt, false, null);
    }

    private static Product branded(final String id, final String category, final String brand)
    {
        return Fixtures.with(Fixtures.product(id, category, brand, 30), true, false, NOW - 6 * HOUR);
    }

    private static Product newArrival(final String id, final String category, final boolean inStock)
    {
        return Fixtures.with(Fixtures.product(id, category, "Fresh", 30), inStock, false, NOW - 6 * HOUR);
    }

    private static List<Product> catalogWith(final Product... arrivals)
    {
        return catalogWith(List.of(), arrivals);
    }

    private static List<Product> catalogWith(final List<Product> more, final Product... arrivals)
    {
        final List<Product> all = new ArrayList<>(Fixtures.products());
        all.addAll(more);
        all.addAll(List.of(arrivals));
        return all;
    }
}
