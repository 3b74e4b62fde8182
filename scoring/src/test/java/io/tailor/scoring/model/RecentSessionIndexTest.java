package io.tailor.scoring.model;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

/** The recent sessions of the live stream and their neighbours: bounded, evicting the oldest, V-SKNN weighted. */
class RecentSessionIndexTest
{
    private static final long MINUTE = 60_000L;
    private static final long NOBODY = -1L;

    private final RecentSessionIndex.Neighbourhood scratch = new RecentSessionIndex.Neighbourhood();

    @Test
    void shouldGroupAShoppersViewsIntoSessionsByTheGapAndKeepEachProductOnce()
    {
        final RecentSessionIndex index = new RecentSessionIndex(8, 20, 30 * MINUTE);
        index.view(1L, 10L, 0L);
        index.view(1L, 11L, MINUTE);
        index.view(1L, 10L, 2 * MINUTE);
        assertThat(index.sessionOf(1L)).as("a product viewed again is not added again").containsExactly(10L, 11L);

        index.view(1L, 12L, 2 * MINUTE + 31 * MINUTE);
        assertThat(index.sessionOf(1L)).as("31 minutes without a view start a new session").containsExactly(12L);
        assertThat(index.sessions()).isEqualTo(2);
        assertThat(index.sessionOf(2L)).isEmpty();
    }

    @Test
    void shouldCutALongSessionIntoPiecesOfTheBound()
    {
        final RecentSessionIndex index = new RecentSessionIndex(8, 3, 30 * MINUTE);
        for (long product = 1; product <= 5; product++)
        {
            index.view(1L, product, product * 1_000L);
        }
        assertThat(index.sessionOf(1L)).containsExactly(4L, 5L);
        assertThat(index.sessions()).isEqualTo(2);
    }

    @Test
    void shouldKeepAtMostItsCapacityEvictingTheOldestSessionWithItsPostings()
    {
        final RecentSessionIndex index = new RecentSessionIndex(4, 20, 30 * MINUTE);
        for (long shopper = 0; shopper < 100; shopper++)
        {
            // Each shopper views a product of its own and the shared product 1000.
            index.view(shopper, 1_000L, shopper * MINUTE);
            index.view(shopper, shopper, shopper * MINUTE + 1_000L);
        }
        assertThat(index.sessions()).isEqualTo(4);
        assertThat(index.products()).as("the shared product and the last four sessions' own ones").isEqualTo(5);
        assertThat(index.sessionOf(0L)).as("the first shopper's session is gone").isEmpty();
        assertThat(index.views()).isEqualTo(200L);

        final Map<Long, Float> scores = neighbours(index, new long[] {1_000L}, new float[] {1f}, 500, 100);
        assertThat(scores).as("only the four kept sessions vote").containsOnlyKeys(1_000L, 96L, 97L, 98L, 99L);
        assertThat(neighbours(index, new long[] {5L}, new float[] {1f}, 500, 100))
            .as("an evicted session's product has no neighbours").isEmpty();
    }

    @Test
    void shouldWeighNeighboursByTheSharedProductsQueryWeights()
    {
        final RecentSessionIndex index = new RecentSessionIndex(16, 20, 30 * MINUTE);
        // Session a shares both query products, b only the older, c only the newer.
        view(index, 1L, 0L, 1L, 2L, 10L);
        view(index, 2L, MINUTE, 1L, 20L);
        view(index, 3L, 2 * MINUTE, 2L, 30L);

        // The query: product 2 the latest (weight 1), product 1 before it (weight 1/2).
        final Map<Long, Float> scores = neighbours(index, new long[] {2L, 1L}, new float[] {1f, 0.5f}, 500, 100);
        assertThat(scores.get(10L)).as("a shares both: 1 + 1/2").isCloseTo(1.5f, within(1e-6f));
        assertThat(scores.get(30L)).as("c shares the latest").isCloseTo(1f, within(1e-6f));
        assertThat(scores.get(20L)).as("b shares the older").isCloseTo(0.5f, within(1e-6f));

        index.neighbours(new long[] {2L, 1L}, new float[] {1f, 0.5f}, 2, NOBODY, 500, 100, scratch);
        assertThat(scratch.strongestFirst(3)).isEqualTo(3);
        assertThat(new long[] {scratch.product(0), scratch.product(1), scratch.product(2)})
            .as("the three products of session a, scored 1.5, come first").containsExactlyInAnyOrder(1L, 2L, 10L);

        final Map<Long, Float> top = neighbours(index, new long[] {2L, 1L}, new float[] {1f, 0.5f}, 500, 1);
        assertThat(top).as("with k = 1 only the most similar session votes").containsOnlyKeys(1L, 2L, 10L);
    }

    @Test
    void shouldCompareOnlyTheMostRecentSampleOfSessionsAndLeaveOutTheAskingShopper()
    {
        final RecentSessionIndex index = new RecentSessionIndex(16, 20, 30 * MINUTE);
        for (long shopper = 1; shopper <= 5; shopper++)
        {
            view(index, shopper, shopper * MINUTE, 1L, 100L + shopper);
        }
        final Map<Long, Float> recent = neighbours(index, new long[] {1L}, new float[] {1f}, 2, 100);
        assertThat(recent).as("the two most recent sessions sharing product 1").containsOnlyKeys(1L, 104L, 105L);

        final int scored = index.neighbours(new long[] {1L}, new float[] {1f}, 1, 5L, 2, 100, scratch);
        final Map<Long, Float> withoutOwn = collect(scored);
        assertThat(withoutOwn).as("the asker's own session is not its neighbour").containsOnlyKeys(1L, 104L);
    }

    @Test
    void shouldRejectBoundsThatAreNotBounds()
    {
        assertThatThrownBy(() -> new RecentSessionIndex(0, 20, MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentSessionIndex(12, 20, MINUTE)).as("not a power of two")
            .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentSessionIndex(8, 0, MINUTE)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RecentSessionIndex(8, 20, 0L)).isInstanceOf(IllegalArgumentException.class);
    }

    private static void view(final RecentSessionIndex index, final long shopper, final long startMs,
        final long... products)
    {
        for (int p = 0; p < products.length; p++)
        {
            index.view(shopper, products[p], startMs + p * 1_000L);
        }
    }

    private Map<Long, Float> neighbours(final RecentSessionIndex index, final long[] query, final float[] weights,
        final int sample, final int k)
    {
        return collect(index.neighbours(query, weights, query.length, NOBODY, sample, k, scratch));
    }

    private Map<Long, Float> collect(final int scored)
    {
        final Map<Long, Float> scores = new HashMap<>();
        for (int n = 0; n < scored; n++)
        {
            scores.put(scratch.product(n), scratch.score(n));
        }
        return scores;
    }
}
