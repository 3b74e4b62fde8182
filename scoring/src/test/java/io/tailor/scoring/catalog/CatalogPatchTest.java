package io.tailor.scoring.catalog;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.Hashing;
import org.agrona.collections.Long2ObjectHashMap;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A few catalog changes patched into a snapshot and its model agree with a full build of the changed catalog. */
class CatalogPatchTest
{
    private final ContentVectorizer vectorizer = new ContentVectorizer(Fixtures.D);
    private final List<Product> products = Fixtures.products();
    private final CatalogSnapshot base = Fixtures.snapshot(products);

    @Test
    void patchesAStockPriceAndAttributeChangeInPlaceLikeAFullBuild()
    {
        final Product old = products.get(3);
        final Product changed = new Product(old.id(), old.title(), old.category(), old.brand(), 999.0,
            Map.of("style", List.of("limited")), false, old.launchedAtMs(), true, null);

        final CatalogSnapshot patched = base.patched(List.of(changed), vectorizer, 2);

        final CatalogSnapshot full = CatalogSnapshot.build(replaced(products, changed), null, vectorizer, 2);
        assertThat(patched).isNotNull();
        assertThat(patched.size()).isEqualTo(base.size());
        assertThat(patched.version()).isEqualTo(2);
        assertSameProducts(patched, full);
        final int item = patched.indexOf(old.id());
        assertThat(item).as("an existing product keeps its index").isEqualTo(base.indexOf(old.id()));
        assertThat(patched.inStock(item)).isFalse();
        assertThat(patched.sensitive(item)).isTrue();
        assertThat(base.inStock(item)).as("the base snapshot is not changed").isTrue();
        assertThat(base.price(item)).isEqualTo((float)old.price());
        assertThat(patched.vectors()).as("a changed content vector is written to a copy").isNotSameAs(base.vectors());
    }

    @Test
    void sharesTheVectorsWhenOnlyTheStockChanged()
    {
        final Product old = products.get(5);
        final Product soldOut = Fixtures.with(old, false, false, old.launchedAtMs());

        final CatalogSnapshot patched = base.patched(List.of(soldOut), vectorizer, 2);

        assertThat(patched.inStock(patched.indexOf(old.id()))).isFalse();
        assertThat(patched.vectors()).isSameAs(base.vectors());
    }

    @Test
    void appendsALaunchedProductToItsCategoriesNewArrivalsLikeAFullBuild()
    {
        final Product launched = Fixtures.with(Fixtures.product("a-launch", "apparel/shoes/running", "Oak", 70), true,
            false, NOW - DAY);
        final Product older = Fixtures.with(Fixtures.product("b-older", "apparel/shirts", "", 30), true, false,
            NOW - 400 * DAY);

        final CatalogSnapshot patched = base.patched(List.of(launched, older), vectorizer, 2);

        final List<Product> all = new ArrayList<>(products);
        all.add(launched);
        all.add(older);
        final CatalogSnapshot full = CatalogSnapshot.build(all, null, vectorizer, 2);
        assertThat(patched.size()).isEqualTo(base.size() + 2);
        assertSameProducts(patched, full);
        for (int item = 0; item < base.size(); item++)
        {
            assertThat(patched.key(item)).as("existing products keep their index").isEqualTo(base.key(item));
        }
        final int running = patched.categoryIndexOf(Hashing.key("apparel/shoes/running"));
        assertThat(ids(patched, patched.categoryNewArrivals(running))).startsWith("a-launch")
            .containsExactlyElementsOf(ids(full, full.categoryNewArrivals(running)));
        final int apparel = patched.categoryIndexOf(Hashing.key("apparel"));
        assertThat(ids(patched, patched.categoryNewArrivals(apparel)))
            .containsExactlyInAnyOrderElementsOf(ids(full, full.categoryNewArrivals(apparel)));
        assertThat(ids(patched, patched.newArrivals())).startsWith("a-launch")
            .containsExactlyInAnyOrderElementsOf(ids(full, full.newArrivals()));
        assertThat(ids(base, base.newArrivals())).as("the base's lists are not changed").doesNotContain("a-launch");
        final int oak = patched.brandIndexOf(Hashing.key("Oak"));
        assertThat(ids(patched, patched.brandNewArrivals(oak))).startsWith("a-launch")
            .containsExactlyElementsOf(ids(full, full.brandNewArrivals(oak)));
        assertThat(ids(base, base.brandNewArrivals(oak))).doesNotContain("a-launch");
    }

    @Test
    void appendsLaunchesIntoTheArraysRoomWithoutACopyAndNeverIntoRowsANewerSnapshotWrote()
    {
        final Product first = Fixtures.with(Fixtures.product("l-first", "apparel/shirts", "Oak", 20), true, false,
            NOW - DAY);
        final Product second = Fixtures.with(Fixtures.product("l-second", "apparel/shoes/running", "Oak", 90), true,
            false, NOW - DAY);
        final Product rival = Fixtures.with(Fixtures.product("l-rival", "apparel/shoes/running", "", 5), true, false,
            NOW - DAY);

        final CatalogSnapshot one = base.patched(List.of(first), vectorizer, 2);
        final CatalogSnapshot two = one.patched(List.of(second), vectorizer, 3);
        // A patch of an older snapshot (never made by the refresher, which patches its newest) must not write the
        // row the newer snapshot owns.
        final CatalogSnapshot branch = one.patched(List.of(rival), vectorizer, 3);

        assertThat(one.vectors()).as("a launch is appended into the room of the base's array").isSameAs(base.vectors());
        assertThat(base.key(base.size() - 1)).as("the base reads what it read before").isEqualTo(
            one.key(base.size() - 1));
        assertThat(base.indexOf("l-first")).as("nor does it know the launch").isEqualTo(CatalogSnapshot.MISSING);
        assertThat(two.vectors()).isSameAs(base.vectors());
        assertThat(branch.vectors()).as("a second patch of the same snapshot gets a copy").isNotSameAs(base.vectors());
        final List<Product> all = new ArrayList<>(products);
        all.add(first);
        assertSameProducts(one, CatalogSnapshot.build(all, null, vectorizer, 2));
        final List<Product> withSecond = new ArrayList<>(all);
        withSecond.add(second);
        assertSameProducts(two, CatalogSnapshot.build(withSecond, null, vectorizer, 3));
        final List<Product> withRival = new ArrayList<>(all);
        withRival.add(rival);
        assertSameProducts(branch, CatalogSnapshot.build(withRival, null, vectorizer, 3));
        assertSameProducts(two, CatalogSnapshot.build(withSecond, null, vectorizer, 3));
    }

    @Test
    void copiesSharedVectorsBeforeChangingARowOtherSnapshotsRead()
    {
        final Product launched = Fixtures.with(Fixtures.product("l-new", "apparel/shirts", "Oak", 20), true, false,
            NOW - DAY);
        final Product old = products.get(3);
        final Product restyled = new Product(old.id(), old.title(), old.category(), old.brand(), old.price(),
            Map.of("style", List.of("limited")), true, old.launchedAtMs(), false, null);
        final CatalogSnapshot one = base.patched(List.of(launched), vectorizer, 2);
        final int item = base.indexOf(old.id());
        final float[] before = Arrays.copyOfRange(base.vectors(), item * Fixtures.D, (item + 1) * Fixtures.D);

        final CatalogSnapshot two = one.patched(List.of(restyled), vectorizer, 3);

        assertThat(two.vectors()).isNotSameAs(one.vectors());
        assertThat(Arrays.copyOfRange(base.vectors(), item * Fixtures.D, (item + 1) * Fixtures.D))
            .as("the snapshots sharing the array read the row they read before").isEqualTo(before);
        final List<Product> all = new ArrayList<>(replaced(products, restyled));
        all.add(launched);
        assertSameProducts(two, CatalogSnapshot.build(all, null, vectorizer, 3));
    }

    @Test
    void leavesToAFullBuildWhatChangesAProductsPlaceInTheLists()
    {
        final Product old = products.get(0);
        final Product moved = new Product(old.id(), old.title(), "apparel/shirts", old.brand(), old.price(),
            old.attributes(), true, old.launchedAtMs(), false, null);
        final Product rebranded = new Product(old.id(), old.title(), old.category(), "Quill", old.price(),
            old.attributes(), true, old.launchedAtMs(), false, null);
        final Product relaunched = Fixtures.with(old, true, false, NOW);

        assertThat(base.patched(List.of(moved), vectorizer, 2)).as("category changed").isNull();
        assertThat(base.patched(List.of(rebranded), vectorizer, 2)).as("brand changed").isNull();
        assertThat(base.patched(List.of(relaunched), vectorizer, 2)).as("launch changed").isNull();
        assertThat(base.patched(List.of(Fixtures.product("n1", "garden/tools", "Oak", 5)), vectorizer, 2))
            .as("a new category").isNull();
        assertThat(base.patched(List.of(Fixtures.product("n2", "apparel/shirts", "Brandnew", 5)), vectorizer, 2))
            .as("a new brand").isNull();
        assertThat(base.patched(List.of(Fixtures.product("n3", "apparel/shirts", "Oak", 5),
            Fixtures.product("n3", "apparel/shirts", "Oak", 6)), vectorizer, 2)).as("an id twice").isNull();
    }

    @Test
    void carriesTheModelOverWithTheAddedProductsWithoutEvidence()
    {
        final ItemModel model = Fixtures.ringModel(products);
        final Product launched = Fixtures.with(Fixtures.product("a-launch", "apparel/shoes/running", "Oak", 70), true,
            false, NOW - DAY);

        final CatalogSnapshot patched = model.catalog().patched(List.of(launched), vectorizer, 2);
        final ItemModel carried = model.overPatched(patched, model.version() + 1);

        assertThat(carried.catalog()).isSameAs(patched);
        assertThat(carried.version()).isEqualTo(model.version() + 1);
        for (int item = 0; item < model.catalog().size(); item++)
        {
            assertThat(carried.popularity(item)).isEqualTo(model.popularity(item));
            assertThat(carried.neighbors(item)).isEqualTo(model.neighbors(item));
        }
        final int added = patched.indexOf("a-launch");
        assertThat(carried.popularity(added)).isZero();
        assertThat(carried.neighbors(added)).isEmpty();
        assertThat(carried.globalTop()).isEqualTo(model.globalTop());
        assertThatThrownBy(() -> carried.overPatched(model.catalog(), 9))
            .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void findsEveryLaunchByIdAcrossMoreLaunchesThanItsTableOfLaunchesHolds()
    {
        // 1,100 launches, one patch each: past the 1,024 the table of launched products holds before the next
        // patch makes one index of everything again.
        CatalogSnapshot newest = base;
        CatalogSnapshot after500 = null;
        for (int n = 0; n < 1_100; n++)
        {
            newest = newest.patched(List.of(Fixtures.with(Fixtures.product("l-" + n, "apparel/shoes/running", "Oak",
                10 + n), true, false, NOW - DAY)), vectorizer, 2 + n);
            if (n == 499)
            {
                after500 = newest;
            }
        }

        for (int n = 0; n < 1_100; n++)
        {
            final int item = newest.indexOf("l-" + n);
            assertThat(item).as("l-" + n).isEqualTo(base.size() + n);
            assertThat(newest.product(item).id()).isEqualTo("l-" + n);
            assertThat(after500.indexOf("l-" + n)).as("an older snapshot knows its own launches only")
                .isEqualTo(n < 500 ? base.size() + n : CatalogSnapshot.MISSING);
            assertThat(base.indexOf("l-" + n)).isEqualTo(CatalogSnapshot.MISSING);
        }
        for (int item = 0; item < base.size(); item++)
        {
            assertThat(newest.indexOf(base.product(item).id())).isEqualTo(item);
        }
    }

    @Test
    void sharesTheModelsArraysWithALaunchButNeverWithASecondPatchOfTheSameModel()
    {
        final Product seen = products.get(2);
        final ItemModel exposed = Fixtures.ringModel(products).withExposureAdded(shown(seen.id()), NOW);
        final int item = exposed.catalog().indexOf(seen.id());
        final float before = exposed.shownLately(item);
        final CatalogSnapshot one = exposed.catalog().patched(List.of(launch("m-one")), vectorizer, 2);
        final ItemModel first = exposed.overPatched(one, 2);
        final CatalogSnapshot two = one.patched(List.of(launch("m-two")), vectorizer, 3);
        final ItemModel second = first.overPatched(two, 3);
        // A patch of an older model (the refresher patches its newest) claims nothing: its launch has the index of
        // the newer model's, and must not read that one's counts.
        final CatalogSnapshot rivalCatalog = one.patched(List.of(launch("m-rival")), vectorizer, 3);
        final ItemModel rival = first.overPatched(rivalCatalog, 3);

        final ItemModel counted = second.withExposureAdded(shown(seen.id()), NOW)
            .withExposureAdded(shown("m-two"), NOW);

        assertThat(first.shownLately(item)).as("a launch shares the counts' array (no copy)")
            .isEqualTo(counted.shownLately(item)).isEqualTo(exposed.shownLately(item)).isGreaterThan(before);
        assertThat(counted.shownLately(two.indexOf("m-two"))).isPositive();
        assertThat(rivalCatalog.indexOf("m-rival")).isEqualTo(two.indexOf("m-two"));
        assertThat(rival.shownLately(rivalCatalog.indexOf("m-rival"))).as("the other branch's launch").isZero();
        assertThat(rival.shownLately(item)).as("a copy, made before the counts grew").isEqualTo(before);
        assertThat(rival.popularity(rivalCatalog.indexOf("m-rival"))).isZero();
        assertThat(rival.neighbors(rivalCatalog.indexOf("m-rival"))).isEmpty();
    }

    @Test
    void sharesTheArraysOfAModelBuiltInFullWithTheFirstLaunchAfterIt()
    {
        final Product seen = products.get(2);
        final ItemModel built = Fixtures.ringModel(products);
        final ItemModel exposed = built.withExposureAdded(shown(seen.id()), NOW);
        final int item = built.catalog().indexOf(seen.id());
        final float before = exposed.shownLately(item);
        final CatalogSnapshot one = built.catalog().patched(List.of(launch("f-one")), vectorizer, 2);

        final ItemModel launched = exposed.overPatched(one, 2).withExposureAdded(shown(seen.id()), NOW);

        // The launch's model added to the counts in place: the model before it reads them too, so no array was
        // copied, neither the full build's nor the counts made after it.
        assertThat(launched.shownLately(item)).isGreaterThan(before);
        assertThat(exposed.shownLately(item)).as("the same array").isEqualTo(launched.shownLately(item));
        assertThat(launched.popularity(one.indexOf("f-one"))).isZero();
        assertThat(launched.neighbors(one.indexOf("f-one"))).isEmpty();
        for (int p = 0; p < built.catalog().size(); p++)
        {
            assertThat(launched.popularity(p)).isEqualTo(built.popularity(p));
            assertThat(launched.neighbors(p)).isEqualTo(built.neighbors(p));
        }
    }

    private static Product launch(final String id)
    {
        return Fixtures.with(Fixtures.product(id, "apparel/shoes/running", "Oak", 70), true, false, NOW - DAY);
    }

    private static Long2ObjectHashMap<ItemStats> shown(final String id)
    {
        final Long2ObjectHashMap<ItemStats> deltas = new Long2ObjectHashMap<>();
        deltas.put(Hashing.key(id), new ItemStats().addShown(3, Placement.HOME.ordinal(), NOW));
        return deltas;
    }

    /** Every product has the same columns and vector in both snapshots, looked up by id. */
    private static void assertSameProducts(final CatalogSnapshot actual, final CatalogSnapshot expected)
    {
        assertThat(actual.size()).isEqualTo(expected.size());
        final int d = actual.dimensions();
        for (int e = 0; e < expected.size(); e++)
        {
            final String id = expected.product(e).id();
            final int a = actual.indexOf(id);
            assertThat(a).as(id).isNotNegative();
            assertThat(actual.product(a)).isEqualTo(expected.product(e));
            assertThat(actual.key(a)).isEqualTo(expected.key(e));
            assertThat(actual.categoryPath(actual.categoryOf(a)))
                .isEqualTo(expected.categoryPath(expected.categoryOf(e)));
            assertThat(actual.brandOf(a)).isEqualTo(expected.brandOf(e));
            assertThat(actual.price(a)).isEqualTo(expected.price(e));
            assertThat(actual.launchedAt(a)).isEqualTo(expected.launchedAt(e));
            assertThat(actual.inStock(a)).isEqualTo(expected.inStock(e));
            assertThat(actual.sensitive(a)).isEqualTo(expected.sensitive(e));
            assertThat(Arrays.copyOfRange(actual.vectors(), a * d, a * d + d)).as("vector of %s", id)
                .isEqualTo(Arrays.copyOfRange(expected.vectors(), e * d, e * d + d));
        }
    }

    private static List<Product> replaced(final List<Product> products, final Product changed)
    {
        final List<Product> all = new ArrayList<>();
        for (final Product p : products)
        {
            all.add(p.id().equals(changed.id()) ? changed : p);
        }
        return all;
    }

    private static List<String> ids(final CatalogSnapshot snapshot, final int[] items)
    {
        final List<String> ids = new ArrayList<>();
        for (final int item : items)
        {
            ids.add(snapshot.product(item).id());
        }
        return ids;
    }
}
