package io.tailor.grid.segment;

import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.ProfileField;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentRule;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.grid.ProcessorFixtures.DIMENSIONS;
import static io.tailor.grid.ProcessorFixtures.NOW;
import static io.tailor.grid.ProcessorFixtures.entry;
import static io.tailor.grid.ProcessorFixtures.profileWith;
import static io.tailor.grid.ProcessorFixtures.roundTrip;
import static org.assertj.core.api.Assertions.assertThat;

class SegmentScanAggregatorTest
{
    private static final Segment SPENDERS = new Segment("spenders", Purpose.PERSONALIZATION,
        new SegmentRule.Field(ProfileField.SPEND, null, null, Comparison.GTE, 300), List.of(), List.of());

    @Test
    void shouldCountEveryMemberAndKeepThePageOfKeysAfterTheCursor()
    {
        final SegmentScanAggregator scan = new SegmentScanAggregator(SPENDERS, NOW, "s1", 2, DIMENSIONS);
        for (int i = 0; i < 5; i++)
        {
            scan.accumulate(entry("s" + i, spender("s" + i, 400)));
        }
        scan.accumulate(entry("poor", spender("poor", 100)));

        final SegmentScan result = roundTrip(scan.aggregate());

        assertThat(result.count()).isEqualTo(5);
        assertThat(result.keys()).containsExactly("s2", "s3");
    }

    @Test
    void shouldSkipRecordsThatAreNotProfiles()
    {
        final SegmentScanAggregator scan = new SegmentScanAggregator(SPENDERS, NOW, "", 10, DIMENSIONS);

        scan.accumulate(entry("gone", TombstoneRecord.encode(3, NOW)));
        scan.accumulate(entry("linked", ForwardRecord.encode(2, NOW, "s0", null)));

        assertThat(scan.aggregate().count()).isZero();
    }

    @Test
    void shouldCombineTheMembersPartsIntoOnePage()
    {
        final SegmentScanAggregator first = roundTrip(new SegmentScanAggregator(SPENDERS, NOW, "", 3, DIMENSIONS));
        final SegmentScanAggregator second = roundTrip(new SegmentScanAggregator(SPENDERS, NOW, "", 3, DIMENSIONS));
        first.accumulate(entry("b", spender("b", 500)));
        first.accumulate(entry("d", spender("d", 500)));
        second.accumulate(entry("a", spender("a", 500)));
        second.accumulate(entry("c", spender("c", 500)));

        first.combine(roundTrip(second));
        final SegmentScan result = first.aggregate();

        assertThat(result.count()).isEqualTo(4);
        assertThat(result.keys()).containsExactly("a", "b", "c");
    }

    @Test
    void shouldOnlyCountWhenAskedForNoKeys()
    {
        final SegmentScanAggregator scan = new SegmentScanAggregator(SPENDERS, NOW, "", 0, DIMENSIONS);

        scan.accumulate(entry("s0", spender("s0", 400)));

        assertThat(scan.aggregate().count()).isOne();
        assertThat(scan.aggregate().keys()).isEmpty();
    }

    private static byte[] spender(final String user, final double amount)
    {
        return profileWith(new Event(user + "-p", EventType.PURCHASE, user, null, "run-1", List.of(), amount,
            NOW - 1_000, Channel.WEB, null, null));
    }
}
