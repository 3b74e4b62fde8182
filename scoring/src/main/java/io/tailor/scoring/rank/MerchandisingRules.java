package io.tailor.scoring.rank;

import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Rules the store sets by configuration: products never recommended, products pinned to the top of a
 * placement, and categories of goods bought again (replenishment) whose purchases are recommended again
 * after an interval.
 *
 * @param blocked       product ids never recommended.
 * @param pinned        per placement, product ids shown first (when in stock and not excluded otherwise).
 * @param replenishable category path (and everything below it) to the interval after which a purchased
 *                      product of it may be recommended again.
 */
public record MerchandisingRules(
    Set<String> blocked,
    Map<Placement, List<String>> pinned,
    Map<String, Duration> replenishable)
{
    /** No rules. */
    public static final MerchandisingRules NONE = new MerchandisingRules(Set.of(), Map.of(), Map.of());

    /**
     * Validates and copies.
     *
     * @param blocked       blocked ids.
     * @param pinned        pinned ids per placement.
     * @param replenishable replenishment intervals per category.
     */
    public MerchandisingRules
    {
        blocked = Set.copyOf(blocked);
        final Map<Placement, List<String>> pins = new EnumMap<>(Placement.class);
        pinned.forEach((placement, ids) -> pins.put(placement, List.copyOf(ids)));
        pinned = Map.copyOf(pins);
        for (final Duration interval : replenishable.values())
        {
            if (interval.isNegative() || interval.isZero())
            {
                throw new IllegalArgumentException("replenishment intervals must be positive: " + interval);
            }
        }
        replenishable = Map.copyOf(replenishable);
    }
}
