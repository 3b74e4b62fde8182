package io.tailor.loadtest.data;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ZipfSamplerTest
{
    @ParameterizedTest
    @CsvSource({"10, 1.0", "10, 0.5", "50, 1.3", "7, 0.0", "1000, 0.9"})
    void shouldDrawEachRankWithItsZipfProbability(final int n, final double exponent)
    {
        final ZipfSampler sampler = new ZipfSampler(n, exponent);
        final SplittableRandom random = new SplittableRandom(7);
        final int samples = 400_000;
        final long[] counts = new long[n + 1];
        for (int i = 0; i < samples; i++)
        {
            counts[(int)sampler.sample(random)]++;
        }
        double normaliser = 0;
        for (int k = 1; k <= n; k++)
        {
            normaliser += Math.pow(k, -exponent);
        }
        for (int k = 1; k <= Math.min(n, 20); k++)
        {
            final double expected = samples * Math.pow(k, -exponent) / normaliser;
            // Five standard deviations of a binomial count: fails for a wrong law, not for noise.
            final double tolerance = 5 * Math.sqrt(expected) + 1;
            assertThat((double)counts[k]).as("rank %d of %d, exponent %s", k, n, exponent)
                .isBetween(expected - tolerance, expected + tolerance);
        }
    }

    @Test
    void shouldStayWithinRangeForLargeCatalogs()
    {
        final ZipfSampler sampler = new ZipfSampler(1_000_000, 0.9);
        final SplittableRandom random = new SplittableRandom(1);
        long ones = 0;
        for (int i = 0; i < 100_000; i++)
        {
            final int index = sampler.sampleIndex(random);
            assertThat(index).isBetween(0, 999_999);
            if (index == 0)
            {
                ones++;
            }
        }
        double normaliser = 0;
        for (int k = 1; k <= 1_000_000; k++)
        {
            normaliser += Math.pow(k, -0.9);
        }
        // p(1) = 1 / H(1e6, 0.9), about 3.3 %.
        final double expected = 100_000 / normaliser;
        assertThat((double)ones).isBetween(expected - 5 * Math.sqrt(expected), expected + 5 * Math.sqrt(expected));
    }

    @Test
    void shouldDrawTheOnlyElementOfASingleton()
    {
        final ZipfSampler sampler = new ZipfSampler(1, 1.2);

        assertThat(sampler.sample(new SplittableRandom(3))).isEqualTo(1);
    }

    @Test
    void shouldRejectANegativeExponentAndAnEmptyRange()
    {
        assertThatThrownBy(() -> new ZipfSampler(10, -0.1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ZipfSampler(0, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
