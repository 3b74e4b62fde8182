package io.tailor.scoring.model;

import io.tailor.scoring.util.Decay;

/**
 * What the interaction stream taught about one product: time-decayed interaction counts (the raw material
 * of popularity), the products it was seen and bought together with ({@link Neighbors}), the products viewed
 * next after it (its followers, also a {@link Neighbors} row) and how long shoppers take from first interest to
 * purchase ({@link TimeToPurchase}).
 * <p>
 * Each sum is kept together with the time it refers to ({@link #atMs()}). Adding or merging first brings
 * both sides to the later time, so deltas from any node, in any order, merge to the same totals: the
 * grid can apply them additively without ever losing an update.
 */
public final class ItemStats
{
    private double views;
    private double carts;
    private double purchases;
    private long atMs;
    private long interactions;
    private Neighbors neighbors;
    /** What shoppers viewed next after this product (a directed row: "together" holds the transition weight). */
    private Neighbors followers;
    private TimeToPurchase timeToPurchase;
    private Exposure exposure;

    /** Empty stats. */
    public ItemStats()
    {
    }

    /**
     * Stats with the given state, as read back from a binary form.
     *
     * @param views        decayed view sum at {@code atMs}.
     * @param carts        decayed add-to-cart sum at {@code atMs}.
     * @param purchases    decayed purchase sum (units) at {@code atMs}.
     * @param atMs         time the sums refer to.
     * @param interactions undecayed count of every interaction ever added.
     */
    public ItemStats(final double views, final double carts, final double purchases, final long atMs,
        final long interactions)
    {
        this(views, carts, purchases, atMs, interactions, null);
    }

    /**
     * Stats with the given state and neighbours, as read back from a binary form.
     *
     * @param views        decayed view sum at {@code atMs}.
     * @param carts        decayed add-to-cart sum at {@code atMs}.
     * @param purchases    decayed purchase sum (units) at {@code atMs}.
     * @param atMs         time the sums refer to.
     * @param interactions undecayed count of every interaction and pair ever added.
     * @param neighbors    the co-occurrence row, or {@code null} when none.
     */
    public ItemStats(final double views, final double carts, final double purchases, final long atMs,
        final long interactions, final Neighbors neighbors)
    {
        this.views = views;
        this.carts = carts;
        this.purchases = purchases;
        this.atMs = atMs;
        this.interactions = interactions;
        this.neighbors = neighbors;
    }

    /**
     * Adds one pair with another product.
     *
     * @param neighbor       key of the other product.
     * @param togetherWeight weight added to "seen together".
     * @param boughtWeight   weight added to "bought together".
     * @param atMs           when.
     * @param halfLifeMs     co-occurrence half-life.
     * @param capacity       neighbours tracked.
     * @return this.
     */
    public ItemStats addPair(final long neighbor, final double togetherWeight, final double boughtWeight,
        final long atMs, final long halfLifeMs, final int capacity)
    {
        if (neighbors == null)
        {
            neighbors = new Neighbors(capacity);
        }
        neighbors.add(neighbor, togetherWeight, boughtWeight, atMs, halfLifeMs);
        interactions++;
        return this;
    }

    /**
     * Adds one transition from this product to the product viewed after it in a session.
     *
     * @param follower   key of the product viewed next.
     * @param weight     weight of the transition (1 for the product viewed right after).
     * @param atMs       when.
     * @param halfLifeMs decay half-life (the co-occurrence one).
     * @param capacity   followers tracked.
     * @return this.
     */
    public ItemStats addTransition(final long follower, final double weight, final long atMs, final long halfLifeMs,
        final int capacity)
    {
        if (followers == null)
        {
            followers = new Neighbors(capacity);
        }
        followers.add(follower, weight, 0.0, atMs, halfLifeMs);
        interactions++;
        return this;
    }

    /**
     * The products viewed next after this one, time-decayed: a bounded row of the transition matrix, the
     * {@link Neighbors#together(int) together} weights holding the transitions, its total every transition from
     * this product.
     *
     * @return the row, or {@code null} when none.
     */
    public Neighbors followers()
    {
        return followers;
    }

    /**
     * Sets the followers, as read back from a binary form.
     *
     * @param row the row, or {@code null}.
     * @return this.
     */
    public ItemStats followers(final Neighbors row)
    {
        this.followers = row;
        return this;
    }

    /**
     * Adds one observed time from first interest to purchase.
     *
     * @param delayMs the delay.
     * @return this.
     */
    public ItemStats addTimeToPurchase(final long delayMs)
    {
        if (timeToPurchase == null)
        {
            timeToPurchase = new TimeToPurchase();
        }
        timeToPurchase.add(delayMs);
        interactions++;
        return this;
    }

    /**
     * How long shoppers took from first interest to buying this product.
     *
     * @return the distribution, or {@code null} when no purchase after an observed interest was seen.
     */
    public TimeToPurchase timeToPurchase()
    {
        return timeToPurchase;
    }

    /**
     * Sets the time-to-purchase distribution, as read back from a binary form.
     *
     * @param distribution the distribution, or {@code null}.
     * @return this.
     */
    public ItemStats timeToPurchase(final TimeToPurchase distribution)
    {
        this.timeToPurchase = distribution;
        return this;
    }

    /**
     * Adds impressions of the product in served lists.
     *
     * @param count how many lists showed it.
     * @param atMs  when.
     * @return this.
     */
    public ItemStats addShown(final int count, final long atMs)
    {
        return addShown(count, Exposure.NO_PLACEMENT, atMs);
    }

    /**
     * Adds impressions of the product in served lists of one placement.
     *
     * @param count     how many lists showed it.
     * @param placement the lists' placement ordinal, or {@link Exposure#NO_PLACEMENT}.
     * @param atMs      when.
     * @return this.
     */
    public ItemStats addShown(final int count, final int placement, final long atMs)
    {
        if (exposure == null)
        {
            exposure = new Exposure();
        }
        exposure.addShown(count, placement, atMs);
        return this;
    }

    /**
     * Adds a click on the product.
     *
     * @param atMs when.
     * @return this.
     */
    public ItemStats addClick(final long atMs)
    {
        return addClick(Exposure.NO_PLACEMENT, atMs);
    }

    /**
     * Adds a click on the product in a list of one placement.
     *
     * @param placement the list's placement ordinal, or {@link Exposure#NO_PLACEMENT} when not known.
     * @param atMs      when.
     * @return this.
     */
    public ItemStats addClick(final int placement, final long atMs)
    {
        if (exposure == null)
        {
            exposure = new Exposure();
        }
        exposure.addClick(placement, atMs);
        return this;
    }

    /**
     * How often the product was shown and clicked of late.
     *
     * @return the exposure, or {@code null} when never shown nor clicked.
     */
    public Exposure exposure()
    {
        return exposure;
    }

    /**
     * Sets the exposure, as read back from a binary form.
     *
     * @param shownAndClicked the exposure, or {@code null}.
     * @return this.
     */
    public ItemStats exposure(final Exposure shownAndClicked)
    {
        this.exposure = shownAndClicked;
        return this;
    }

    /**
     * The products this one was seen together with.
     *
     * @return the row, or {@code null} when none.
     */
    public Neighbors neighbors()
    {
        return neighbors;
    }

    /**
     * Adds one observation.
     *
     * @param kind       what was observed.
     * @param weight     how much (units for purchases, 1 for a view).
     * @param atMs       when.
     * @param halfLifeMs decay half-life.
     * @return this.
     */
    public ItemStats add(final PopularityKind kind, final double weight, final long atMs, final long halfLifeMs)
    {
        final double scale = advanceTo(atMs, halfLifeMs);
        final double w = weight * scale;
        switch (kind)
        {
            case VIEW -> views += w;
            case CART -> carts += w;
            case PURCHASE -> purchases += w;
            default -> throw new IllegalArgumentException(kind.name());
        }
        interactions++;
        return this;
    }

    /**
     * Adds another stats' sums into this one.
     *
     * @param other      stats to merge, unchanged.
     * @param halfLifeMs popularity half-life, the same both were built with.
     * @return this.
     */
    public ItemStats merge(final ItemStats other, final long halfLifeMs)
    {
        return merge(other, halfLifeMs, ModelSettings.DEFAULT.cooccurrenceHalfLifeMs());
    }

    /**
     * Adds another stats' sums and neighbours into this one.
     *
     * @param other                stats to merge, unchanged.
     * @param halfLifeMs           popularity half-life.
     * @param cooccurrenceHalfLife co-occurrence half-life.
     * @return this.
     */
    public ItemStats merge(final ItemStats other, final long halfLifeMs, final long cooccurrenceHalfLife)
    {
        advanceTo(other.atMs, halfLifeMs);
        final double f = Decay.factor(atMs - other.atMs, halfLifeMs);
        views += other.views * f;
        carts += other.carts * f;
        purchases += other.purchases * f;
        interactions += other.interactions;
        if (other.neighbors != null)
        {
            if (neighbors == null)
            {
                neighbors = other.neighbors.copy();
            }
            else
            {
                neighbors.merge(other.neighbors, cooccurrenceHalfLife);
            }
        }
        if (other.followers != null)
        {
            if (followers == null)
            {
                followers = other.followers.copy();
            }
            else
            {
                followers.merge(other.followers, cooccurrenceHalfLife);
            }
        }
        if (other.timeToPurchase != null)
        {
            if (timeToPurchase == null)
            {
                timeToPurchase = other.timeToPurchase.copy();
            }
            else
            {
                timeToPurchase.merge(other.timeToPurchase);
            }
        }
        if (other.exposure != null)
        {
            if (exposure == null)
            {
                exposure = other.exposure.copy();
            }
            else
            {
                exposure.merge(other.exposure);
            }
        }
        return this;
    }

    /**
     * Popularity at a time: the weighted decayed sums.
     *
     * @param nowMs      time of interest.
     * @param halfLifeMs decay half-life.
     * @param weights    weight of a view, a cart and a purchase.
     * @return the score, 0 for no interactions.
     */
    public double popularity(final long nowMs, final long halfLifeMs, final PopularityWeights weights)
    {
        final double raw = views * weights.view() + carts * weights.cart() + purchases * weights.purchase();
        return Decay.valueAt(raw, atMs, nowMs, halfLifeMs);
    }

    /**
     * Decayed view sum at {@link #atMs()}.
     *
     * @return the sum.
     */
    public double views()
    {
        return views;
    }

    /**
     * Decayed add-to-cart sum at {@link #atMs()}.
     *
     * @return the sum.
     */
    public double carts()
    {
        return carts;
    }

    /**
     * Decayed purchase sum at {@link #atMs()}.
     *
     * @return the sum.
     */
    public double purchases()
    {
        return purchases;
    }

    /**
     * Time the sums refer to.
     *
     * @return epoch milliseconds.
     */
    public long atMs()
    {
        return atMs;
    }

    /**
     * Count of every interaction ever added, not decayed.
     *
     * @return the count.
     */
    public long interactions()
    {
        return interactions;
    }

    /**
     * Copy of these stats.
     *
     * @return a new instance with the same state.
     */
    public ItemStats copy()
    {
        return new ItemStats(views, carts, purchases, atMs, interactions, neighbors == null ? null : neighbors.copy())
            .timeToPurchase(timeToPurchase == null ? null : timeToPurchase.copy())
            .exposure(exposure == null ? null : exposure.copy())
            .followers(followers == null ? null : followers.copy());
    }

    /** Brings the sums to {@code t} when later; returns the factor for a weight observed at {@code t}. */
    private double advanceTo(final long t, final long halfLifeMs)
    {
        if (t > atMs)
        {
            final double f = Decay.factor(t - atMs, halfLifeMs);
            views *= f;
            carts *= f;
            purchases *= f;
            atMs = t;
            return 1.0;
        }
        return Decay.factor(atMs - t, halfLifeMs);
    }

    @Override
    public String toString()
    {
        return "ItemStats{views=" + views + ", carts=" + carts + ", purchases=" + purchases + ", atMs=" + atMs +
            ", interactions=" + interactions + ", neighbors=" + (neighbors == null ? 0 : neighbors.count()) +
            ", followers=" + (followers == null ? 0 : followers.count()) + '}';
    }
}
