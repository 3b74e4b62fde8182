package io.tailor.benchmarks.jmh;

import org.junit.jupiter.api.Test;

import java.util.function.ToIntFunction;

import static org.assertj.core.api.Assertions.assertThat;

class CandidateScoringBenchmarkTest
{
    @Test
    void shouldSelectTheSameTopTenWithEveryKernelOnPackedRows()
    {
        final int[] expected = topTen(CandidateScoringBenchmark::naivePacked);

        assertThat(topTen(CandidateScoringBenchmark::unrolledPacked)).containsExactly(expected);
        assertThat(topTen(CandidateScoringBenchmark::scalarKernelPacked)).containsExactly(expected);
        assertThat(topTen(CandidateScoringBenchmark::vectorApiPacked)).containsExactly(expected);
    }

    @Test
    void shouldSelectTheSameTopTenWithEveryKernelOnGatheredRows()
    {
        final int[] expected = topTen(CandidateScoringBenchmark::naiveGathered);

        assertThat(topTen(CandidateScoringBenchmark::unrolledGathered)).containsExactly(expected);
        assertThat(topTen(CandidateScoringBenchmark::scalarKernelGathered)).containsExactly(expected);
        assertThat(topTen(CandidateScoringBenchmark::vectorApiGathered)).containsExactly(expected);
        assertThat(topTen(CandidateScoringBenchmark::vectorApiGatherThenPacked)).containsExactly(expected);
    }

    @Test
    void shouldRankTheBestScoresFirst()
    {
        final TopK top = new TopK(3);

        top.select(new float[] {0.1f, 0.9f, -0.5f, 0.4f, 0.9f, 0.7f}, 6);

        assertThat(top.count()).isEqualTo(3);
        assertThat(new int[] {top.item(0), top.item(1), top.item(2)}).containsExactly(1, 4, 5);
        assertThat(top.score(2)).isEqualTo(0.7f);
    }

    /** A fresh benchmark (same seed, so the same data and candidate sets) runs one variant once. */
    private static int[] topTen(final ToIntFunction<CandidateScoringBenchmark> variant)
    {
        final CandidateScoringBenchmark benchmark = new CandidateScoringBenchmark();
        benchmark.candidates = 1000;
        benchmark.d = 64;
        benchmark.tableRows = 20_000;
        benchmark.setUp();
        final int best = variant.applyAsInt(benchmark);
        final TopK top = benchmark.top();
        assertThat(top.count()).isEqualTo(10);
        assertThat(top.item(0)).isEqualTo(best);
        final int[] items = new int[top.count()];
        for (int i = 0; i < items.length; i++)
        {
            items[i] = top.item(i);
        }
        return items;
    }
}
