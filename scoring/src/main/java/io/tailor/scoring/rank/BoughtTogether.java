package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.util.Hashing;
import org.agrona.collections.LongHashSet;

/**
 * The "frequently bought together" list of one product: its co-purchase neighbours from the item model,
 * strongest first, with their lift, leaving out what cannot be sold (out of stock) or must not be shown
 * (blocked by the store's rules). Not personal; one instance per thread.
 */
public final class BoughtTogether
{
    private final LongHashSet blockedKeys = new LongHashSet();
    private final int[] items = new int[RecommendationRequest.MAX_K];
    private final float[] scores = new float[RecommendationRequest.MAX_K];
    private final float[] lifts = new float[RecommendationRequest.MAX_K];
    private int count;

    /**
     * A list builder following the store's rules.
     *
     * @param settings ranking settings, for the blocked products.
     */
    public BoughtTogether(final RankingSettings settings)
    {
        for (final String id : settings.rules().blocked())
        {
            blockedKeys.add(Hashing.key(id));
        }
    }

    /**
     * Builds the list of a product.
     *
     * @param model the item model.
     * @param item  the product's index in the model's catalog.
     * @param k     most items wanted, 1 to {@link RecommendationRequest#MAX_K}.
     * @return this, with {@link #count()} items.
     */
    public BoughtTogether select(final ItemModel model, final int item, final int k)
    {
        if (k < 1 || k > RecommendationRequest.MAX_K)
        {
            throw new IllegalArgumentException("k must be in 1.." + RecommendationRequest.MAX_K + ": " + k);
        }
        final CatalogSnapshot catalog = model.catalog();
        final int[] together = model.boughtTogether(item);
        final float[] togetherScores = model.boughtTogetherScores(item);
        final float[] togetherLifts = model.boughtTogetherLift(item);
        count = 0;
        for (int i = 0; i < together.length && count < k; i++)
        {
            final int other = together[i];
            if (other == item || !catalog.inStock(other) ||
                (!blockedKeys.isEmpty() && blockedKeys.contains(catalog.key(other))))
            {
                continue;
            }
            items[count] = other;
            scores[count] = togetherScores[i];
            lifts[count] = togetherLifts[i];
            count++;
        }
        return this;
    }

    /**
     * Items in the last list.
     *
     * @return the count.
     */
    public int count()
    {
        return count;
    }

    /**
     * The i-th item, strongest first.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return product index.
     */
    public int item(final int i)
    {
        return items[i];
    }

    /**
     * How strongly the i-th item goes with the product: co-purchases, normalised by both products'
     * purchases and shrunk when there are few.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the score, positive.
     */
    public float score(final int i)
    {
        return scores[i];
    }

    /**
     * How many times more often the i-th item is bought with the product than if purchases were
     * independent; above 1 means they go together.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the lift.
     */
    public float lift(final int i)
    {
        return lifts[i];
    }
}
