package io.tailor.scoring.profile;

import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

class ImpressionRecordTest
{
    private static final long NOW = 1_767_225_600_000L;
    private static final long DAY = Duration.ofDays(1).toMillis();

    @Test
    void shouldCountEveryProductOfEveryListOnceAndSurviveEncoding()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a"), key("b")};

        assertThat(record.apply(key("list-1"), shown, 2, NOW, DAY)).isTrue();
        assertThat(record.apply(key("list-2"), shown, 1, NOW + 1_000, DAY)).isTrue();

        final ImpressionRecord decoded = new ImpressionRecord().decode(record.encode());
        assertThat(decoded.impressions(key("a"), NOW + 2_000, DAY)).isEqualTo(2);
        assertThat(decoded.impressions(key("b"), NOW + 2_000, DAY)).isEqualTo(1);
        assertThat(decoded.impressions(key("c"), NOW + 2_000, DAY)).isZero();
    }

    @Test
    void shouldCountAListDeliveredTwiceOnce()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a")};
        record.apply(key("list-1"), shown, 1, NOW, DAY);

        final ImpressionRecord again = new ImpressionRecord().decode(record.encode());
        assertThat(again.apply(key("list-1"), shown, 1, NOW + 10, DAY)).isFalse();
        assertThat(again.impressions(key("a"), NOW + 20, DAY)).isEqualTo(1);
    }

    @Test
    void shouldRestartCountingOnceAProductsWindowHasPassed()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        final long[] shown = {key("a")};
        record.apply(key("list-1"), shown, 1, NOW, DAY);
        record.apply(key("list-2"), shown, 1, NOW + 1_000, DAY);

        assertThat(record.impressions(key("a"), NOW + DAY, DAY)).as("window over").isZero();
        record.apply(key("list-3"), shown, 1, NOW + DAY + 5_000, DAY);
        assertThat(record.impressions(key("a"), NOW + DAY + 6_000, DAY)).isEqualTo(1);
    }

    @Test
    void shouldStayBoundedByDroppingTheProductWhoseWindowOpenedFirst()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        for (int i = 0; i < ImpressionRecord.MAX_PRODUCTS + 10; i++)
        {
            record.apply(key("list-" + i), new long[] {key("p" + i)}, 1, NOW + i * 1_000L, DAY);
        }

        assertThat(record.productCount()).isEqualTo(ImpressionRecord.MAX_PRODUCTS);
        assertThat(record.impressions(key("p0"), NOW + DAY / 2, DAY)).as("oldest made room").isZero();
        assertThat(record.impressions(key("p" + (ImpressionRecord.MAX_PRODUCTS + 9)), NOW + DAY / 2, DAY))
            .isEqualTo(1);
        assertThat(record.encode().length).isLessThan(600);
    }

    @Test
    void shouldKeepCountingAProductShownOftenWhileManyOthersAreShownOnce()
    {
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        for (int i = 0; i < 3; i++)
        {
            record.apply(key("capped-list-" + i), new long[] {key("capped")}, 1, NOW + i, DAY);
        }
        for (int i = 0; i < ImpressionRecord.MAX_PRODUCTS * 2; i++)
        {
            record.apply(key("list-" + i), new long[] {key("p" + i)}, 1, NOW + 1_000L + i * 1_000L, DAY);
        }

        assertThat(record.productCount()).isEqualTo(ImpressionRecord.MAX_PRODUCTS);
        assertThat(record.impressions(key("capped"), NOW + DAY / 2, DAY))
            .as("the product shown three times is not the one that makes room, though its window opened first")
            .isEqualTo(3);
        assertThat(record.impressions(key("p" + (ImpressionRecord.MAX_PRODUCTS * 2 - 1)), NOW + DAY / 2, DAY))
            .isEqualTo(1);
    }

    @Test
    void shouldAddARecordsCountsToTheProfilesOwnForTheFrequencyCap()
    {
        final Profile profile = new Profile(8);
        profile.impressions().record(key("a"), NOW, DAY, 1);
        final ImpressionRecord record = new ImpressionRecord().decode(null);
        record.apply(key("list-1"), new long[] {key("a"), key("b")}, 2, NOW + 1_000, DAY);
        record.apply(key("list-2"), new long[] {key("a")}, 1, NOW + 2_000, DAY);

        ImpressionRecord.overlay(record.encode(), profile, NOW + 3_000, DAY);

        assertThat(profile.impressions().shown(key("a"), NOW + 3_000, DAY)).isEqualTo(3);
        assertThat(profile.impressions().shown(key("b"), NOW + 3_000, DAY)).isEqualTo(1);
        assertThat(profile.impressions().size()).isEqualTo(2);
    }

    @Test
    void shouldLeaveTheProfileAloneWithoutARecord()
    {
        final Profile profile = new Profile(8);

        ImpressionRecord.overlay(null, profile, NOW, DAY);
        ImpressionRecord.overlay(new byte[0], profile, NOW, DAY);

        assertThat(profile.impressions().size()).isZero();
    }

    private static long key(final String id)
    {
        return Hashing.key(id);
    }
}
