package io.tailor.scoring.promotion;

/**
 * A promotion bound for serving: products keyed as the catalog keys them, an audience, the placements whose
 * promoted slot may show it, and an exposure target paced evenly over a period.
 * <p>
 * Pacing: by a time {@code t} of the period the promotion is owed {@code target x (t - from) / (until - from)}
 * impressions ({@link #scheduled(long)}). A list's promoted slot serves a promotion only while it is behind that
 * schedule ({@link #owed(long)} above 0): ahead of it the slot holds back, behind it every matching list serves
 * it, so what is delivered follows the schedule whenever the audience's traffic is large enough, and never passes
 * the target.
 * <p>
 * Audience: a shopper matches when they are interested in one of the categories (an affinity with the category or
 * a category below it, a stated like, or the page's product in it) or one of the brands, if any are given; and
 * are a member of the segment, if one is given. No categories, brands nor segment: every shopper.
 * <p>
 * Immutable but for the {@link PromotionDelivery}, which is kept across redefinitions of the same promotion.
 *
 * @param id            the promotion's id.
 * @param productKeys   the promoted products' keys.
 * @param categoryKeys  keys of the audience's category paths; empty for none.
 * @param brandKeys     keys of the audience's brands; empty for none.
 * @param segment       the audience's segment id, or {@code null}.
 * @param placementMask bit {@code 1 << ordinal} set for each placement it is shown on.
 * @param target        impressions to deliver over the period, at least 1.
 * @param fromMs        start of the period, epoch milliseconds.
 * @param untilMs       end of the period (exclusive), after {@code fromMs}.
 * @param delivery      what it delivered.
 */
public record Promotion(String id, long[] productKeys, long[] categoryKeys, long[] brandKeys, String segment,
    int placementMask, long target, long fromMs, long untilMs, PromotionDelivery delivery)
{
    /**
     * Validates.
     *
     * @param id            id.
     * @param productKeys   product keys.
     * @param categoryKeys  category keys.
     * @param brandKeys     brand keys.
     * @param segment       segment id or {@code null}.
     * @param placementMask placements.
     * @param target        target.
     * @param fromMs        start.
     * @param untilMs       end.
     * @param delivery      delivery counts.
     */
    public Promotion
    {
        if (productKeys.length == 0 || target < 1 || untilMs <= fromMs || delivery == null)
        {
            throw new IllegalArgumentException("a promotion needs products, a target of at least 1, a period " +
                "that ends after it starts, and its delivery counts");
        }
    }

    /** Lifecycle, as {@code GET /v1/promotions/{id}} shows it. */
    public enum State
    {
        /** Before its period. */
        SCHEDULED,
        /** Within its period, target not reached. */
        RUNNING,
        /** Target reached. */
        COMPLETED,
        /** Period over with the target not reached. */
        ENDED;

        /**
         * The name in the API.
         *
         * @return lower case.
         */
        public String wireName()
        {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Impressions the schedule owes by a time: the target times the elapsed share of the period.
     *
     * @param nowMs the time.
     * @return 0 before the period, {@link #target()} after it.
     */
    public double scheduled(final long nowMs)
    {
        if (nowMs <= fromMs)
        {
            return 0.0;
        }
        if (nowMs >= untilMs)
        {
            return target;
        }
        return target * ((double)(nowMs - fromMs) / (untilMs - fromMs));
    }

    /**
     * How far delivery is behind the schedule: what the promoted slot may still serve now.
     *
     * @param nowMs the time.
     * @return impressions owed; 0 or less when on or ahead of the schedule, outside the period, or at the target.
     */
    public double owed(final long nowMs)
    {
        if (nowMs < fromMs || nowMs >= untilMs)
        {
            return 0.0;
        }
        final long delivered = delivery.delivered();
        return delivered >= target ? 0.0 : scheduled(nowMs) - delivered;
    }

    /**
     * Whether a placement's promoted slot may show it.
     *
     * @param placementOrdinal the placement's ordinal.
     * @return true when listed.
     */
    public boolean shownOn(final int placementOrdinal)
    {
        return (placementMask & (1 << placementOrdinal)) != 0;
    }

    /**
     * Where the promotion stands.
     *
     * @param nowMs the time.
     * @return the state.
     */
    public State state(final long nowMs)
    {
        if (delivery.delivered() >= target)
        {
            return State.COMPLETED;
        }
        if (nowMs < fromMs)
        {
            return State.SCHEDULED;
        }
        return nowMs >= untilMs ? State.ENDED : State.RUNNING;
    }
}
