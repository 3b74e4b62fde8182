package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class RankingMetricsTest
{
    @Test
    void shouldComputeHitRateAndNdcgByHand()
    {
        final RankingMetrics m = new RankingMetrics(3, 10);

        assertThat(m.addFullRanking(new int[] {4, 5, 6}, 3, 4)).isEqualTo(0);
        assertThat(m.addFullRanking(new int[] {1, 2, 3}, 3, 3)).isEqualTo(2);
        assertThat(m.addFullRanking(new int[] {1, 2, 7}, 3, 9)).isEqualTo(-1);
        assertThat(m.addFullRanking(new int[] {1}, 1, 2)).isEqualTo(-1);

        assertThat(m.cases()).isEqualTo(4);
        assertThat(m.hitRate()).isEqualTo(0.5);
        // (1/log2(2) + 1/log2(4) + 0 + 0) / 4 = (1 + 0.5) / 4
        assertThat(m.ndcg()).isCloseTo(0.375, within(1e-12));
        // items 1..7 appeared: 7 of 10
        assertThat(m.coverage()).isCloseTo(0.7, within(1e-12));
    }

    @Test
    void shouldNotCountItemsPastTheCutOff()
    {
        final RankingMetrics m = new RankingMetrics(2, 4);

        assertThat(m.addFullRanking(new int[] {0, 1, 2}, 3, 2)).isEqualTo(-1);

        assertThat(m.hitRate()).isZero();
        assertThat(m.coverage()).isEqualTo(0.5);
        assertThat(RankingMetrics.ndcgAt(1, 2)).isCloseTo(1.0 / (Math.log(3) / Math.log(2)), within(1e-12));
        assertThat(RankingMetrics.ndcgAt(2, 2)).isZero();
    }

    @Test
    void shouldRankTheTargetAmongSampledItemsAndBreakTiesByTheSeededHash()
    {
        final TieBreak tieBreak = new TieBreak(42);
        final int[] items = {10, 11, 12, 13};

        assertThat(RankingMetrics.rankOfFirst(tieBreak, 0, items, new double[] {0.5, 0.9, 0.1, 0.7}, 4))
            .isEqualTo(2);
        assertThat(RankingMetrics.rankOfFirst(tieBreak, 0, items, new double[] {0.5, Double.NaN, 0.1, 0.2}, 4))
            .as("NaN ranks last").isZero();

        final int[] pair = {10, 11};
        final int tied = RankingMetrics.rankOfFirst(tieBreak, 0, pair, new double[] {1.0, 1.0}, 2);
        final int swapped = RankingMetrics.rankOfFirst(tieBreak, 0, new int[] {11, 10}, new double[] {1.0, 1.0}, 2);
        assertThat(tied + swapped).as("exactly one of two tied items ranks first").isEqualTo(1);
    }

    @Test
    void shouldAverageSampledMetrics()
    {
        final RankingMetrics m = new RankingMetrics(10, 5);
        m.addSampled(0);
        m.addSampled(9);
        m.addSampled(10);
        m.addSampled(50);

        assertThat(m.sampledHitRate()).isEqualTo(0.5);
        assertThat(m.sampledNdcg()).isCloseTo((1.0 + 1.0 / (Math.log(11) / Math.log(2))) / 4, within(1e-12));
    }

    @Test
    void shouldSelectTheTopKOfScoresLeavingOutTrainingItems()
    {
        final EvalCase c = new EvalCase("u", 0, 3, 0L, new int[] {1, 4});
        final double[] scores = {0.1, 9.0, 0.5, 0.7, 8.0, 0.3, 0.7};
        final int[] out = new int[3];

        final int n = ScoredMethod.topK(new TieBreak(1), c, scores, scores.length, 3, out);

        assertThat(n).isEqualTo(3);
        assertThat(List.of(out[0], out[1])).containsExactlyInAnyOrder(3, 6);
        assertThat(out[2]).isEqualTo(2);
    }

    @Test
    void shouldSampleDistinctNegativesTheShopperNeverTouchedTheSameWayEveryTime()
    {
        final List<EvalCase> cases = List.of(new EvalCase("u", 0, 5, 0L, new int[] {0, 1, 2}),
            new EvalCase("v", 1, 0, 0L, new int[] {9}));

        final int[][] a = NegativeSampler.sample(cases, 1000, 100, 7);
        final int[][] b = NegativeSampler.sample(cases, 1000, 100, 7);
        final int[][] small = NegativeSampler.sample(cases, 12, 100, 7);

        assertThat(a).isDeepEqualTo(b);
        assertThat(a[0]).hasSize(101).startsWith(5).doesNotHaveDuplicates().doesNotContain(0, 1, 2);
        assertThat(a[0]).containsOnlyOnce(5);
        assertThat(a[1]).hasSize(101).startsWith(0).doesNotContain(9).containsOnlyOnce(0);
        assertThat(small[0]).as("every eligible item when fewer than asked")
            .containsExactlyInAnyOrder(5, 3, 4, 6, 7, 8, 9, 10, 11);
    }
}
