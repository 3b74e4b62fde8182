package io.tailor.benchmarks.eval;

/**
 * One next-item case: the session so far and the item the shopper went to next.
 *
 * @param prefix the session's items so far, in click order (repeats kept); at least one.
 * @param target the next item.
 */
public record SessionCase(int[] prefix, int target)
{
    /**
     * Whether the next item is new to the session: none of the prefix's items.
     *
     * @return true when the target is not in the prefix.
     */
    public boolean targetNew()
    {
        for (final int item : prefix)
        {
            if (item == target)
            {
                return false;
            }
        }
        return true;
    }
}
