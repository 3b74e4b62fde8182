package io.tailor.scoring.model;

import io.tailor.scoring.util.Decay;

/**
 * How often a product was shown in served lists and clicked, as sums that fade with a time constant of one day:
 * at a steady rate of {@code r} a day, each sum tends to {@code r}, so {@link #shownAt(long)} reads as "impressions
 * in about the last day" and the ratio of the two as the product's click-through rate of late. Sums from several
 * nodes merge by adding in any order, like popularity.
 * <p>
 * Click-through differs by placement (a shopper on a product page clicks other things than one on the home page), so
 * the sums are kept per placement too, by the placement's ordinal ({@code io.tailor.scoring.rank.Placement}, a layer
 * above this one: {@link #PLACEMENTS} of them). The pooled sums {@link #shownAt(long)} and {@link #clickedAt(long)}
 * hold everything: each placement's, and the clicks whose placement is unknown ({@link #NO_PLACEMENT}: a click sent
 * without a {@code requestId} for a product no list showed that shopper lately), which count for the product only.
 * The per-placement sums take no room until a placement is first known (records of the format before them, and
 * products only ever clicked from outside a list, have none).
 */
public final class Exposure
{
    /** The time constant's half-life: one day times ln 2, about 16.6 hours. */
    public static final long HALF_LIFE_MS = Math.round(86_400_000.0 * Math.log(2.0));
    /** Placements whose sums are kept apart: the ordinals of {@code Placement} (home, product, cart, email). */
    public static final int PLACEMENTS = 4;
    /** The placement of a signal that came from no known list: counted in the pooled sums only. */
    public static final int NO_PLACEMENT = -1;

    private double shown;
    private double clicked;
    private long atMs;
    /** Per placement ordinal, at {@link #atMs}; {@code null} until a signal with a placement. */
    private double[] placementShown;
    private double[] placementClicked;

    /** Nothing shown yet. */
    public Exposure()
    {
    }

    /**
     * Exposure with the given state, as read back from a binary form.
     *
     * @param shown   decayed impression sum at {@code atMs}.
     * @param clicked decayed click sum at {@code atMs}.
     * @param atMs    time the sums refer to.
     */
    public Exposure(final double shown, final double clicked, final long atMs)
    {
        this.shown = shown;
        this.clicked = clicked;
        this.atMs = atMs;
    }

    /**
     * Exposure with the given state and per-placement sums, as read back from a binary form.
     *
     * @param shown            decayed impression sum at {@code atMs}, all placements.
     * @param clicked          decayed click sum at {@code atMs}, all placements and none.
     * @param atMs             time the sums refer to.
     * @param placementShown   decayed impression sums by placement ordinal, {@link #PLACEMENTS} long, or
     *                         {@code null} for none; kept, not copied.
     * @param placementClicked decayed click sums by placement ordinal, as {@code placementShown}.
     */
    public Exposure(final double shown, final double clicked, final long atMs, final double[] placementShown,
        final double[] placementClicked)
    {
        this(shown, clicked, atMs);
        if ((placementShown == null) != (placementClicked == null) ||
            placementShown != null && (placementShown.length != PLACEMENTS || placementClicked.length != PLACEMENTS))
        {
            throw new IllegalArgumentException("per-placement sums must both be " + PLACEMENTS + " long or null");
        }
        this.placementShown = placementShown;
        this.placementClicked = placementClicked;
    }

    /**
     * Adds impressions whose placement is not known (counted in the pooled sum only).
     *
     * @param count how many lists showed the product.
     * @param at    when.
     * @return this.
     */
    public Exposure addShown(final int count, final long at)
    {
        return addShown(count, NO_PLACEMENT, at);
    }

    /**
     * Adds impressions on a placement.
     *
     * @param count     how many lists showed the product.
     * @param placement the lists' placement ordinal, or {@link #NO_PLACEMENT}.
     * @param at        when.
     * @return this.
     */
    public Exposure addShown(final int count, final int placement, final long at)
    {
        // advance first: "shown += count * advanceTo(at)" would add to the value read before the decay
        final double scale = advanceTo(at);
        shown += count * scale;
        if (known(placement))
        {
            placementShown[placement] += count * scale;
        }
        return this;
    }

    /**
     * Adds a click whose placement is not known (counted in the pooled sum only).
     *
     * @param at when.
     * @return this.
     */
    public Exposure addClick(final long at)
    {
        return addClick(NO_PLACEMENT, at);
    }

    /**
     * Adds a click on a placement.
     *
     * @param placement the placement ordinal of the list clicked, or {@link #NO_PLACEMENT}.
     * @param at        when.
     * @return this.
     */
    public Exposure addClick(final int placement, final long at)
    {
        final double scale = advanceTo(at);
        clicked += scale;
        if (known(placement))
        {
            placementClicked[placement] += scale;
        }
        return this;
    }

    /** Whether a placement ordinal is one of the {@link #PLACEMENTS}; makes room for the sums when it is. */
    private boolean known(final int placement)
    {
        if (placement < 0 || placement >= PLACEMENTS)
        {
            return false;
        }
        if (placementShown == null)
        {
            placementShown = new double[PLACEMENTS];
            placementClicked = new double[PLACEMENTS];
        }
        return true;
    }

    /**
     * Adds another exposure's sums.
     *
     * @param other exposure to add, unchanged.
     * @return this.
     */
    public Exposure merge(final Exposure other)
    {
        advanceTo(other.atMs);
        final double f = Decay.factor(atMs - other.atMs, HALF_LIFE_MS);
        shown += other.shown * f;
        clicked += other.clicked * f;
        if (other.placementShown != null)
        {
            known(0);
            for (int p = 0; p < PLACEMENTS; p++)
            {
                placementShown[p] += other.placementShown[p] * f;
                placementClicked[p] += other.placementClicked[p] * f;
            }
        }
        return this;
    }

    /**
     * Impressions in about the last day, seen from a time.
     *
     * @param nowMs time of interest.
     * @return the decayed sum.
     */
    public double shownAt(final long nowMs)
    {
        return Decay.valueAt(shown, atMs, nowMs, HALF_LIFE_MS);
    }

    /**
     * Clicks in about the last day, seen from a time.
     *
     * @param nowMs time of interest.
     * @return the decayed sum.
     */
    public double clickedAt(final long nowMs)
    {
        return Decay.valueAt(clicked, atMs, nowMs, HALF_LIFE_MS);
    }

    /**
     * Impressions on one placement in about the last day, seen from a time.
     *
     * @param placement placement ordinal.
     * @param nowMs     time of interest.
     * @return the decayed sum, 0 when none is known for the placement.
     */
    public double shownAt(final int placement, final long nowMs)
    {
        return placementShown == null ? 0.0 : Decay.valueAt(placementShown[placement], atMs, nowMs, HALF_LIFE_MS);
    }

    /**
     * Clicks on one placement in about the last day, seen from a time.
     *
     * @param placement placement ordinal.
     * @param nowMs     time of interest.
     * @return the decayed sum, 0 when none is known for the placement.
     */
    public double clickedAt(final int placement, final long nowMs)
    {
        return placementClicked == null ? 0.0 : Decay.valueAt(placementClicked[placement], atMs, nowMs, HALF_LIFE_MS);
    }

    /**
     * Whether any sum is kept per placement.
     *
     * @return false while every signal came without a placement.
     */
    public boolean hasPlacements()
    {
        return placementShown != null;
    }

    /**
     * Decayed impression sum of a placement at {@link #atMs()}.
     *
     * @param placement placement ordinal.
     * @return the sum, 0 when none is kept.
     */
    public double shown(final int placement)
    {
        return placementShown == null ? 0.0 : placementShown[placement];
    }

    /**
     * Decayed click sum of a placement at {@link #atMs()}.
     *
     * @param placement placement ordinal.
     * @return the sum, 0 when none is kept.
     */
    public double clicked(final int placement)
    {
        return placementClicked == null ? 0.0 : placementClicked[placement];
    }

    /**
     * Decayed impression sum at {@link #atMs()}.
     *
     * @return the sum.
     */
    public double shown()
    {
        return shown;
    }

    /**
     * Decayed click sum at {@link #atMs()}.
     *
     * @return the sum.
     */
    public double clicked()
    {
        return clicked;
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
     * Copy.
     *
     * @return a new instance with the same state.
     */
    public Exposure copy()
    {
        return new Exposure(shown, clicked, atMs, placementShown == null ? null : placementShown.clone(),
            placementClicked == null ? null : placementClicked.clone());
    }

    /** Brings the sums to {@code t} when later; returns the factor for a weight observed at {@code t}. */
    private double advanceTo(final long t)
    {
        if (t > atMs)
        {
            final double f = Decay.factor(t - atMs, HALF_LIFE_MS);
            shown *= f;
            clicked *= f;
            if (placementShown != null)
            {
                for (int p = 0; p < PLACEMENTS; p++)
                {
                    placementShown[p] *= f;
                    placementClicked[p] *= f;
                }
            }
            atMs = t;
            return 1.0;
        }
        return Decay.factor(atMs - t, HALF_LIFE_MS);
    }
}
