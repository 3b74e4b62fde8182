package io.tailor.server.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.tailor.scoring.experiment.Experiments;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * What served lists earned, by placement, strategy and experiment arm:
 * <pre>
 *   tailor_lists_served_total{placement,strategy,arm}
 *   tailor_attributed_total{placement,strategy,arm,type}           type: click | add_to_cart | purchase
 *   tailor_attributed_revenue_total{placement,strategy,arm,type}   the value of attributed purchases
 * </pre>
 * Arm labels are interned once into slots (when an experiment is bound, off the served path): {@code none} for
 * lists outside any experiment, {@code opted-out} for shoppers left out of one, then arm names; past
 * {@link #MAX_ARMS} distinct names, {@code other}. Counting is an array read and an adder increment: the series of
 * arm {@code none} exist from the start (at zero), an arm's are created on its first list, nothing is allocated
 * after.
 */
public final class Attribution
{
    /** Most distinct arm labels a node counts apart. */
    public static final int MAX_ARMS = 256;
    /** The label of arms past {@link #MAX_ARMS}. */
    public static final String OTHER = "other";

    /** Event types credited, in their index order. */
    private static final String[] TYPES = {"click", "add_to_cart", "purchase"};
    private static final int PLACEMENTS = Placement.values().length;
    private static final int STRATEGIES = Strategy.values().length;
    private static final int PER_ARM = PLACEMENTS * STRATEGIES;

    private final MeterRegistry registry;
    private final List<String> arms = new ArrayList<>();
    private final Map<String, Integer> slots = new HashMap<>();
    private final AtomicReferenceArray<Counter> served = new AtomicReferenceArray<>(MAX_ARMS * PER_ARM);
    private final AtomicReferenceArray<Counter> credited =
        new AtomicReferenceArray<>(MAX_ARMS * PER_ARM * TYPES.length);
    private final AtomicReferenceArray<Counter> revenue =
        new AtomicReferenceArray<>(MAX_ARMS * PER_ARM * TYPES.length);

    Attribution(final MeterRegistry registry)
    {
        this.registry = registry;
        slot(Experiments.NONE);
        slot(Experiments.OPTED_OUT);
        slot(OTHER);
        // The always-on series (lists outside experiments) exist from the start, at zero, for dashboards and alerts.
        for (final Placement placement : Placement.values())
        {
            for (final Strategy strategy : Strategy.values())
            {
                servedCounter(placement, strategy, Experiments.NONE_SLOT);
                for (int type = 0; type < TYPES.length; type++)
                {
                    creditedCounter(placement, strategy, Experiments.NONE_SLOT, type);
                }
                revenueCounter(placement, strategy, Experiments.NONE_SLOT, TYPES.length - 1);
            }
        }
    }

    /**
     * The slot of an arm label, interned on first use.
     *
     * @param arm arm name.
     * @return its slot; {@link Experiments#NONE_SLOT} and {@link Experiments#OPTED_OUT_SLOT} are fixed.
     */
    public synchronized int slot(final String arm)
    {
        final Integer known = slots.get(arm);
        if (known != null)
        {
            return known;
        }
        if (arms.size() == MAX_ARMS)
        {
            return slots.get(OTHER);
        }
        slots.put(arm, arms.size());
        arms.add(arm);
        return arms.size() - 1;
    }

    private synchronized String label(final int slot)
    {
        return arms.get(slot);
    }

    /**
     * Index of an attributed event type.
     *
     * @param type the event type's wire name.
     * @return 0 for click, 1 for add_to_cart, 2 for purchase, -1 for any other.
     */
    public static int typeIndex(final String type)
    {
        for (int i = 0; i < TYPES.length; i++)
        {
            if (TYPES[i].equals(type))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Counts a served list.
     *
     * @param placement where.
     * @param strategy  how it was made.
     * @param slot      the arm's slot.
     */
    public void served(final Placement placement, final Strategy strategy, final int slot)
    {
        final Counter counter = served.get(slot * PER_ARM + placement.ordinal() * STRATEGIES + strategy.ordinal());
        (counter == null ? servedCounter(placement, strategy, slot) : counter).increment();
    }

    private Counter servedCounter(final Placement placement, final Strategy strategy, final int slot)
    {
        final Counter counter = Counter.builder("tailor.lists.served").tag("placement", placement.wireName())
            .tag("strategy", strategy.wireName()).tag("arm", label(slot))
            .description("Recommendation lists served").register(registry);
        served.set(slot * PER_ARM + placement.ordinal() * STRATEGIES + strategy.ordinal(), counter);
        return counter;
    }

    private Counter creditedCounter(final Placement placement, final Strategy strategy, final int slot,
        final int type)
    {
        final Counter counter = Counter.builder("tailor.attributed").tags("placement", placement.wireName(),
            "strategy", strategy.wireName(), "arm", label(slot), "type", TYPES[type])
            .description("Events credited to the recommendation list they came from").register(registry);
        credited.set(index(placement, strategy, slot, type), counter);
        return counter;
    }

    private Counter revenueCounter(final Placement placement, final Strategy strategy, final int slot,
        final int type)
    {
        final Counter counter = Counter.builder("tailor.attributed.revenue").tags("placement", placement.wireName(),
            "strategy", strategy.wireName(), "arm", label(slot), "type", TYPES[type])
            .description("Value of purchases credited to the recommendation list they came from").register(registry);
        revenue.set(index(placement, strategy, slot, type), counter);
        return counter;
    }

    private static int index(final Placement placement, final Strategy strategy, final int slot, final int type)
    {
        return (slot * PER_ARM + placement.ordinal() * STRATEGIES + strategy.ordinal()) * TYPES.length + type;
    }

    /**
     * Credits an event to the list it came from.
     *
     * @param placement the list's placement.
     * @param strategy  the list's strategy.
     * @param slot      the list's arm slot.
     * @param type      event type index, see {@link #typeIndex(String)}.
     * @param value     revenue of a purchase (0 for other types).
     */
    public void attributed(final Placement placement, final Strategy strategy, final int slot, final int type,
        final double value)
    {
        final int index = index(placement, strategy, slot, type);
        final Counter counter = credited.get(index);
        (counter == null ? creditedCounter(placement, strategy, slot, type) : counter).increment();
        if (value > 0)
        {
            final Counter sum = revenue.get(index);
            (sum == null ? revenueCounter(placement, strategy, slot, type) : sum).increment(value);
        }
    }
}
