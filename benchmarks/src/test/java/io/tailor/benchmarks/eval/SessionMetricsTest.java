package io.tailor.benchmarks.eval;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class SessionMetricsTest
{
    @Test
    void shouldComputePrecisionAndReciprocalRankByHand()
    {
        final SessionMetrics m = new SessionMetrics(3);

        assertThat(m.add(new int[] {4, 5, 6}, 3, 4, true)).isEqualTo(0);
        assertThat(m.add(new int[] {1, 2, 3}, 3, 3, false)).isEqualTo(2);
        assertThat(m.add(new int[] {1, 2, 7}, 3, 9, true)).isEqualTo(-1);
        assertThat(m.add(new int[] {8, 2}, 2, 2, true)).isEqualTo(1);

        assertThat(m.cases()).isEqualTo(4);
        assertThat(m.precision()).isEqualTo(0.75);
        // (1/1 + 1/3 + 0 + 1/2) / 4
        assertThat(m.mrr()).isCloseTo((1.0 + 1.0 / 3 + 0.5) / 4, within(1e-12));
        assertThat(m.newItemCases()).isEqualTo(3);
        assertThat(m.newItemPrecision()).isCloseTo(2.0 / 3, within(1e-12));
        assertThat(m.newItemMrr()).isCloseTo((1.0 + 0.5) / 3, within(1e-12));
    }

    @Test
    void shouldIgnoreItemsPastTheCutOff()
    {
        final SessionMetrics m = new SessionMetrics(2);

        assertThat(m.add(new int[] {0, 1, 2}, 3, 2, false)).isEqualTo(-1);

        assertThat(m.precision()).isZero();
        assertThat(m.mrr()).isZero();
        assertThat(m.newItemPrecision()).isZero();
    }

    @Test
    void shouldTellWhetherTheNextItemIsNewToTheSession()
    {
        assertThat(new SessionCase(new int[] {1, 2, 1}, 2).targetNew()).isFalse();
        assertThat(new SessionCase(new int[] {1, 2, 1}, 3).targetNew()).isTrue();
    }
}
