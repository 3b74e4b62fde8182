package io.tailor.scoring.rank;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.profile.ShopperChoices;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

/** Stage 1: what the session, affinities and stated preferences do to a list. */
class ShopperInterestsTest extends RecommenderFixture
{
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

        ShopperChoices.setPreferences(profile, new long[] {Hashing.key("media/books/fiction")}, new long[0],
            new String[0], new long[0], NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(3).explain(true), out);

        assertThat(ids(model, out)).allMatch(id -> id.startsWith("p2-"));
        assertThat(out.reasons(0)).anyMatch(r -> r.text().equals("you said you like media/books/fiction"));
    }

    @Test
    void shouldRankAStatedCategoryAboveAProductThatMatchesEverythingBrowsed()
    {
        final List<Product> products = new ArrayList<>();
        for (int i = 0; i < 6; i++)
        {
            products.add(new Product("cap-" + i, "Cap " + i, "hats/caps", "Sol", 20, Map.of(), true,
                NOW - 365 * DAY, false, null));
            products.add(new Product("boot-" + i, "Boot " + i, "shoes/boots", "Alp", 90, Map.of(), true,
                NOW - 365 * DAY, false, null));
        }
        final ItemModel model = model(products);
        for (int i = 0; i < 4; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "cap-" + i, NOW - 1000 + i), model.catalog(),
                ItemSignalHandler.NONE);
        }
        ShopperChoices.setPreferences(profile, new long[] {Hashing.key("shoes")}, new long[0], new String[0],
            new long[0], NOW);

        recommender.recommend(model, profile, request.reset(NOW).k(6), out);

        // an unviewed cap matches her session and affinity perfectly, and is of her category, her brand and her price
        // level: everything her browsing can say for a product through its content, still less than what she said
        final List<String> ids = ids(model, out);
        assertThat(ids.get(0)).startsWith("boot-");
        float lowestBoot = Float.POSITIVE_INFINITY;
        float highestCap = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < out.count(); i++)
        {
            if (ids.get(i).startsWith("boot-"))
            {
                lowestBoot = Math.min(lowestBoot, out.score(i));
            }
            else
            {
                highestCap = Math.max(highestCap, out.score(i));
            }
        }
        assertThat(highestCap).as("a cap is listed, for the list's diversity").isGreaterThan(0f);
        assertThat(lowestBoot).isGreaterThan(highestCap);
    }

    @Test
    void shouldPersonaliseFromStatedPreferencesAlone()
    {
        final ItemModel model = model(Fixtures.products());
        ShopperChoices.setPreferences(profile, new long[0], new long[] {Hashing.key("Quill")}, new String[0],
            new long[0], NOW);

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

        ShopperChoices.setPreferences(profile, new long[0], new long[0], new String[] {"m"}, new long[0], NOW);
        recommender.recommend(model, profile, request.reset(NOW).k(3).explain(true), out);

        assertThat(ids(model, out)).containsExactlyInAnyOrder("tee-0", "tee-2", "tee-4");
        assertThat(out.reasons(0)).anyMatch(reason -> reason.code().equals("size") &&
            reason.text().equals("offered in your size") && reason.contribution() > 0f);
    }

    @Test
    void shouldWeighEachOlderSessionProductLessThanTheOneAfterIt()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int i = 1; i <= 3; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "p0-" + i, NOW - (4 - i) * 1000L), catalog,
                ItemSignalHandler.NONE);
        }
        final ShopperInterests interests = new ShopperInterests(RankingSettings.DEFAULT);
        interests.prepare(catalog);

        interests.collect(catalog, profile, request.reset(NOW), CatalogSnapshot.MISSING);

        assertThat(interests.hasSession()).isTrue();
        assertThat(interests.sessionCount()).isEqualTo(3);
        assertThat(interests.sessionItem(0)).as("the latest first").isEqualTo(catalog.indexOf("p0-3"));
        assertThat(interests.sessionWeight(1) / interests.sessionWeight(0))
            .isCloseTo(ShopperInterests.SESSION_POSITION_DECAY, within(1e-3f));
        assertThat(interests.sessionWeight(2)).isLessThan(interests.sessionWeight(1));
    }

    @Test
    void shouldMakeALikedCategoryTheFirstCategoryOfInterest()
    {
        final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
        for (int i = 0; i < 5; i++)
        {
            updater.apply(profile, event("e" + i, EventType.VIEW, "u", "p1-" + i, NOW - 3 * 3_600_000L + i), catalog,
                ItemSignalHandler.NONE);
        }
        ShopperChoices.setPreferences(profile, new long[] {Hashing.key("media/books/fiction")}, new long[0],
            new String[0], new long[0], NOW);
        final ShopperInterests interests = new ShopperInterests(RankingSettings.DEFAULT);
        interests.prepare(catalog);

        interests.collect(catalog, profile, request.reset(NOW), CatalogSnapshot.MISSING);

        final int fiction = catalog.categoryIndexOf(Hashing.key("media/books/fiction"));
        assertThat(interests.interestCategory(0)).isEqualTo(fiction);
        assertThat(interests.interestCount()).isGreaterThan(1);
        assertThat(interests.likesCategory(fiction)).isTrue();
        assertThat(interests.likesCategory(catalog.categoryIndexOf(Hashing.key("apparel/shirts")))).isFalse();

        interests.clear();
        assertThat(interests.interestCount()).isZero();
    }
}
