package io.tailor.scoring.util;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RadixSortTest
{
    /** Entries as the re-rank makes them: any int above, the position below, positions ascending. */
    private static long[] entries(final int[] high)
    {
        final long[] values = new long[high.length];
        for (int i = 0; i < high.length; i++)
        {
            values[i] = (long)high[i] << 32 | i;
        }
        return values;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 7, 44, 45, 100, 500})
    void shouldOrderAsTheFullSortDoesWhenTiesComeInPositionOrder(final int count)
    {
        final SplittableRandom random = new SplittableRandom(count);
        for (int round = 0; round < 50; round++)
        {
            final int[] high = new int[count];
            for (int i = 0; i < count; i++)
            {
                // Every kind of upper half: full range, a few values (many ties), small negatives and positives.
                high[i] = switch (round % 3)
                {
                    case 0 -> random.nextInt();
                    case 1 -> random.nextInt(4) - 2;
                    default -> random.nextInt(-70_000, 70_000);
                };
            }
            final long[] sorted = entries(high);
            final long[] expected = sorted.clone();
            Arrays.sort(expected);

            new RadixSort(500).sortByHigh32(sorted, count);

            assertThat(sorted).containsExactly(expected);
        }
    }

    @Test
    void shouldKeepTheOrderOfEqualUpperHalvesWhateverTheLowerHalves()
    {
        final long[] values = {5L << 32 | 9, -1L << 32 | 3, 5L << 32 | 1, Integer.MIN_VALUE * (1L << 32) | 7};

        new RadixSort(4).sortByHigh32(values, 4);

        assertThat(values).containsExactly(Integer.MIN_VALUE * (1L << 32) | 7, -1L << 32 | 3, 5L << 32 | 9,
            5L << 32 | 1);
    }

    @Test
    void shouldLeaveEntriesBeyondTheCountAlone()
    {
        final long[] values = {3L << 32, 1L << 32, 2L << 32, 0L};

        new RadixSort(4).sortByHigh32(values, 3);

        assertThat(values).containsExactly(1L << 32, 2L << 32, 3L << 32, 0L);
    }

    @Test
    void shouldRefuseMoreEntriesThanItsCapacity()
    {
        assertThatThrownBy(() -> new RadixSort(2).sortByHigh32(new long[3], 3))
            .isInstanceOf(IllegalArgumentException.class);
    }
}
