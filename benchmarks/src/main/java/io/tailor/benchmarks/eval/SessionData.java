package io.tailor.benchmarks.eval;

import java.util.List;

/**
 * A session dataset: anonymous sessions to learn from and next-item cases to answer, items as dense indices.
 *
 * @param name     short name, from the dataset's folder.
 * @param itemIds  product id of each item index.
 * @param training training sessions in time order, each its items in click order (repeats kept).
 * @param cases    the cases to answer, in file order.
 */
public record SessionData(String name, String[] itemIds, List<int[]> training, List<SessionCase> cases)
{
    /**
     * Number of distinct items in training and cases.
     *
     * @return the item count.
     */
    public int itemCount()
    {
        return itemIds.length;
    }

    /**
     * Item interactions in the training sessions.
     *
     * @return the total length of the training sessions.
     */
    public long trainingClicks()
    {
        long n = 0;
        for (int s = 0, size = training.size(); s < size; s++)
        {
            n += training.get(s).length;
        }
        return n;
    }
}
