package io.tailor.scoring.experiment;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The always-valid interval on simulated experiments checked after every batch, as a marketer who looks every day:
 * A/A tests are called significant in under 5 % of runs however often they are looked at, and a real difference is
 * found with an interval that covers it.
 */
class AlwaysValidIntervalTest
{
    private static final int RUNS = 200;
    private static final int LOOKS = 50;
    private static final int BATCH = 200;

    @Test
    void shouldCallUnderFivePercentOfAaTestsSignificantWhenCheckedAfterEveryBatch()
    {
        final SplittableRandom random = new SplittableRandom(42);
        int falsePositives = 0;
        for (int run = 0; run < RUNS; run++)
        {
            long clicksA = 0;
            long clicksB = 0;
            long lists = 0;
            boolean called = false;
            for (int look = 0; look < LOOKS && !called; look++)
            {
                clicksA += clicks(random, 0.05, BATCH);
                clicksB += clicks(random, 0.05, BATCH);
                lists += BATCH;
                called = AlwaysValidInterval.of(clicksA, lists, clicksB, lists, AlwaysValidInterval.ALPHA,
                    AlwaysValidInterval.TAU).significant();
            }
            falsePositives += called ? 1 : 0;
        }

        assertThat(falsePositives / (double)RUNS).as("false significant calls in %d A/A runs of %d looks", RUNS,
            LOOKS).isLessThan(0.05);
    }

    @Test
    void shouldDetectFiveAgainstTenPercentAndCoverTheTrueDifference()
    {
        final SplittableRandom random = new SplittableRandom(7);
        int detected = 0;
        int covered = 0;
        for (int run = 0; run < 100; run++)
        {
            long clicksA = 0;
            long clicksB = 0;
            long lists = 0;
            boolean coveredAtEveryLook = true;
            AlwaysValidInterval last = null;
            for (int look = 0; look < LOOKS; look++)
            {
                clicksA += clicks(random, 0.05, BATCH);
                clicksB += clicks(random, 0.10, BATCH);
                lists += BATCH;
                last = AlwaysValidInterval.of(clicksA, lists, clicksB, lists, AlwaysValidInterval.ALPHA,
                    AlwaysValidInterval.TAU);
                coveredAtEveryLook &= last.low() <= 0.05 && 0.05 <= last.high();
            }
            detected += last.significant() && last.low() > 0 ? 1 : 0;
            covered += coveredAtEveryLook ? 1 : 0;
        }

        assertThat(detected).as("runs where 10 % beats 5 % after 10,000 lists per arm").isGreaterThanOrEqualTo(99);
        assertThat(covered).as("runs whose interval covered the true difference at every look")
            .isGreaterThanOrEqualTo(95);
    }

    @Test
    void shouldAnswerTheWholeRangeWithoutTrials()
    {
        final AlwaysValidInterval none = AlwaysValidInterval.of(0, 0, 3, 10, 0.05, 0.02);

        assertThat(none.low()).isEqualTo(-1);
        assertThat(none.high()).isEqualTo(1);
        assertThat(none.significant()).isFalse();
    }

    private static long clicks(final SplittableRandom random, final double rate, final int lists)
    {
        long clicks = 0;
        for (int i = 0; i < lists; i++)
        {
            clicks += random.nextDouble() < rate ? 1 : 0;
        }
        return clicks;
    }
}
