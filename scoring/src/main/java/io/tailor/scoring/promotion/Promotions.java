package io.tailor.scoring.promotion;

import java.util.Collection;
import java.util.List;

/**
 * The promotions in force, as one immutable snapshot the recommenders read with one volatile read.
 */
public final class Promotions
{
    /** None. */
    public static final Promotions EMPTY = new Promotions(List.of());

    private final Promotion[] all;

    /**
     * A snapshot.
     *
     * @param promotions the promotions.
     */
    public Promotions(final Collection<Promotion> promotions)
    {
        this.all = promotions.toArray(new Promotion[0]);
    }

    /**
     * Every promotion.
     *
     * @return the promotions; do not modify.
     */
    public Promotion[] all()
    {
        return all;
    }
}
