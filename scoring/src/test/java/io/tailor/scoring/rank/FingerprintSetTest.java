package io.tailor.scoring.rank;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class FingerprintSetTest
{
    @Test
    void answersExactlyLikeAHashSetAcrossClears()
    {
        final FingerprintSet set = new FingerprintSet(72);
        final SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 200; round++)
        {
            set.clear();
            final Set<Integer> expected = new HashSet<>();
            final int entries = random.nextInt(73);
            while (expected.size() < entries)
            {
                // Small values collide in the low bits and share slots: the probing must still tell them apart.
                final int fingerprint = random.nextBoolean() ? 1 + random.nextInt(600) : random.nextInt() | 1;
                expected.add(fingerprint);
                set.add(fingerprint);
                set.add(fingerprint);
            }
            assertThat(set.size()).isEqualTo(expected.size());
            for (int probe = 1; probe <= 700; probe++)
            {
                assertThat(set.contains(probe)).as("fingerprint %d", probe).isEqualTo(expected.contains(probe));
            }
            for (final int fingerprint : expected)
            {
                assertThat(set.contains(fingerprint)).isTrue();
            }
        }
    }

    @Test
    void refusesMoreThanItsCapacity()
    {
        final FingerprintSet set = new FingerprintSet(2);
        set.add(5);
        set.add(9);
        assertThatThrownBy(() -> set.add(11)).isInstanceOf(IllegalStateException.class);
        assertThat(set.contains(11)).isFalse();
    }
}
