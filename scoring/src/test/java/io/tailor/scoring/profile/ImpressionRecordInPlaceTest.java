package io.tailor.scoring.profile;

import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Applying a list inside the stored record gives exactly what decoding, applying and storing gives, and touches
 * nothing when it cannot: checked over random histories that fill, expire, repeat lists and go back to products.
 */
class ImpressionRecordInPlaceTest
{
    private static final long HOUR = 3_600_000L;
    private static final long DAY = 24 * HOUR;
    private static final long NOW = 1_780_000_000_000L;

    @Test
    void shouldGiveTheSameRecordAsDecodingApplyingAndStoringOrTouchNothing()
    {
        int appliedInPlace = 0;
        int unchanged = 0;
        int decoded = 0;
        for (long seed = 1; seed <= 40; seed++)
        {
            final SplittableRandom random = new SplittableRandom(seed);
            final ImpressionRecord reference = new ImpressionRecord();
            final ImpressionRecord inPlace = new ImpressionRecord();
            byte[] stored = null;
            long atMs = NOW;
            final int universe = 20 + random.nextInt(80);
            for (int step = 0; step < 300; step++)
            {
                atMs += random.nextInt(10) == 0 ? random.nextLong(2 * DAY) : random.nextLong(120_000L);
                final long listKey = random.nextInt(12) == 0 ? Hashing.key("list-" + (step - 1)) :
                    Hashing.key("list-" + step);
                final int count = random.nextInt(13);
                final long[] products = new long[count];
                for (int i = 0; i < count; i++)
                {
                    products[i] = Hashing.key("p" + random.nextInt(universe));
                }
                final int choice = random.nextInt(20);
                final int tag = choice == 0 ? ImpressionRecord.RETURNED : choice < 6 ? ImpressionRecord.NO_TAG :
                    ImpressionRecord.tag(random.nextInt(8), random.nextInt(16), random.nextBoolean());
                final int arm = random.nextInt();
                final long attributionWindowMs = 7 * DAY;

                final byte[] before = stored == null ? null : stored.clone();
                final byte[] tried = stored == null ? null : stored.clone();
                final int outcome = inPlace.applyInPlace(tried, listKey, products, count, atMs, DAY, tag, arm,
                    attributionWindowMs);

                final byte[] source = stored == null ? null : stored.clone();
                reference.decode(source);
                final boolean changed = reference.apply(listKey, products, count, atMs, DAY, tag, arm,
                    attributionWindowMs);
                final byte[] expected = changed ? reference.store() : source;

                final String at = "seed " + seed + ", step " + step;
                if (outcome == ImpressionRecord.IN_PLACE_APPLIED)
                {
                    appliedInPlace++;
                    assertThat(changed).as(at).isTrue();
                    assertThat(expected).as(at + ": stored in its own array").isSameAs(source);
                    assertThat(tried).as(at).isEqualTo(expected);
                }
                else if (outcome == ImpressionRecord.IN_PLACE_UNCHANGED)
                {
                    unchanged++;
                    assertThat(changed).as(at).isFalse();
                    assertThat(tried).as(at).isEqualTo(before);
                }
                else
                {
                    decoded++;
                    assertThat(outcome).isEqualTo(ImpressionRecord.IN_PLACE_NEEDS_DECODE);
                    assertThat(Arrays.equals(tried, before)).as(at + ": untouched").isTrue();
                }
                stored = expected;
            }
        }
        assertThat(appliedInPlace).as("lists applied in place").isGreaterThan(3_000);
        assertThat(unchanged).as("lists counted before").isGreaterThan(100);
        assertThat(decoded).as("lists that needed the decoding path").isGreaterThan(300);
    }
}
