package io.tailor.scoring.rank;

import io.tailor.scoring.promotion.Promotion;

import java.util.ArrayList;
import java.util.List;

/**
 * The answer to a {@link RecommendationRequest}: item indices with scores, best first, and how they
 * were found. One instance is reused per thread; reasons are allocated only when asked for.
 */
public final class Recommendation
{
    /** Items one answer holds: a recommendation's k, or a re-ranked list's length. */
    private static final int CAPACITY = Math.max(RecommendationRequest.MAX_K, RecommendationRequest.MAX_RERANK);

    private final int[] items = new int[CAPACITY];
    private final float[] scores = new float[CAPACITY];
    private final List<List<Reason>> reasons = new ArrayList<>(RecommendationRequest.MAX_K);
    private final int[] excluded = new int[RuleKind.values().length];
    private final boolean[] pinned = new boolean[CAPACITY];
    private int count;
    private Strategy strategy = Strategy.POPULAR;
    private boolean degraded;
    private int candidates;
    private int explored = -1;
    private String exploredMatch;
    private int promoted = -1;
    private Promotion promotion;

    /**
     * Empties this result for reuse.
     *
     * @return this.
     */
    public Recommendation clear()
    {
        count = 0;
        strategy = Strategy.POPULAR;
        degraded = false;
        candidates = 0;
        explored = -1;
        exploredMatch = null;
        promoted = -1;
        promotion = null;
        java.util.Arrays.fill(excluded, 0);
        java.util.Arrays.fill(pinned, false);
        reasons.clear();
        return this;
    }

    /**
     * Number of items.
     *
     * @return the count, at most k.
     */
    public int count()
    {
        return count;
    }

    /**
     * The i-th item, best first.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return product index in the snapshot used.
     */
    public int item(final int i)
    {
        return items[i];
    }

    /**
     * Score of the i-th item.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the blended score.
     */
    public float score(final int i)
    {
        return scores[i];
    }

    /**
     * Reasons for the i-th item; empty when not explained.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return the reasons, strongest first.
     */
    public List<Reason> reasons(final int i)
    {
        return i < reasons.size() ? reasons.get(i) : List.of();
    }

    /**
     * What the list is based on.
     *
     * @return the strategy.
     */
    public Strategy strategy()
    {
        return strategy;
    }

    /**
     * Whether the answer is a fallback given because the deadline passed.
     *
     * @return true when degraded.
     */
    public boolean degraded()
    {
        return degraded;
    }

    /**
     * Number of candidates scored, for metrics and tests.
     *
     * @return the count.
     */
    public int candidates()
    {
        return candidates;
    }

    /**
     * How many candidates a rule took out of the list.
     *
     * @param rule the rule.
     * @return the count.
     */
    public int excluded(final RuleKind rule)
    {
        return excluded[rule.ordinal()];
    }

    /**
     * Whether the i-th item is there because the store pinned it.
     *
     * @param i 0 to {@link #count()} - 1.
     * @return true when pinned.
     */
    public boolean pinned(final int i)
    {
        return pinned[i];
    }

    void markPinned(final int i)
    {
        pinned[i] = true;
    }

    /**
     * Where the list's exploration slot is: a new arrival shown so that it gets its exposure floor.
     *
     * @return the position, or -1 when the list has none.
     */
    public int explored()
    {
        return explored;
    }

    /**
     * Which of the shopper's interests the exploration slot's new arrival matched: {@code category} (one of her
     * categories of interest), {@code brand} (a brand she browsed or stated), {@code page} (the category of the
     * page's product) or {@code content} (its content vector is close to what she browses, whatever its category
     * and brand).
     *
     * @return the match, or {@code null} when the list has no exploration slot or its product was chosen among
     *     the catalog's newest (a shopper with no interests).
     */
    public String exploredMatch()
    {
        return explored >= 0 ? exploredMatch : null;
    }

    /**
     * Puts a new arrival into the exploration slot: after the last item when the list is short, else in place of
     * the last item that is not pinned.
     *
     * @param item  product index.
     * @param score its score.
     * @param k     the list's length.
     * @param match which interest it matched ({@link #exploredMatch()}), or {@code null}.
     * @return the slot's position, or -1 when every item is pinned.
     */
    int explore(final int item, final float score, final int k, final String match)
    {
        final int at = freeSlot(k);
        if (at >= 0)
        {
            items[at] = item;
            scores[at] = score;
            explored = at;
            exploredMatch = match;
        }
        return at;
    }

    /**
     * Where the list's promoted slot is: a product of a promotion with an exposure target.
     *
     * @return the position, or -1 when the list has none.
     */
    public int promoted()
    {
        return promoted;
    }

    /**
     * The promotion the promoted slot serves.
     *
     * @return the promotion, or {@code null} when the list has no promoted slot.
     */
    public Promotion promotion()
    {
        return promotion;
    }

    /**
     * Puts a promotion's product into the promoted slot: after the last item when the list is short, else in place
     * of the last item that is neither pinned nor the exploration slot's.
     *
     * @param item      product index.
     * @param score     its score.
     * @param k         the list's length.
     * @param promotion the promotion served.
     * @return the slot's position, or -1 when no place is free.
     */
    int promote(final int item, final float score, final int k, final Promotion promotion)
    {
        final int at = freeSlot(k);
        if (at >= 0)
        {
            items[at] = item;
            scores[at] = score;
            promoted = at;
            this.promotion = promotion;
        }
        return at;
    }

    /**
     * Makes an item the ranking already put in the list the promoted slot: nothing is displaced.
     *
     * @param at        its position.
     * @param promotion the promotion served.
     */
    void promoteInPlace(final int at, final Promotion promotion)
    {
        promoted = at;
        this.promotion = promotion;
    }

    /** A place for a slot: a new one when the list is short, else the last that is no pin and no other slot. */
    private int freeSlot(final int k)
    {
        if (count < k)
        {
            return count++;
        }
        int at = count - 1;
        while (at >= 0 && (pinned[at] || at == explored || at == promoted))
        {
            at--;
        }
        return at;
    }

    void countExcluded(final RuleKind rule)
    {
        excluded[rule.ordinal()]++;
    }

    Recommendation strategy(final Strategy strategy)
    {
        this.strategy = strategy;
        return this;
    }

    /**
     * Marks this answer as a degraded fallback.
     *
     * @return this.
     */
    public Recommendation markDegraded()
    {
        this.degraded = true;
        this.strategy = Strategy.FALLBACK;
        return this;
    }

    void candidates(final int candidates)
    {
        this.candidates = candidates;
    }

    void add(final int item, final float score)
    {
        items[count] = item;
        scores[count] = score;
        count++;
    }

    void addReasons(final List<Reason> itemReasons)
    {
        reasons.add(itemReasons);
    }
}
