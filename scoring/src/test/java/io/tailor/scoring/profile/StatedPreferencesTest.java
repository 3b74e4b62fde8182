package io.tailor.scoring.profile;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class StatedPreferencesTest
{
    private final StatedPreferences preferences = new Profile(4).preferences();

    @Test
    void shouldMatchAStatedSizeIgnoringAsciiCase()
    {
        preferences.replace(new long[0], new long[0], new String[] {"M", "EU 42"}, new long[0]);

        assertThat(preferences.statesSize("m")).isTrue();
        assertThat(preferences.statesSize("eu 42")).isTrue();
        assertThat(preferences.statesSize("EU 4")).isFalse();
        assertThat(preferences.size(1)).isEqualTo("EU 42");
    }

    @Test
    void shouldChangeNothingWhenAReplacementDoesNotFit()
    {
        preferences.replace(new long[] {1}, new long[] {2}, new String[] {"S"}, new long[] {3});

        assertThatThrownBy(() -> preferences.replace(new long[0], new long[0], new String[0],
            new long[StatedPreferences.MAX_DISLIKED + 1])).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> preferences.replace(new long[0], new long[0], new String[] {"much too long"},
            new long[0])).isInstanceOf(IllegalArgumentException.class);

        assertThat(preferences.categoryKey(0)).isEqualTo(1);
        assertThat(preferences.brandKey(0)).isEqualTo(2);
        assertThat(preferences.statesSize("s")).isTrue();
        assertThat(preferences.dislikedKey(0)).isEqualTo(3);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "123456789", "tab\t", "größe"})
    void shouldRejectASizeThatCannotBeStored(final String size)
    {
        assertThat(StatedPreferences.validSize(size)).isFalse();
    }

    @Test
    void shouldCopyAndClearEverySection()
    {
        preferences.replace(new long[] {1, 2}, new long[] {3}, new String[] {"L"}, new long[] {4});
        final StatedPreferences copy = new Profile(4).preferences();

        copy.copyFrom(preferences);
        preferences.clear();

        assertThat(preferences.isEmpty()).isTrue();
        assertThat(copy.isEmpty()).isFalse();
        assertThat(copy.categoryCount()).isEqualTo(2);
        assertThat(copy.brandKey(0)).isEqualTo(3);
        assertThat(copy.size(0)).isEqualTo("L");
        assertThat(copy.dislikedKey(0)).isEqualTo(4);
    }
}
