package io.tailor.scoring.util;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class HashingTest
{
    @Test
    void shouldKeepKeysStableAcrossReleasesBecauseProfilesStoreThem()
    {
        // Stored profiles and item maps hold these keys: a change here silently orphans every stored profile.
        assertThat(Hashing.key("sku-1")).isEqualTo(Hashing.key(new StringBuilder("sku-1")));
        assertThat(Hashing.key("..sku-1.".toCharArray(), 2, 5)).isEqualTo(Hashing.key("sku-1"));
        assertThat(Hashing.key("sku-1")).isEqualTo(-3353990056926644000L);
    }

    @Test
    void shouldMatchNamespacedKeyWithConcatenation()
    {
        assertThat(Hashing.key("brand", "Swift")).isEqualTo(Hashing.key("brand:Swift"));
        assertThat(Hashing.key("cat", "a/b")).isNotEqualTo(Hashing.key("brand", "a/b"));
    }

    @Test
    void shouldNotCollideOnAHundredThousandSimilarIds()
    {
        final Set<Long> keys = new HashSet<>();
        for (int i = 0; i < 100_000; i++)
        {
            keys.add(Hashing.key("product-" + i));
        }
        assertThat(keys).hasSize(100_000).doesNotContain(Hashing.NONE);
    }
}
