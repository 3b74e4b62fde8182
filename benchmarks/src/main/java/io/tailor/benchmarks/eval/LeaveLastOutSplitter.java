package io.tailor.benchmarks.eval;

import io.tailor.scoring.event.Event;
import org.agrona.collections.IntArrayList;
import org.agrona.collections.IntHashSet;
import org.agrona.collections.Object2IntHashMap;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Holds out each shopper's last new item, chronologically.
 * <pre>
 *   shopper's events, oldest first:   e1(A) e2(B) e3(A) e4(C) e5(B)
 *   first interaction per item:       A@e1  B@e2  C@e4
 *   held out:                         C, the item first touched last, asked for at e4's time
 *   training:                         e1 e2 e3 (everything before e4)
 *   dropped:                          e4 e5 (at or after the held-out interaction)
 * </pre>
 * Events with the same timestamp keep their file order, so "last" is well defined. Shoppers with fewer than
 * {@code minItems} distinct items are not evaluated; their events all stay in the training data, where every
 * method sees them. Applied to its own training events, the splitter gives the validation split (each
 * shopper's second-to-last new item), used for tuning so the test items are never looked at.
 */
public final class LeaveLastOutSplitter
{
    private LeaveLastOutSplitter()
    {
    }

    /**
     * Splits events.
     *
     * @param events   events, oldest first.
     * @param items    item index of the catalog.
     * @param minItems fewest distinct items a shopper needs to be evaluated, at least 2.
     * @return the split.
     */
    public static Split split(final List<Event> events, final ItemIndex items, final int minItems)
    {
        if (minItems < 2)
        {
            throw new IllegalArgumentException("minItems must be at least 2 (one to learn from, one to find)");
        }
        final Map<String, IntArrayList> byUser = new LinkedHashMap<>();
        for (int i = 0, size = events.size(); i < size; i++)
        {
            byUser.computeIfAbsent(events.get(i).shopper(), u -> new IntArrayList()).addInt(i);
        }

        final boolean[] train = new boolean[events.size()];
        Arrays.fill(train, true);
        final List<Pending> pending = new ArrayList<>();
        int skipped = 0;
        int dropped = 0;
        for (final Map.Entry<String, IntArrayList> entry : byUser.entrySet())
        {
            final IntArrayList mine = entry.getValue();
            final IntHashSet distinct = new IntHashSet();
            int lastNew = -1;
            int lastNewItem = ItemIndex.MISSING;
            for (int n = 0, size = mine.size(); n < size; n++)
            {
                final Event event = events.get(mine.getInt(n));
                if (!Dataset.isInteraction(event))
                {
                    continue;
                }
                final int item = items.indexOf(Dataset.productOf(event));
                if (item != ItemIndex.MISSING && distinct.add(item))
                {
                    lastNew = n;
                    lastNewItem = item;
                }
            }
            if (distinct.size() < minItems)
            {
                skipped++;
                continue;
            }
            for (int n = lastNew, size = mine.size(); n < size; n++)
            {
                train[mine.getInt(n)] = false;
                dropped++;
            }
            final Event held = events.get(mine.getInt(lastNew));
            pending.add(new Pending(entry.getKey(), lastNewItem, held.timestampMs(), mine, lastNew));
        }

        final List<Event> trainEvents = new ArrayList<>(events.size() - dropped);
        for (int i = 0, size = events.size(); i < size; i++)
        {
            if (train[i])
            {
                trainEvents.add(events.get(i));
            }
        }

        final Object2IntHashMap<String> userIndex = userIndex(trainEvents, items);
        final List<EvalCase> cases = new ArrayList<>(pending.size());
        for (final Pending p : pending)
        {
            final IntHashSet seen = new IntHashSet();
            for (int n = 0; n < p.cut; n++)
            {
                final Event event = events.get(p.events.getInt(n));
                if (Dataset.isInteraction(event))
                {
                    final int item = items.indexOf(Dataset.productOf(event));
                    if (item != ItemIndex.MISSING)
                    {
                        seen.add(item);
                    }
                }
            }
            final int[] trainItems = new int[seen.size()];
            int k = 0;
            final IntHashSet.IntIterator it = seen.iterator();
            while (it.hasNext())
            {
                trainItems[k++] = it.nextValue();
            }
            Arrays.sort(trainItems);
            cases.add(new EvalCase(p.user, userIndex.getValue(p.user), p.target, p.atMs, trainItems));
        }
        return new Split(trainEvents, cases, byUser.size(), skipped, dropped);
    }

    /**
     * Dense indices of the shoppers with at least one interaction in the training events, in order of first
     * appearance.
     *
     * @param trainEvents training events.
     * @param items       item index.
     * @return shopper id to index; missing shoppers map to -1.
     */
    public static Object2IntHashMap<String> userIndex(final List<Event> trainEvents, final ItemIndex items)
    {
        final Object2IntHashMap<String> index = new Object2IntHashMap<>(-1);
        for (int i = 0, size = trainEvents.size(); i < size; i++)
        {
            final Event event = trainEvents.get(i);
            if (Dataset.isInteraction(event) && items.indexOf(Dataset.productOf(event)) != ItemIndex.MISSING)
            {
                final String user = event.shopper();
                if (index.getValue(user) == -1)
                {
                    index.put(user, index.size());
                }
            }
        }
        return index;
    }

    private record Pending(String user, int target, long atMs, IntArrayList events, int cut)
    {
    }
}
