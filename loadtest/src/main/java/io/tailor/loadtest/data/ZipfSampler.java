package io.tailor.loadtest.data;

import java.util.SplittableRandom;

/**
 * Draws ranks 1..n with probability proportional to {@code 1 / rank^exponent} in constant time and without
 * tables, by rejection-inversion (W. Hörmann, G. Derflinger, "Rejection-inversion to generate variates from
 * monotone discrete distributions", ACM TOMACS 6(3), 1996). Exponent 0 is uniform; 1 is the classic Zipf law.
 * <p>
 * Immutable and thread-safe; the caller brings the random source, so one sampler can serve many threads.
 */
public final class ZipfSampler
{
    private final long n;
    private final double exponent;
    private final double hIntegralX1;
    private final double hIntegralN;
    private final double squeeze;

    /**
     * A sampler over ranks 1..n.
     *
     * @param n        number of elements, at least 1.
     * @param exponent skew, at least 0.
     */
    public ZipfSampler(final long n, final double exponent)
    {
        if (n < 1)
        {
            throw new IllegalArgumentException("number of elements must be at least 1: " + n);
        }
        if (!(exponent >= 0) || Double.isInfinite(exponent))
        {
            throw new IllegalArgumentException("exponent must be a finite number >= 0: " + exponent);
        }
        this.n = n;
        this.exponent = exponent;
        this.hIntegralX1 = hIntegral(1.5) - 1.0;
        this.hIntegralN = hIntegral(n + 0.5);
        this.squeeze = 2.0 - hIntegralInverse(hIntegral(2.5) - h(2.0));
    }

    /**
     * Number of elements.
     *
     * @return n.
     */
    public long size()
    {
        return n;
    }

    /**
     * Skew of the law.
     *
     * @return the exponent.
     */
    public double exponent()
    {
        return exponent;
    }

    /**
     * One rank.
     *
     * @param random random source.
     * @return a rank in 1..n; rank 1 is the most likely.
     */
    public long sample(final SplittableRandom random)
    {
        while (true)
        {
            final double u = hIntegralN + random.nextDouble() * (hIntegralX1 - hIntegralN);
            final double x = hIntegralInverse(u);
            long k = (long)(x + 0.5);
            if (k < 1)
            {
                k = 1;
            }
            else if (k > n)
            {
                k = n;
            }
            if (k - x <= squeeze || u >= hIntegral(k + 0.5) - h(k))
            {
                return k;
            }
        }
    }

    /**
     * One index, 0-based: {@code sample(random) - 1}.
     *
     * @param random random source.
     * @return an index in 0..n-1; index 0 is the most likely.
     */
    public int sampleIndex(final SplittableRandom random)
    {
        return (int)(sample(random) - 1);
    }

    /** H(x): the integral of h from 1 to x, {@code (x^(1-s) - 1) / (1 - s)} and {@code log(x)} at s = 1. */
    private double hIntegral(final double x)
    {
        final double logX = Math.log(x);
        return expm1OverX((1.0 - exponent) * logX) * logX;
    }

    /** h(x) = x^-s. */
    private double h(final double x)
    {
        return Math.exp(-exponent * Math.log(x));
    }

    /** The inverse of H. */
    private double hIntegralInverse(final double x)
    {
        double t = x * (1.0 - exponent);
        if (t < -1.0)
        {
            // Rounding can push t just below -1, where log1p is undefined.
            t = -1.0;
        }
        return Math.exp(log1pOverX(t) * x);
    }

    /** log(1 + x) / x, continuous at 0. */
    private static double log1pOverX(final double x)
    {
        if (Math.abs(x) > 1e-8)
        {
            return Math.log1p(x) / x;
        }
        return 1.0 - x * (0.5 - x * (1.0 / 3.0 - 0.25 * x));
    }

    /** (e^x - 1) / x, continuous at 0. */
    private static double expm1OverX(final double x)
    {
        if (Math.abs(x) > 1e-8)
        {
            return Math.expm1(x) / x;
        }
        return 1.0 + x * 0.5 * (1.0 + x / 3.0 * (1.0 + 0.25 * x));
    }
}
