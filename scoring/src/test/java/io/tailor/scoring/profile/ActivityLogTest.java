package io.tailor.scoring.profile;

import io.tailor.scoring.Fixtures;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Channel;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.util.Hashing;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.tailor.scoring.Fixtures.DAY;
import static io.tailor.scoring.Fixtures.NOW;
import static io.tailor.scoring.Fixtures.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

class ActivityLogTest
{
    private static final long MINUTE = 60_000L;

    private final ProfileUpdater updater = new ProfileUpdater(ProfileSettings.DEFAULT);
    private final CatalogSnapshot catalog = Fixtures.snapshot(Fixtures.products());
    private final Profile profile = new Profile(Fixtures.D);

    @Test
    void shouldCountAndSumPurchasesWithinASlidingWindowOnly()
    {
        purchase("o1", NOW - 3 * DAY, 70_000);
        purchase("o2", NOW - DAY, 60_000);
        purchase("o3", NOW - 10 * MINUTE, 50_000);

        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, null, NOW - 2 * DAY)).isEqualTo(110_000.0);
        assertThat(ActivityLog.count(profile, EventType.PURCHASE, null, NOW - 2 * DAY)).isEqualTo(2);
        assertThat(ActivityLog.count(profile, EventType.PURCHASE, null, NOW - 30 * MINUTE)).isEqualTo(1);
        assertThat(ActivityLog.sum(profile, null, null, NOW - 4 * DAY)).isEqualTo(180_000.0);
    }

    @Test
    void shouldSplitAnOrdersAmountOverItsLinesAndCountItAsOneEvent()
    {
        updater.apply(profile, new Event("o", EventType.PURCHASE, "u", null, null, List.of(
            new LineItem("p0-1", 2, 10.0), new LineItem("p1-1", 1, 30.0)), 100.0, NOW, Channel.STORE, "berlin-1",
            null), catalog, ItemSignalHandler.NONE);
        final int[] shoe = {Profile.impressionFingerprint(Hashing.key("p0-1"))};

        assertThat(ActivityLog.count(profile, EventType.PURCHASE, null, NOW - DAY)).as("one order").isEqualTo(1);
        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, null, NOW - DAY)).isCloseTo(100.0, within(1e-3));
        assertThat(ActivityLog.count(profile, EventType.PURCHASE, shoe, NOW - DAY)).isEqualTo(1);
        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, shoe, NOW - DAY)).as("20 of 50 priced")
            .isCloseTo(40.0, within(1e-3));
    }

    @Test
    void shouldKeepTheSumOfAnOrderWithMoreLinesThanItLogsIndividually()
    {
        final LineItem[] lines = new LineItem[7];
        for (int i = 0; i < lines.length; i++)
        {
            lines[i] = new LineItem("p2-" + i, 1, 10.0);
        }
        updater.apply(profile, Fixtures.purchase("o", "u", NOW, lines), catalog, ItemSignalHandler.NONE);

        assertThat(profile.activityCount()).isEqualTo(ActivityLog.LINES_PER_EVENT + 1);
        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, null, NOW - DAY)).isCloseTo(70.0, within(1e-3));
        assertThat(ActivityLog.count(profile, EventType.PURCHASE, null, NOW - DAY)).isEqualTo(1);
    }

    @Test
    void shouldLetBrowsingGoBeforePurchasesWhenFull()
    {
        purchase("o1", NOW - 10 * DAY, 500);
        for (int i = 0; i < 60; i++)
        {
            updater.apply(profile, event("v" + i, EventType.VIEW, "u", "p0-" + (i % 10), NOW - DAY + i * MINUTE),
                catalog, ItemSignalHandler.NONE);
        }

        assertThat(profile.activityCount()).isEqualTo(Profile.MAX_ACTIVITY);
        assertThat(ActivityLog.sum(profile, EventType.PURCHASE, null, NOW - 30 * DAY)).as("oldest, kept")
            .isEqualTo(500.0);
        assertThat(ActivityLog.count(profile, EventType.VIEW, null, NOW - 2 * DAY)).isEqualTo(Profile.MAX_ACTIVITY - 1);
    }

    @Test
    void shouldDropEntriesOlderThanTheLongestWindow()
    {
        purchase("o1", NOW - 100 * DAY, 500);
        purchase("o2", NOW, 700);

        assertThat(profile.activityCount()).isEqualTo(1);
        assertThat(profile.activityAtMs(0)).isEqualTo(NOW);
    }

    @Test
    void shouldRecordTheLastServiceContact()
    {
        updater.apply(profile, new Event("s", EventType.SERVICE, "u", null, null, List.of(), Double.NaN,
            NOW - DAY, Channel.CALLCENTER, null, null), catalog, ItemSignalHandler.NONE);

        assertThat(profile.lastServiceAtMs()).isEqualTo(NOW - DAY);
        assertThat(ActivityLog.count(profile, EventType.SERVICE, null, NOW - 2 * DAY)).isEqualTo(1);
    }

    private void purchase(final String id, final long at, final double amount)
    {
        updater.apply(profile, new Event(id, EventType.PURCHASE, "u", null, "p1-1", List.of(), amount, at,
            Channel.WEB, null, null), catalog, ItemSignalHandler.NONE);
    }
}
