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
 * {@link #MAX_ARMS} distinct names, {@code other}. Counting is an array read and an adder increment: a counter
 * is created on the first list of its labels, and nothing is allocated after.
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
        final int index = slot * PER_ARM + placement.ordinal() * STRATEGIES + strategy.ordinal();
        Counter counter = served.get(index);
        if (counter == null)
        {
            counter = Counter.builder("tailor.lists.served").tag("placement", placement.wireName())
                .tag("strategy", strategy.wireName()).tag("arm", label(slot))
                .description("Recommendation lists served").register(registry);
            served.set(index, counter);
        }
        counter.increment();
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
        final int index = (slot * PER_ARM + placement.ordinal() * STRATEGIES + strategy.ordinal()) * TYPES.length +
            type;
        Counter counter = credited.get(index);
        if (counter == null)
        {
            counter = Counter.builder("tailor.attributed").tags("placement", placement.wireName(), "strategy",
                strategy.wireName(), "arm", label(slot), "type", TYPES[type])
                .description("Events credited to the recommendation list they came from").register(registry);
            credited.set(index, counter);
        }
        counter.increment();
        if (value > 0)
        {
            Counter sum = revenue.get(index);
            if (sum == null)
            {
                sum = Counter.builder("tailor.attributed.revenue").tags("placement", placement.wireName(),
                    "strategy", strategy.wireName(), "arm", label(slot), "type", TYPES[type])
                    .description("Value of purchases credited to the recommendation list they came from")
                    .register(registry);
                revenue.set(index, sum);
            }
            sum.increment(value);
        }
    }
}
