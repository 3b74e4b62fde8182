package io.tailor.scoring.model;

import io.tailor.scoring.util.Decay;

/**
 * How often a product was shown in served lists and clicked, as sums that fade with a time constant of one day:
 * at a steady rate of {@code r} a day, each sum tends to {@code r}, so {@link #shownAt(long)} reads as "impressions
 * in about the last day" and the ratio of the two as the product's click-through rate of late. Sums from several
 * nodes merge by adding in any order, like popularity.
 */
public final class Exposure
{
    /** The time constant's half-life: one day times ln 2, about 16.6 hours. */
    public static final long HALF_LIFE_MS = Math.round(86_400_000.0 * Math.log(2.0));

    private double shown;
    private double clicked;
    private long atMs;

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
     * Adds impressions.
     *
     * @param count how many lists showed the product.
     * @param at    when.
     * @return this.
     */
    public Exposure addShown(final int count, final long at)
    {
        // advance first: "shown += count * advanceTo(at)" would add to the value read before the decay
        final double scale = advanceTo(at);
        shown += count * scale;
        return this;
    }

    /**
     * Adds a click.
     *
     * @param at when.
     * @return this.
     */
    public Exposure addClick(final long at)
    {
        final double scale = advanceTo(at);
        clicked += scale;
        return this;
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
        return new Exposure(shown, clicked, atMs);
    }

    /** Brings the sums to {@code t} when later; returns the factor for a weight observed at {@code t}. */
    private double advanceTo(final long t)
    {
        if (t > atMs)
        {
            final double f = Decay.factor(t - atMs, HALF_LIFE_MS);
            shown *= f;
            clicked *= f;
            atMs = t;
            return 1.0;
        }
        return Decay.factor(atMs - t, HALF_LIFE_MS);
    }
}
