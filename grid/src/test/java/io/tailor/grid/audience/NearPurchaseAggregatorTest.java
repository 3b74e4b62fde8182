package io.tailor.grid.audience;

import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.TimeToPurchase;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ShopperChoices;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.segment.NearPurchase;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.grid.ProcessorFixtures.DIMENSIONS;
import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.decode;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static io.tailor.grid.ProcessorFixtures.view;
import static org.assertj.core.api.Assertions.assertThat;

class NearPurchaseAggregatorTest
{
    private static final long DAY_MS = 86_400_000L;
    private static final NearPurchase ESTIMATOR = estimator();

    @Test
    void shouldFindConsentingShoppersWithinTheUsualTimeMostLikelyFirst()
    {
        final NearPurchaseAggregator aggregator = aggregator(10);
        aggregator.accumulate(entry("viewer", consenting(interested("viewer", EventType.VIEW, 2 * DAY_MS))));
        aggregator.accumulate(entry("carter", consenting(interested("carter", EventType.ADD_TO_CART, 2 * DAY_MS))));
        aggregator.accumulate(entry("early", consenting(interested("early", EventType.VIEW, 60_000))));
        aggregator.accumulate(entry("late", consenting(interested("late", EventType.VIEW, 60 * DAY_MS))));

        final NearPurchaseCandidates found = roundTrip(aggregator.aggregate());

        assertThat(found.size()).isEqualTo(2);
        assertThat(found.key(0)).isEqualTo("carter");
        assertThat(found.carted(0)).isTrue();
        assertThat(found.key(1)).isEqualTo("viewer");
        assertThat(found.probability(0)).isGreaterThan(found.probability(1));
        assertThat(found.firstInterest(1)).isEqualTo(NOW - 2 * DAY_MS);
    }

    @Test
    void shouldLeaveOutShoppersWithoutMarketingConsent()
    {
        final NearPurchaseAggregator aggregator = aggregator(10);

        aggregator.accumulate(entry("quiet", interested("quiet", EventType.VIEW, 2 * DAY_MS)));
        aggregator.accumulate(entry("gone", TombstoneRecord.encode(2, NOW)));

        assertThat(aggregator.aggregate().size()).isZero();
    }

    @Test
    void shouldKeepTheLimitAcrossCombinedMembers()
    {
        final NearPurchaseAggregator first = aggregator(1);
        final NearPurchaseAggregator second = aggregator(1);
        first.accumulate(entry("viewer", consenting(interested("viewer", EventType.VIEW, 2 * DAY_MS))));
        second.accumulate(entry("carter", consenting(interested("carter", EventType.ADD_TO_CART, 2 * DAY_MS))));

        first.combine(roundTrip(second));
        final NearPurchaseCandidates found = first.aggregate();

        assertThat(found.size()).isOne();
        assertThat(found.key(0)).isEqualTo("carter");
    }

    private static NearPurchaseAggregator aggregator(final int limit)
    {
        return roundTrip(new NearPurchaseAggregator(Hashing.key("run-1"), ESTIMATOR, NOW, limit, DIMENSIONS));
    }

    private static NearPurchase estimator()
    {
        final TimeToPurchase distribution = new TimeToPurchase();
        for (int i = 0; i < 20; i++)
        {
            distribution.add((1 + i % 5) * DAY_MS);
        }
        return new NearPurchase(distribution, NearPurchase.Basis.PRODUCT, 0.1, 0.4);
    }

    private static byte[] interested(final String user, final EventType type, final long agoMs)
    {
        return profileWith(type == EventType.VIEW ? view(user + "-1", user, "run-1", NOW - agoMs) :
            new Event(user + "-1", type, user, null, "run-1", List.of(), Double.NaN, NOW - agoMs, Channel.WEB, null,
                null));
    }

    private static byte[] consenting(final byte[] bytes)
    {
        final Profile profile = decode(bytes);
        ShopperChoices.setConsent(profile, true, true, NOW - 1);
        return ProfileCodec.encode(profile);
    }
}
