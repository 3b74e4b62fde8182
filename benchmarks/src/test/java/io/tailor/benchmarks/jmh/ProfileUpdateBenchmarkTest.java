package io.tailor.benchmarks.jmh;

import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileUpdater;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProfileUpdateBenchmarkTest
{
    @Test
    void shouldApplyEveryViewAsANewEvent()
    {
        final ProfileUpdateBenchmark benchmark = benchmark();
        final Profile profile = benchmark.profile();
        assertThat(profile.recentCount()).isEqualTo(Profile.MAX_RECENT);
        final long version = profile.version();

        for (int i = 0; i < 10_000; i++)
        {
            assertThat(benchmark.apply()).isEqualTo(ProfileUpdater.Outcome.APPLIED);
        }

        assertThat(profile.version()).isEqualTo(version + 10_000);
    }

    @Test
    void shouldStoreTheUpdatedProfileAfterEveryEvent()
    {
        final ProfileUpdateBenchmark benchmark = benchmark();
        final long version = benchmark.profile().version();

        byte[] stored = null;
        for (int i = 0; i < 100; i++)
        {
            stored = benchmark.decodeApplyEncode();
        }

        assertThat(ProfileCodec.version(stored)).isEqualTo(version + 100);
    }

    private static ProfileUpdateBenchmark benchmark()
    {
        final ProfileUpdateBenchmark benchmark = new ProfileUpdateBenchmark();
        benchmark.products = 20_000;
        benchmark.shoppers = 2_000;
        benchmark.setUp();
        return benchmark;
    }
}
