package io.tailor.scoring.catalog;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.vector.VectorMath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class CatalogSnapshotTest
{
    @Test
    void shouldIndexProductsByIdAndKey()
    {
        final CatalogSnapshot snapshot = Fixtures.snapshot(Fixtures.products());

        assertThat(snapshot.size()).isEqualTo(30);
        final int item = snapshot.indexOf("p1-4");
        assertThat(item).isNotEqualTo(CatalogSnapshot.MISSING);
        assertThat(snapshot.product(item).id()).isEqualTo("p1-4");
        assertThat(snapshot.indexOf("nope")).isEqualTo(CatalogSnapshot.MISSING);
    }

    @Test
    void shouldKnowEveryPrefixOfEveryCategoryPath()
    {
        final CatalogSnapshot snapshot = Fixtures.snapshot(Fixtures.products());

        final int running = snapshot.categoryIndexOf(io.tailor.scoring.util.Hashing.key("apparel/shoes/running"));
        final int shoes = snapshot.categoryParent(running);
        final int apparel = snapshot.categoryParent(shoes);
        assertThat(snapshot.categoryPath(shoes)).isEqualTo("apparel/shoes");
        assertThat(snapshot.categoryPath(apparel)).isEqualTo("apparel");
        assertThat(snapshot.categoryParent(apparel)).isEqualTo(CatalogSnapshot.MISSING);
        assertThat(snapshot.categoryWithin(running, apparel)).isTrue();
        assertThat(snapshot.categoryWithin(apparel, running)).isFalse();
        assertThat(snapshot.categoryCount()).isEqualTo(7);
    }

    @Test
    void shouldListNewArrivalsNewestFirstIncludingSubcategories()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.add(Fixtures.with(Fixtures.product("fresh", "apparel/shoes/running", "Swift", 90), true, false,
            NOW - DAY));
        products.add(Fixtures.with(Fixtures.product("undated", "apparel/shoes/running", "Swift", 90), true, false,
            Product.UNKNOWN_LAUNCH));
        final CatalogSnapshot snapshot = Fixtures.snapshot(products);

        final int apparel = snapshot.categoryIndexOf(io.tailor.scoring.util.Hashing.key("apparel"));
        final int[] newest = snapshot.categoryNewArrivals(apparel);
        assertThat(snapshot.product(newest[0]).id()).isEqualTo("fresh");
        for (final int item : newest)
        {
            assertThat(snapshot.product(item).id()).isNotEqualTo("undated");
        }
        assertThat(snapshot.product(snapshot.newArrivals()[0]).id()).isEqualTo("fresh");
    }

    @Test
    void shouldGiveUnitContentVectorsThatAreCloserWithinACategory()
    {
        final CatalogSnapshot snapshot = Fixtures.snapshot(Fixtures.products());
        final int d = snapshot.dimensions();
        final float[] v = snapshot.vectors();
        final int a = snapshot.indexOf("p0-1");
        final int b = snapshot.indexOf("p0-2");
        final int c = snapshot.indexOf("p2-1");

        assertThat(VectorMath.dot(v, a * d, v, a * d, d)).isCloseTo(1f, within(1e-5f));
        assertThat(VectorMath.dot(v, a * d, v, b * d, d)).isGreaterThan(VectorMath.dot(v, a * d, v, c * d, d));
    }

    @Test
    void shouldReuseVectorsOfUnchangedProductsAndUseExplicitOnes()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        final float[] explicit = new float[Fixtures.D];
        explicit[3] = 2f;
        final Product given = Fixtures.product("given", "x/y", "Oak", 5);
        products.add(new Product(given.id(), given.title(), given.category(), given.brand(), given.price(),
            given.attributes(), true, NOW, false, explicit));
        final CatalogSnapshot first = Fixtures.snapshot(products);
        final CatalogSnapshot second = CatalogSnapshot.build(products, first, new ContentVectorizer(Fixtures.D), 2);

        final int item = second.indexOf("given");
        assertThat(second.vectors()[item * Fixtures.D + 3]).isEqualTo(1f);
        final int other = second.indexOf("p0-1");
        for (int i = 0; i < Fixtures.D; i++)
        {
            assertThat(second.vectors()[other * Fixtures.D + i])
                .isEqualTo(first.vectors()[first.indexOf("p0-1") * Fixtures.D + i]);
        }
    }
}
