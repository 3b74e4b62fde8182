package io.tailor.scoring.rank;

import java.util.EnumMap;
import java.util.Map;

/**
 * How new arrivals get their chance: every in-stock new arrival is owed {@code exposureFloor} impressions a day,
 * given through at most one exploration slot per list of a placement, to shoppers whose interests match it.
 * Promotions with a target ({@code io.tailor.scoring.promotion.Promotion}) get their own slot, under the same rules.
 * Validated on construction.
 *
 * @param exposureFloor  impressions a day owed to each new arrival, 0 to 1,000,000; 0 turns exploration off.
 * @param slots          exploration slots per placement, 0 or 1; placements left out use their defaults (1 for
 *                       home and product pages, 0 for the cart and e-mail).
 * @param promotionSlots promoted slots per placement, 0 or 1; placements left out have 1 (a promotion names the
 *                       placements it is shown on; 0 here turns promotions off on a placement whatever they say).
 */
public record ExplorationSettings(int exposureFloor, Map<Placement, Integer> slots,
    Map<Placement, Integer> promotionSlots)
{
    /** Defaults: 200 impressions a day, a slot on home and product pages, a promoted slot everywhere. */
    public static final ExplorationSettings DEFAULT = new ExplorationSettings(200, Map.of());

    /**
     * Validates and fills in defaults per placement.
     *
     * @param exposureFloor  impressions a day.
     * @param slots          slots per placement.
     * @param promotionSlots promoted slots per placement.
     */
    public ExplorationSettings
    {
        if (exposureFloor < 0 || exposureFloor > 1_000_000)
        {
            throw new IllegalArgumentException("exposureFloor must be in 0..1000000: " + exposureFloor);
        }
        final EnumMap<Placement, Integer> all = new EnumMap<>(Placement.class);
        for (final Placement placement : Placement.values())
        {
            final int n = slots.getOrDefault(placement,
                placement == Placement.HOME || placement == Placement.PRODUCT ? 1 : 0);
            if (n < 0 || n > 1)
            {
                throw new IllegalArgumentException("explorationSlots of " + placement.wireName() +
                    " must be 0 or 1: " + n);
            }
            all.put(placement, n);
        }
        slots = Map.copyOf(all);
        final EnumMap<Placement, Integer> promoted = new EnumMap<>(Placement.class);
        for (final Placement placement : Placement.values())
        {
            final int n = promotionSlots.getOrDefault(placement, 1);
            if (n < 0 || n > 1)
            {
                throw new IllegalArgumentException("promotionSlots of " + placement.wireName() +
                    " must be 0 or 1: " + n);
            }
            promoted.put(placement, n);
        }
        promotionSlots = Map.copyOf(promoted);
    }

    /**
     * Exploration settings with the default promoted slots.
     *
     * @param exposureFloor impressions a day.
     * @param slots         exploration slots per placement.
     */
    public ExplorationSettings(final int exposureFloor, final Map<Placement, Integer> slots)
    {
        this(exposureFloor, slots, Map.of());
    }

    /**
     * Exploration slots of a placement.
     *
     * @param placement placement.
     * @return 0 or 1; 0 also when the floor is 0.
     */
    public int slotsFor(final Placement placement)
    {
        return exposureFloor == 0 ? 0 : slots.get(placement);
    }

    /**
     * A copy with other slots for one placement.
     *
     * @param placement placement.
     * @param n         0 or 1.
     * @return the copy.
     */
    public ExplorationSettings withSlots(final Placement placement, final int n)
    {
        final EnumMap<Placement, Integer> all = new EnumMap<>(slots);
        all.put(placement, n);
        return new ExplorationSettings(exposureFloor, all, promotionSlots);
    }

    /**
     * Promoted slots of a placement (independent of the exposure floor).
     *
     * @param placement placement.
     * @return 0 or 1.
     */
    public int promotionSlotsFor(final Placement placement)
    {
        return promotionSlots.get(placement);
    }

    /**
     * A copy with other promoted slots for one placement.
     *
     * @param placement placement.
     * @param n         0 or 1.
     * @return the copy.
     */
    public ExplorationSettings withPromotionSlots(final Placement placement, final int n)
    {
        final EnumMap<Placement, Integer> all = new EnumMap<>(promotionSlots);
        all.put(placement, n);
        return new ExplorationSettings(exposureFloor, slots, all);
    }
}
