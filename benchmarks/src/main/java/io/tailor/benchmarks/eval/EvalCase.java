package io.tailor.benchmarks.eval;

import java.util.Arrays;

/**
 * One shopper's held-out interaction: what every method is asked to find, and what it may not recommend.
 *
 * @param user       shopper id.
 * @param userIndex  dense index of the shopper among the training users.
 * @param target     item index of the held-out item.
 * @param atMs       time of the held-out interaction: the moment the recommendation is asked for.
 * @param trainItems item indices the shopper interacted with in the training data, sorted; never eligible.
 */
public record EvalCase(String user, int userIndex, int target, long atMs, int[] trainItems)
{
    /**
     * Whether the shopper interacted with an item in the training data.
     *
     * @param item item index.
     * @return true when the item is one of the shopper's training items.
     */
    public boolean trained(final int item)
    {
        return Arrays.binarySearch(trainItems, item) >= 0;
    }
}
