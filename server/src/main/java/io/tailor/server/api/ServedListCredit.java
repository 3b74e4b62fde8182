package io.tailor.server.api;

import io.tailor.scoring.event.Event;
import io.tailor.scoring.experiment.Arm;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.util.Hashing;
import io.tailor.server.json.ExperimentJsonReader;
import io.tailor.server.metrics.Attribution;

import java.util.BitSet;
import java.util.List;

/**
 * Credits clicks, cart additions and purchases to the served list whose {@code requestId} they carry: its
 * placement, strategy and experiment arm, read from the id itself ({@link RequestIds}), so crediting reads nothing
 * from the grid. An event is credited once per event id: only events the profile applied count (a resent event is a
 * duplicate there), so retries and duplicates in a batch never count twice; a click counts once per list and product
 * (the profile remembers it like an event id). An event later than the attribution window after the list was
 * served (its experiment's, else 7 days; the request id says when the list was served) is not credited. Events
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
    /** Attribution window of lists served outside any experiment. */
    static final long DEFAULT_WINDOW_MS = ExperimentJsonReader.DEFAULT_WINDOW.toMillis();

    private ServedListCredit()
    {
    }

    /**
     * Credits the applied events of one shopper's group.
     *
     * @param server  the node.
     * @param key     the shopper's profile key the events were sent to.
     * @param events  the events, in the order they were applied.
     * @param credited the events that may be credited, by index: applied for the first time (and for a click, the
     *                 first on its list and product).
     */
    static void credit(final ServerContext server, final String key, final List<Event> events,
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
            long windowMs = DEFAULT_WINDOW_MS;
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
