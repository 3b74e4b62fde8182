package io.tailor.scoring.experiment;

import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ShopperSketchTest
{
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 50, 1_000, 20_000, 200_000})
    void shouldCountDistinctShoppersWithinAFewPercentWhateverTheRepeatsAndTheMergeOrder(final int shoppers)
    {
        final byte[] first = new byte[ShopperSketch.REGISTERS];
        final byte[] second = new byte[ShopperSketch.REGISTERS];
        for (int i = 0; i < shoppers; i++)
        {
            final long hash = Hashing.key("u:shopper-" + i);
            ShopperSketch.add(i % 2 == 0 ? first : second, hash);
            ShopperSketch.add(second, hash);
        }

        ShopperSketch.merge(first, second);
        ShopperSketch.merge(first, second);

        assertThat((double)ShopperSketch.estimate(first)).isCloseTo(shoppers, within(Math.max(1, shoppers * 0.05)));
    }
}
