package io.tailor.scoring.segment;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemEvidence;
import io.tailor.scoring.model.ItemStats;
import io.tailor.scoring.model.TimeToPurchase;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.WireName;

/**
 * Who is close to buying a product: shoppers who viewed, clicked or carted it, have not bought it, and whose
 * time since that first interest is within the product's usual time to purchase.
 * <p>
 * "Usual" is between the 10th and 90th percentile of the learnt {@link TimeToPurchase} distribution: the
 * product's own once it has {@link #MIN_SAMPLES} purchases, else its category's (then the parent's, then the
 * whole catalog's). With {@code c} the share of interested shoppers who buy at all (purchases per view, or per
 * add-to-cart for a shopper who carted it, smoothed) and {@code F} the distribution, the probability of buying
 * within the usual time, given no purchase after {@code t}, is {@code c (F(p90) - F(t)) / (1 - c F(t))}.
 */
public final class NearPurchase
{
    /** Purchases a distribution needs before it is used on its own. */
    public static final long MIN_SAMPLES = 5;
    /** Share of purchases that came before the usual window opens. */
    public static final double EARLY = 0.1;
    /** Share of purchases that came before the usual window closes. */
    public static final double LATE = 0.9;

    /** Which distribution was used. */
    public enum Basis implements WireName
    {
        /** The product's own purchases. */
        PRODUCT("product"),
        /** Purchases in the product's category (or an ancestor). */
        CATEGORY("category"),
        /** Purchases of any product. */
        CATALOG("catalog");

        private final String wireName;

        Basis(final String wireName)
        {
            this.wireName = wireName;
        }

        /**
         * Name in the API.
         *
         * @return the wire name.
         */
        @Override
        public String wireName()
        {
            return wireName;
        }
    }

    /**
     * One shopper's assessment.
     *
     * @param probability   probability of buying within the usual time, 0 to 1.
     * @param firstInterest when the shopper first viewed, clicked or carted the product, epoch ms.
     * @param carted        whether the shopper carted it.
     */
    public record Assessment(double probability, long firstInterest, boolean carted)
    {
    }

    private final TimeToPurchase distribution;
    private final Basis basis;
    private final long opensMs;
    private final long closesMs;
    private final double viewConversion;
    private final double cartConversion;

    /**
     * An estimator for one product.
     *
     * @param distribution time-to-purchase distribution to use.
     * @param basis        which distribution it is.
     * @param stats        the product's stats (for its conversion), or {@code null} when none.
     */
    public NearPurchase(final TimeToPurchase distribution, final Basis basis, final ItemStats stats)
    {
        this(distribution, basis, Math.min(0.99, (purchases(stats) + 1.0) / ((stats == null ? 0 : stats.views()) +
            10.0)), Math.min(0.99, (purchases(stats) + 1.0) / ((stats == null ? 0 : stats.carts()) + 3.0)));
    }

    /**
     * An estimator with given conversion rates, as sent to the grid members that assess the shoppers.
     *
     * @param distribution   time-to-purchase distribution to use.
     * @param basis          which distribution it is.
     * @param viewConversion share of viewers who buy.
     * @param cartConversion share of shoppers who carted it who buy.
     */
    public NearPurchase(final TimeToPurchase distribution, final Basis basis, final double viewConversion,
        final double cartConversion)
    {
        this.distribution = distribution;
        this.basis = basis;
        this.opensMs = distribution.quantile(EARLY);
        this.closesMs = distribution.quantile(LATE);
        this.viewConversion = viewConversion;
        this.cartConversion = cartConversion;
    }

    private static double purchases(final ItemStats stats)
    {
        return stats == null ? 0 : stats.purchases();
    }

    /**
     * Share of the product's viewers who buy it (smoothed).
     *
     * @return 0 to 0.99.
     */
    public double viewConversion()
    {
        return viewConversion;
    }

    /**
     * Share of the shoppers who carted the product who buy it (smoothed).
     *
     * @return 0 to 0.99.
     */
    public double cartConversion()
    {
        return cartConversion;
    }

    /**
     * The distribution for a product: its own with enough purchases, else its category's or an ancestor's,
     * else the whole catalog's.
     *
     * @param catalog  the catalog.
     * @param item     product index.
     * @param evidence per-product stats.
     * @return an estimator, or {@code null} when no purchase after an observed interest was ever seen.
     */
    public static NearPurchase forProduct(final CatalogSnapshot catalog, final int item, final ItemEvidence evidence)
    {
        final ItemStats own = evidence.stats(catalog.key(item));
        if (own != null && own.timeToPurchase() != null && own.timeToPurchase().count() >= MIN_SAMPLES)
        {
            return new NearPurchase(own.timeToPurchase(), Basis.PRODUCT, own);
        }
        for (int c = catalog.categoryOf(item); c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
        {
            final TimeToPurchase within = sumWithin(catalog, c, evidence);
            if (within.count() >= MIN_SAMPLES)
            {
                return new NearPurchase(within, Basis.CATEGORY, own);
            }
        }
        final TimeToPurchase all = sumWithin(catalog, CatalogSnapshot.MISSING, evidence);
        return all.count() == 0 ? null : new NearPurchase(all, Basis.CATALOG, own);
    }

    private static TimeToPurchase sumWithin(final CatalogSnapshot catalog, final int category,
        final ItemEvidence evidence)
    {
        final TimeToPurchase sum = new TimeToPurchase();
        for (int i = 0, size = catalog.size(); i < size; i++)
        {
            if (category != CatalogSnapshot.MISSING && !catalog.categoryWithin(catalog.categoryOf(i), category))
            {
                continue;
            }
            final ItemStats stats = evidence.stats(catalog.key(i));
            if (stats != null && stats.timeToPurchase() != null)
            {
                sum.merge(stats.timeToPurchase());
            }
        }
        return sum;
    }

    /**
     * Assesses a shopper.
     *
     * @param profile    the shopper's profile.
     * @param productKey the product's key.
     * @param nowMs      the present.
     * @return the assessment, or {@code null} when the shopper is not near buying it (no interest on record,
     *     bought it already, or outside the usual window).
     */
    public Assessment assess(final Profile profile, final long productKey, final long nowMs)
    {
        final int recent = profile.recentIndexOf(productKey);
        if (recent < 0 || profile.owns(productKey))
        {
            return null;
        }
        final EventType type = profile.recentType(recent);
        if (type != EventType.VIEW && type != EventType.CLICK && type != EventType.ADD_TO_CART &&
            type != EventType.RATING)
        {
            return null;
        }
        final long first = profile.recentFirstAtMs(recent);
        final long elapsed = nowMs - first;
        if (elapsed < opensMs || elapsed > closesMs)
        {
            return null;
        }
        final boolean carted = type == EventType.ADD_TO_CART;
        final double c = carted ? cartConversion : viewConversion;
        final double f = distribution.cdf(elapsed);
        final double probability = c * Math.max(0.0, distribution.cdf(closesMs) - f) / (1.0 - c * f);
        return new Assessment(Math.min(1.0, probability), first, carted);
    }

    /**
     * The distribution used.
     *
     * @return the distribution.
     */
    public TimeToPurchase distribution()
    {
        return distribution;
    }

    /**
     * Which distribution is used.
     *
     * @return the basis.
     */
    public Basis basis()
    {
        return basis;
    }

    /**
     * When the usual window opens, after the first interest.
     *
     * @return milliseconds (the 10th percentile).
     */
    public long opensMs()
    {
        return opensMs;
    }

    /**
     * When the usual window closes, after the first interest.
     *
     * @return milliseconds (the 90th percentile).
     */
    public long closesMs()
    {
        return closesMs;
    }

    /**
     * A human phrase for a duration, e.g. "3 hours", "2 days".
     *
     * @param ms milliseconds.
     * @return the phrase.
     */
    public static String duration(final long ms)
    {
        final long minutes = Math.max(0, ms / 60_000L);
        if (minutes < 60)
        {
            return minutes == 1 ? "1 minute" : minutes + " minutes";
        }
        final long hours = minutes / 60;
        if (hours < 48)
        {
            return hours == 1 ? "1 hour" : hours + " hours";
        }
        return hours / 24 + " days";
    }

    /**
     * Why a shopper is in the audience, for a marketer.
     *
     * @param assessment the shopper's assessment.
     * @param nowMs      the present.
     * @return e.g. "carted it 2 days ago; 80% of purchases come 1 day to 4 days after the first view".
     */
    public String reason(final Assessment assessment, final long nowMs)
    {
        return (assessment.carted() ? "carted" : "viewed") + " it " + duration(nowMs - assessment.firstInterest()) +
            " ago and has not bought it; 80% of purchases" + (basis == Basis.PRODUCT ? "" : basis == Basis.CATEGORY ?
            " in its category" : " in the store") + " come " + duration(opensMs) + " to " + duration(closesMs) +
            " after the first view";
    }
}
