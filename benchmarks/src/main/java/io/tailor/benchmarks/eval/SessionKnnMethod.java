package io.tailor.benchmarks.eval;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Session-based nearest neighbours as Ludewig and Jannach evaluate them ("Evaluation of session-based
 * recommendation algorithms", 2018): the training sessions that share an item with the current session, the
 * most recent {@code sample} of them, are compared with it; the {@code neighbours} most similar vote for their
 * items with their similarity.
 * <ul>
 *   <li>S-KNN: sessions as sets of items, cosine similarity {@code |s ∩ n| / sqrt(|s| |n|)}.</li>
 *   <li>V-SKNN: the current session as a vector whose weights fall linearly with age (the latest item 1, the
 *   item {@code j} clicks earlier {@code 1 - j / L} for a session of {@code L} clicks, an item counted at its
 *   latest position), the neighbour as a set; similarity is their dot product.</li>
 * </ul>
 * Items no neighbour has are filled from training popularity; the session's own items are eligible.
 */
public final class SessionKnnMethod implements SessionMethod
{
    /** Neighbour sessions that vote, as in Ludewig and Jannach's configurations. */
    public static final int DEFAULT_NEIGHBOURS = 100;
    /** Most recent sessions sharing an item that are compared, as in their configurations. */
    public static final int DEFAULT_SAMPLE = 500;

    private final boolean vector;
    private final int neighbours;
    private final int sample;

    private int[][] sessionItems;
    private int[][] sessionsOfItem;
    private SparseScores scores;
    private double[] queryWeight;
    private int[] sessionStamp;
    private int stamp;
    private int[] candidates;
    private double[] similarity;
    private Integer[] order;

    /**
     * A session k-NN.
     *
     * @param vector     false for S-KNN, true for V-SKNN.
     * @param neighbours neighbour sessions that vote.
     * @param sample     most recent sessions sharing an item that are compared.
     */
    public SessionKnnMethod(final boolean vector, final int neighbours, final int sample)
    {
        this.vector = vector;
        this.neighbours = neighbours;
        this.sample = sample;
    }

    @Override
    public String name()
    {
        return vector ? "V-SKNN" : "S-KNN";
    }

    @Override
    public Map<String, String> settings()
    {
        final Map<String, String> s = new LinkedHashMap<>();
        s.put("neighbours", "the " + neighbours + " most similar of the " + sample
            + " most recent training sessions sharing an item");
        s.put("similarity", vector ? "dot product, current session weighted linearly by position" : "cosine");
        return s;
    }

    @Override
    public void train(final int itemCount, final List<int[]> training)
    {
        final int sessions = training.size();
        sessionItems = new int[sessions][];
        final int[] counts = new int[itemCount];
        for (int s = 0; s < sessions; s++)
        {
            final int[] distinct = Arrays.stream(training.get(s)).distinct().sorted().toArray();
            sessionItems[s] = distinct;
            for (final int item : distinct)
            {
                counts[item]++;
            }
        }
        sessionsOfItem = new int[itemCount][];
        for (int i = 0; i < itemCount; i++)
        {
            sessionsOfItem[i] = new int[counts[i]];
            counts[i] = 0;
        }
        for (int s = 0; s < sessions; s++)
        {
            for (final int item : sessionItems[s])
            {
                sessionsOfItem[item][counts[item]++] = s;
            }
        }
        final long[] clicks = SparseScores.clicks(itemCount, training);
        scores = new SparseScores(clicks, SparseScores.popularityOrder(clicks));
        queryWeight = new double[itemCount];
        sessionStamp = new int[sessions];
        stamp = 0;
        candidates = new int[0];
        similarity = new double[0];
        order = new Integer[0];
    }

    @Override
    public int recommend(final int[] prefix, final int k, final int[] out)
    {
        final int length = prefix.length;
        int distinct = 0;
        for (int p = 0; p < length; p++)
        {
            final int item = prefix[p];
            if (queryWeight[item] == 0.0)
            {
                distinct++;
            }
            // A later click of the same item overwrites the weight with its later position's.
            queryWeight[item] = vector ? (p + 1.0) / length : 1.0;
        }
        final int found = collectCandidates(prefix);
        for (int c = 0; c < found; c++)
        {
            final int[] items = sessionItems[candidates[c]];
            double overlap = 0.0;
            for (final int item : items)
            {
                overlap += queryWeight[item];
            }
            similarity[c] = vector ? overlap : overlap / Math.sqrt((double)distinct * items.length);
        }
        for (final int item : prefix)
        {
            queryWeight[item] = 0.0;
        }
        for (int c = 0; c < found; c++)
        {
            order[c] = c;
        }
        // Most similar first; among equals the more recent session.
        Arrays.sort(order, 0, found, (a, b) -> similarity[a] != similarity[b] ?
            Double.compare(similarity[b], similarity[a]) : Integer.compare(candidates[b], candidates[a]));
        for (int n = 0, voters = Math.min(neighbours, found); n < voters; n++)
        {
            final int c = order[n];
            for (final int item : sessionItems[candidates[c]])
            {
                scores.add(item, similarity[c]);
            }
        }
        return scores.top(k, out);
    }

    /** The most recent {@code sample} training sessions sharing an item with the prefix, into candidates. */
    private int collectCandidates(final int[] prefix)
    {
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(sessionStamp, 0);
            stamp = 1;
        }
        int found = 0;
        for (final int item : prefix)
        {
            final int[] sessions = sessionsOfItem[item];
            // Only an item's last 'sample' sessions can be among the union's most recent 'sample'.
            for (int i = sessions.length - 1, taken = 0; i >= 0 && taken < sample; i--, taken++)
            {
                final int s = sessions[i];
                if (sessionStamp[s] != stamp)
                {
                    sessionStamp[s] = stamp;
                    if (found == candidates.length)
                    {
                        grow(Math.max(1024, found * 2));
                    }
                    candidates[found++] = s;
                }
            }
        }
        if (found > sample)
        {
            Arrays.sort(candidates, 0, found);
            System.arraycopy(candidates, found - sample, candidates, 0, sample);
            found = sample;
        }
        return found;
    }

    private void grow(final int capacity)
    {
        candidates = Arrays.copyOf(candidates, capacity);
        similarity = Arrays.copyOf(similarity, capacity);
        order = Arrays.copyOf(order, capacity);
    }
}
