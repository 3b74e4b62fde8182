package io.tailor.benchmarks.eval;

import io.tailor.scoring.catalog.Product;
import io.tailor.scoring.event.Event;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What every method of one run learns from: the catalog, the training events in time order, and the same
 * events as a binary user-item matrix (a shopper interacted with an item, or did not) for the peers.
 */
public final class TrainingData
{
    private final List<Product> products;
    private final ItemIndex items;
    private final List<Event> events;
    private final Object2IntHashMap<String> userIndex;
    private final String[] users;
    private final int[][] userItems;
    private final int[] itemUsers;
    private final long endMs;
    private final int interactions;

    /**
     * Training data of a split.
     *
     * @param products every product of the dataset.
     * @param items    their index.
     * @param events   training events, oldest first.
     */
    public TrainingData(final List<Product> products, final ItemIndex items, final List<Event> events)
    {
        this.products = products;
        this.items = items;
        this.events = events;
        this.userIndex = LeaveLastOutSplitter.userIndex(events, items);
        this.users = new String[userIndex.size()];
        final List<IntHashSet> sets = new ArrayList<>(users.length);
        for (int u = 0; u < users.length; u++)
        {
            sets.add(new IntHashSet());
        }
        long end = Long.MIN_VALUE;
        for (int i = 0, size = events.size(); i < size; i++)
        {
            final Event event = events.get(i);
            end = Math.max(end, event.timestampMs());
            if (!Dataset.isInteraction(event))
            {
                continue;
            }
            final int item = items.indexOf(Dataset.productOf(event));
            if (item == ItemIndex.MISSING)
            {
                continue;
            }
            final int u = userIndex.getValue(event.shopper());
            users[u] = event.shopper();
            sets.get(u).add(item);
        }
        this.endMs = end == Long.MIN_VALUE ? 0L : end;
        this.userItems = new int[users.length][];
        this.itemUsers = new int[items.size()];
        int total = 0;
        for (int u = 0; u < users.length; u++)
        {
            final IntHashSet set = sets.get(u);
            final int[] row = new int[set.size()];
            int k = 0;
            final IntHashSet.IntIterator it = set.iterator();
            while (it.hasNext())
            {
                row[k++] = it.nextValue();
            }
            Arrays.sort(row);
            userItems[u] = row;
            total += row.length;
            for (final int item : row)
            {
                itemUsers[item]++;
            }
        }
        this.interactions = total;
    }

    /**
     * Every product of the dataset, as uploaded to the catalog.
     *
     * @return the products.
     */
    public List<Product> products()
    {
        return products;
    }

    /**
     * The item index all methods rank in.
     *
     * @return the index.
     */
    public ItemIndex items()
    {
        return items;
    }

    /**
     * Training events, oldest first.
     *
     * @return the events.
     */
    public List<Event> events()
    {
        return events;
    }

    /**
     * Number of shoppers with at least one training interaction.
     *
     * @return the count.
     */
    public int userCount()
    {
        return users.length;
    }

    /**
     * Shopper id of a user index.
     *
     * @param user user index.
     * @return the shopper id.
     */
    public String user(final int user)
    {
        return users[user];
    }

    /**
     * Index of a shopper.
     *
     * @param shopper shopper id.
     * @return the user index, or -1 when the shopper has no training interaction.
     */
    public int userIndex(final String shopper)
    {
        return userIndex.getValue(shopper);
    }

    /**
     * Items a user interacted with in the training data.
     *
     * @param user user index.
     * @return item indices, sorted; do not modify.
     */
    public int[] userItems(final int user)
    {
        return userItems[user];
    }

    /**
     * Number of distinct training users who interacted with an item.
     *
     * @param item item index.
     * @return the count.
     */
    public int itemUsers(final int item)
    {
        return itemUsers[item];
    }

    /**
     * Number of distinct (user, item) pairs in the training data.
     *
     * @return the count.
     */
    public int interactions()
    {
        return interactions;
    }

    /**
     * Time of the last training event: the time the item model is built at.
     *
     * @return epoch milliseconds.
     */
    public long endMs()
    {
        return endMs;
    }
}
