package io.tailor.scoring.model;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.vector.VectorMath;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

class FactorSearchTest
{
    private final ItemModel model = Fixtures.ringModel(Fixtures.products());
    private final ItemFactors factors = ItemFactors.learn(model, new FactorSettings(4, 4));
    private final FactorSearch search = new FactorSearch();

    @Test
    void shouldFindExactlyTheBestProductsWhenEveryClusterIsSearched()
    {
        final float[] query = vectorOf("p1-8");
        final int[] items = new int[7];
        final float[] scores = new float[7];

        final int found = search.exact(factors, query, item -> false, items, scores);

        final Integer[] all = IntStream.range(0, model.catalog().size()).filter(i -> factors.row(i) >= 0).boxed()
            .toArray(Integer[]::new);
        Arrays.sort(all, Comparator.comparingDouble(i -> -dot(query, i)));
        assertThat(found).isEqualTo(7);
        for (int n = 0; n < found; n++)
        {
            assertThat(scores[n]).isEqualTo(dot(query, all[n]));
        }
        assertThat(factors.clusterCount()).isGreaterThan(1);
    }

    @Test
    void shouldSkipWhatTheCallerRulesOutAndListBestFirst()
    {
        final float[] query = vectorOf("p0-0");
        final int self = model.catalog().indexOf("p0-0");
        final int[] items = new int[5];
        final float[] scores = new float[5];

        final int found = search.nearest(factors, query, 2, item -> item == self, items, scores);

        assertThat(found).isPositive();
        assertThat(Arrays.copyOf(items, found)).doesNotContain(self);
        for (int n = 1; n < found; n++)
        {
            assertThat(scores[n]).isLessThanOrEqualTo(scores[n - 1]);
        }
    }

    @Test
    void shouldFindNothingWithoutFactors()
    {
        assertThat(search.nearest(ItemFactors.NONE, new float[4], 4, item -> false, new int[3], new float[3]))
            .isZero();
    }

    private float[] vectorOf(final String id)
    {
        final int row = factors.row(model.catalog().indexOf(id));
        return Arrays.copyOfRange(factors.rows(), row, row + factors.rank());
    }

    private float dot(final float[] query, final int item)
    {
        return VectorMath.dot(query, 0, factors.rows(), factors.row(item), factors.rank());
    }
}
