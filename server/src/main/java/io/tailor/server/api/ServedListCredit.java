package io.tailor.server.api;

import io.tailor.grid.profile.ProfileStore;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;
import io.tailor.scoring.util.Hashing;
import io.tailor.server.metrics.Attribution;

import java.util.BitSet;
import java.util.List;

/**
 * Credits clicks, cart additions and purchases to the served list whose {@code requestId} they carry, and a purchase
 * without one to the newest list that showed the same customer one of its products within the attribution window
 * (any linked id: a loyalty card at a store's till reaches the customer's profile, whose owner remembers what lists
 * showed; {@link ProfileStore.Shown}): its
 * placement, strategy and experiment arm, read from the id itself ({@link RequestIds}), so crediting reads nothing
 * from the grid. An event is credited once per event id: only events the profile applied count (a resent event is a
 * duplicate there), so retries and duplicates in a batch never count twice; a click counts once per list and product
 * (the profile remembers it like an event id). An event later than the attribution window after the list was
 * served (its experiment's, else the configured {@code attribution.window}, 7 days by default; the request id says when
 * the list was served) is not credited. Events
 * without an id cannot be told from their retries and count each time they are sent; events of shoppers who
 * objected to personalization are not kept in a profile, so they are not credited either (their lists are counted
 * apart, arm {@code opted-out}).
 * <p>
 * The arm's tally counts it too, for the experiment's results (merged into the grid within
 * {@link ExperimentRegistry#FLUSH_INTERVAL_MS}); a name used by several experiments of a placement is credited to the
 * running one first.
 * <p>
 * A request id that names an arm no experiment of its placement has (forged, or of a deleted experiment) is not
 * credited, so the metrics' labels stay bounded.
 */
final class ServedListCredit
{
    private static final Placement[] PLACEMENTS = Placement.values();
    private static final Strategy[] STRATEGIES = Strategy.values();

    private ServedListCredit()
    {
    }

    /**
     * Credits the applied events of one shopper's group: those carrying a request id, then purchases credited by
     * what lists showed.
     *
     * @param server  the node.
     * @param key     the shopper's profile key the events were sent to.
     * @param events  the events, in the order they were applied.
     * @param applied what became of them.
     */
    static void credit(final ServerContext server, final String key, final List<Event> events,
        final ProfileStore.Applied applied)
    {
        credit(server, key, events, applied.credited());
        final List<ProfileStore.Shown> shown = applied.shown();
        for (int i = 0, n = shown.size(); i < n; i++)
        {
            credit(server, events, shown.get(i));
        }
    }

    /** Credits a purchase to the list that last showed one of its products, within its arm's window. */
    private static void credit(final ServerContext server, final List<Event> events, final ProfileStore.Shown shown)
    {
        final int placementIndex = ImpressionRecord.placementOf(shown.tag());
        final int strategyIndex = ImpressionRecord.strategyOf(shown.tag());
        if (placementIndex >= PLACEMENTS.length || strategyIndex >= STRATEGIES.length)
        {
            return;
        }
        final Placement placement = PLACEMENTS[placementIndex];
        int slot = Experiments.NONE_SLOT;
        Arm arm = null;
        long windowMs = server.attributionWindowMs();
        if (ImpressionRecord.inArm(shown.tag()))
        {
            arm = server.experiments().current().armByNameHash(placement, shown.arm());
            if (arm == null)
            {
                return;
            }
            slot = arm.metricSlot();
            windowMs = arm.attributionWindowMs();
        }
        if (events.get(shown.event()).timestampMs() - shown.servedAtMs() > windowMs)
        {
            return;
        }
        server.metrics().attribution().attributed(placement, STRATEGIES[strategyIndex], slot, 2, shown.value());
        if (arm != null)
        {
            arm.tally().credited(2, shown.value(), shown.shopper());
        }
    }

    /**
     * Credits the applied events of one shopper's group that carry a request id.
     *
     * @param server  the node.
     * @param key     the shopper's profile key the events were sent to.
     * @param events  the events, in the order they were applied.
     * @param credited the events that may be credited, by index: applied for the first time (and for a click, the
     *                 first on its list and product).
     */
    private static void credit(final ServerContext server, final String key, final List<Event> events,
        final BitSet credited)
    {
        Experiments experiments = null;
        for (int i = credited.nextSetBit(0); i >= 0 && i < events.size(); i = credited.nextSetBit(i + 1))
        {
            final Event event = events.get(i);
            if (event.requestId() == null)
            {
                continue;
            }
            final int type = switch (event.type())
            {
                case CLICK -> 0;
                case ADD_TO_CART -> 1;
                case PURCHASE -> 2;
                default -> -1;
            };
            if (type < 0)
            {
                continue;
            }
            final RequestIds.Tag tag = RequestIds.parse(event.requestId());
            if (tag == null)
            {
                continue;
            }
            int slot = Experiments.NONE_SLOT;
            Arm arm = null;
            long windowMs = server.attributionWindowMs();
            if (tag.arm() != null)
            {
                if (experiments == null)
                {
                    experiments = server.experiments().current();
                }
                arm = experiments.arm(tag.placement(), tag.arm());
                if (arm == null)
                {
                    continue;
                }
                slot = arm.metricSlot();
                windowMs = arm.attributionWindowMs();
            }
            if (event.timestampMs() - tag.servedAtMs() > windowMs)
            {
                continue;
            }
            final double value = type == 2 ? event.amount() : 0;
            final Attribution attribution = server.metrics().attribution();
            attribution.attributed(tag.placement(), tag.strategy(), slot, type, value);
            if (arm != null)
            {
                arm.tally().credited(type, value, Hashing.key(key));
            }
        }
    }
}
