package io.tailor.scoring.rank;

/**
 * How varied a list must be: hard caps on the share of one brand and of one leaf category, and a soft
 * penalty (maximal-marginal-relevance style) on every repeat of a brand or category already in the list.
 * <p>
 * Items are picked greedily, best first by {@code score - redundancyPenalty * (items of the same brand +
 * items of the same category already picked)}; an item over a hard cap is never picked, even if the list
 * then has fewer than k items.
 *
 * @param brandShare        at most {@code ceil(k * brandShare)} items of one brand, in (0, 1]; 1 for no cap.
 * @param categoryShare     at most {@code ceil(k * categoryShare)} items of one leaf category, in (0, 1].
 * @param redundancyPenalty score taken off per repeat, 0 to 10; 0 for none.
 */
public record Diversity(double brandShare, double categoryShare, double redundancyPenalty)
{
    /** No diversity at all: best first. */
    public static final Diversity NONE = new Diversity(1.0, 1.0, 0.0);
    /** Personal lists: a soft push towards other brands and categories, no hard cap. */
    public static final Diversity VARIED = new Diversity(1.0, 1.0, 0.1);

    /**
     * Validates.
     *
     * @param brandShare        brand share.
     * @param categoryShare     category share.
     * @param redundancyPenalty penalty per repeat.
     */
    public Diversity
    {
        if (!(brandShare > 0 && brandShare <= 1) || !(categoryShare > 0 && categoryShare <= 1))
        {
            throw new IllegalArgumentException("diversity shares must be in (0, 1]: " + brandShare + ", " +
                categoryShare);
        }
        if (!(redundancyPenalty >= 0 && redundancyPenalty <= 10))
        {
            throw new IllegalArgumentException("redundancy penalty must be in 0..10: " + redundancyPenalty);
        }
    }

    /**
     * Most items of one brand in a list of {@code k}.
     *
     * @param k list length.
     * @return the cap, at least 1.
     */
    public int maxPerBrand(final int k)
    {
        return Math.max(1, (int)Math.ceil(k * brandShare - 1e-9));
    }

    /**
     * Most items of one leaf category in a list of {@code k}.
     *
     * @param k list length.
     * @return the cap, at least 1.
     */
    public int maxPerCategory(final int k)
    {
        return Math.max(1, (int)Math.ceil(k * categoryShare - 1e-9));
    }
}
