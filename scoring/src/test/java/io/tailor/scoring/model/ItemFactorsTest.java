package io.tailor.scoring.model;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.vector.VectorMath;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ItemFactorsTest
{
    private static final FactorSettings SMALL = new FactorSettings(4, 4);

    @Test
    void shouldPlaceProductsNeverSeenTogetherButSeenWithTheSameOthersClose()
    {
        final ItemModel model = Fixtures.ringModel(Fixtures.products());
        final ItemFactors factors = ItemFactors.learn(model, SMALL);
        final CatalogSnapshot catalog = model.catalog();

        assertThat(model.neighbors(catalog.indexOf("p0-0"))).doesNotContain(catalog.indexOf("p2-5"));
        final float twoStepsApart = cosine(factors, catalog, "p0-0", "p2-5");
        float otherCrowds = -1f;
        for (int ring = 1; ring < Fixtures.RINGS.length; ring++)
        {
            for (final String other : Fixtures.RINGS[ring])
            {
                otherCrowds = Math.max(otherCrowds, cosine(factors, catalog, "p0-0", other));
            }
        }
        assertThat(twoStepsApart).isGreaterThan(0.6f);
        assertThat(otherCrowds).isLessThan(0.3f);
    }

    @Test
    void shouldWeighEachVectorByTheEvidenceBehindItAndIndexEveryRowInExactlyOneCluster()
    {
        final ItemModel model = Fixtures.ringModel(Fixtures.products());
        final ItemFactors factors = ItemFactors.learn(model, SMALL);

        assertThat(factors.rank()).isEqualTo(4);
        assertThat(factors.rowCount()).isEqualTo(30);
        final boolean[] seen = new boolean[model.catalog().size()];
        for (int row = 0; row < factors.rowCount(); row++)
        {
            final int item = factors.itemOfRow(row);
            assertThat(seen[item]).isFalse();
            seen[item] = true;
            assertThat(factors.row(item)).isEqualTo(row * factors.rank());
            // On a ring every product has two partners, each pair listed both ways: m = 4, length 4 / (4 + 8).
            assertThat(VectorMath.norm(Arrays.copyOfRange(factors.rows(), row * 4, row * 4 + 4), 4))
                .isCloseTo(4f / 12f, within(1e-4f));
        }
        assertThat(factors.clusterStart(0)).isZero();
        assertThat(factors.clusterStart(factors.clusterCount())).isEqualTo(factors.rowCount());
        for (int c = 0; c < factors.clusterCount(); c++)
        {
            assertThat(factors.clusterStart(c + 1)).isGreaterThanOrEqualTo(factors.clusterStart(c));
        }
    }

    @Test
    void shouldLearnTheSameFactorsFromTheSameModel()
    {
        final ItemModel model = Fixtures.ringModel(Fixtures.products());

        final ItemFactors first = ItemFactors.learn(model, SMALL);
        final ItemFactors second = ItemFactors.learn(model, SMALL);

        assertThat(second.rows()).containsExactly(first.rows());
        assertThat(second.centroids()).containsExactly(first.centroids());
    }

    @Test
    void shouldGiveNoVectorToSensitiveProductsOrProductsWithoutNeighbours()
    {
        final List<Product> products = new ArrayList<>(Fixtures.products());
        products.replaceAll(p -> p.id().equals("p1-3") ? Fixtures.with(p, true, true, p.launchedAtMs()) : p);
        products.add(Fixtures.product("fresh", "apparel/shirts", "Oak", 30));
        final ItemModel model = Fixtures.ringModel(products);

        final ItemFactors factors = ItemFactors.learn(model, SMALL);

        assertThat(factors.row(model.catalog().indexOf("p1-3"))).isEqualTo(-1);
        assertThat(factors.row(model.catalog().indexOf("fresh"))).isEqualTo(-1);
        assertThat(factors.row(model.catalog().indexOf("p0-0"))).isNotNegative();
        assertThat(factors.rowCount()).isEqualTo(29);
    }

    @Test
    void shouldFollowProductsByKeyIntoANewerCatalog()
    {
        final ItemModel model = Fixtures.ringModel(Fixtures.products());
        final ItemFactors factors = ItemFactors.learn(model, SMALL);
        final List<Product> newer = new ArrayList<>(Fixtures.products());
        newer.removeIf(p -> p.id().equals("p0-0"));
        newer.add(0, Fixtures.product("fresh", "apparel/shirts", "Oak", 30));
        final CatalogSnapshot next = Fixtures.snapshot(newer);

        final ItemFactors moved = model.withFactors(factors).factors().over(next);

        assertThat(moved.indexes(next)).isTrue();
        assertThat(moved.row(next.indexOf("fresh"))).isEqualTo(-1);
        assertThat(next.indexOf("p0-0")).isEqualTo(CatalogSnapshot.MISSING);
        assertThat(vector(moved, next, "p2-5")).containsExactly(vector(factors, model.catalog(), "p2-5"));
        assertThat(moved.itemOfRow(factors.row(model.catalog().indexOf("p0-0")) / 4)).isEqualTo(-1);
    }

    @Test
    void shouldLearnNothingWhenTurnedOffOrWithTooLittleEvidence()
    {
        final ItemModel model = Fixtures.ringModel(Fixtures.products());

        assertThat(ItemFactors.learn(model, FactorSettings.OFF)).isSameAs(ItemFactors.NONE);
        assertThat(ItemFactors.learn(model, new FactorSettings(16, 4)))
            .as("30 products cannot carry 16 + 8 directions twice over").isSameAs(ItemFactors.NONE);
        assertThat(ItemFactors.NONE.indexes(model.catalog())).isFalse();
    }

    private static float cosine(final ItemFactors factors, final CatalogSnapshot catalog, final String a,
        final String b)
    {
        final float[] u = vector(factors, catalog, a);
        final float[] v = vector(factors, catalog, b);
        return VectorMath.dot(u, 0, v, 0, u.length) / (VectorMath.norm(u, u.length) * VectorMath.norm(v, v.length));
    }

    private static float[] vector(final ItemFactors factors, final CatalogSnapshot catalog, final String id)
    {
        final int row = factors.row(catalog.indexOf(id));
        return Arrays.copyOfRange(factors.rows(), row, row + factors.rank());
    }
}
