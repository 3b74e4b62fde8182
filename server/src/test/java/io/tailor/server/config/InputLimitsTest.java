package io.tailor.server.config;

import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

class InputLimitsTest
{
    /** Every character an id may hold, characters it may not, and some outside ASCII. */
    private static final String ALPHABET = "aZ09_.:@+-=~ /\\\t\n#%&é€\u0000";

    @Test
    void isIdAnswersExactlyAsTheIdPatternDoes()
    {
        final SplittableRandom random = new SplittableRandom(11);
        for (int n = 0; n < 200_000; n++)
        {
            final int length = random.nextInt(8) == 0 ? 120 + random.nextInt(12) : random.nextInt(6);
            final StringBuilder id = new StringBuilder(length);
            for (int i = 0; i < length; i++)
            {
                id.append(random.nextInt(4) == 0 ? ALPHABET.charAt(random.nextInt(ALPHABET.length())) :
                    ALPHABET.charAt(random.nextInt(12)));
            }
            final String value = id.toString();
            assertThat(InputLimits.isId(value)).as("'%s'", value).isEqualTo(InputLimits.ID.matcher(value).matches());
            final char[] framed = ("\"" + value + "\"").toCharArray();
            assertThat(InputLimits.isId(framed, 1, value.length())).as("'%s' as characters", value)
                .isEqualTo(InputLimits.isId(value));
        }
    }

    @Test
    void isIdTakesTheLongestIdAndRefusesOneCharacterMore()
    {
        assertThat(InputLimits.isId("a".repeat(128))).isTrue();
        assertThat(InputLimits.isId("a".repeat(129))).isFalse();
        assertThat(InputLimits.isId(".a")).isFalse();
        assertThat(InputLimits.isId("_a.b:c@d+e-f=g~h")).isTrue();
        assertThat(InputLimits.isId("")).isFalse();
    }
}
