package io.tailor.scoring.experiment;

/**
 * An always-valid confidence interval for the difference of two proportions (an arm's rate less its baseline's),
 * which stays valid however often it is looked at: the mixture sequential probability ratio test (mSPRT) with a
 * normal mixing distribution of variance {@code tau^2}, inverted into an interval, after Johari, Koomen, Pekelis and
 * Walsh, "Always Valid Inference: Continuous Monitoring of A/B Tests", Operations Research 70(3), 2022.
 * <p>
 * With the estimated difference {@code d} and its variance {@code V = pA(1-pA)/nA + pB(1-pB)/nB}, the mSPRT
 * statistic for a difference {@code t} is {@code sqrt(V/(V+tau^2)) exp((d-t)^2 tau^2 / (2V(V+tau^2)))}; the interval
 * holds every {@code t} whose statistic stays under {@code 1/alpha}:
 * <pre>
 *   d +- sqrt( 2V(V+tau^2)/tau^2 * (ln(1/alpha) + ln((V+tau^2)/V)/2) )
 * </pre>
 * With probability at least {@code 1 - alpha} the true difference is inside the interval at every look at once, so
 * peeking every day does not inflate false positives as it does with a fixed-horizon test. {@code tau} is the
 * size of difference the test is most sensitive to; any fixed value keeps the guarantee.
 *
 * @param difference the estimated difference, rate of the arm less rate of the baseline.
 * @param low        lower bound of the difference.
 * @param high       upper bound of the difference.
 */
public record AlwaysValidInterval(double difference, double low, double high)
{
    /** Default error rate. */
    public static final double ALPHA = 0.05;
    /** Default mixing standard deviation: differences of a few percentage points. */
    public static final double TAU = 0.02;

    /**
     * The interval of an arm's rate less the baseline's.
     *
     * @param baselineSuccesses successes of the baseline (clicks, purchasers).
     * @param baselineTrials    trials of the baseline (lists, shoppers); at least 1.
     * @param armSuccesses      successes of the arm.
     * @param armTrials         trials of the arm; at least 1.
     * @param alpha             error rate, in (0, 1).
     * @param tau               mixing standard deviation, positive.
     * @return the interval; the whole of [-1, 1] when a side has no trials.
     */
    public static AlwaysValidInterval of(final long baselineSuccesses, final long baselineTrials,
        final long armSuccesses, final long armTrials, final double alpha, final double tau)
    {
        if (baselineTrials < 1 || armTrials < 1)
        {
            return new AlwaysValidInterval(0, -1, 1);
        }
        final double pA = Math.min(1.0, (double)baselineSuccesses / baselineTrials);
        final double pB = Math.min(1.0, (double)armSuccesses / armTrials);
        // Variance with half a success and half a failure added, so that a rate of 0 or 1 does not claim certainty.
        final double vA = (baselineSuccesses + 0.5) / (baselineTrials + 1.0);
        final double vB = (armSuccesses + 0.5) / (armTrials + 1.0);
        final double v = Math.max(1e-12, Math.min(vA, 1.0) * (1 - Math.min(vA, 1.0)) / baselineTrials +
            Math.min(vB, 1.0) * (1 - Math.min(vB, 1.0)) / armTrials);
        final double t2 = tau * tau;
        final double halfWidth = Math.sqrt(2 * v * (v + t2) / t2 *
            (Math.log(1 / alpha) + 0.5 * Math.log((v + t2) / v)));
        final double d = pB - pA;
        return new AlwaysValidInterval(d, d - halfWidth, d + halfWidth);
    }

    /**
     * Whether the interval excludes no difference.
     *
     * @return true when both bounds have the same sign.
     */
    public boolean significant()
    {
        return low > 0 || high < 0;
    }
}
