package io.tailor.scoring.segment;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.ActivityLog;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.Hashing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A segment's membership rule: conditions on profile fields and on sliding windows of the shopper's recent
 * events, combined with and, or and not. Evaluated against a profile and the present, so membership follows
 * both new events and the passing of time with no stored state.
 * <pre>
 *   {"and": [{"window": "2d", "type": "purchase", "sum": {"gte": 100000}},
 *            {"not": {"window": "2d", "type": "service", "count": {"gte": 1}}}]}
 * </pre>
 * Category conditions name a category path and hold, once {@link #bind(CatalogSnapshot) bound} to a
 * catalog, the fingerprints of the products within it; a rule is bound again when the catalog changes.
 * Evaluation allocates nothing.
 */
public sealed interface SegmentRule
{
    /**
     * Whether a profile meets the rule now.
     *
     * @param profile the profile.
     * @param nowMs   the present.
     * @return true when it does.
     */
    boolean matches(Profile profile, long nowMs);

    /**
     * This rule with its categories resolved against a catalog.
     *
     * @param catalog the catalog.
     * @return a bound copy (or this, when nothing depends on the catalog).
     */
    SegmentRule bind(CatalogSnapshot catalog);

    /**
     * All of the rules hold.
     *
     * @param rules one or more rules.
     */
    record And(List<SegmentRule> rules) implements SegmentRule
    {
        /**
         * Copies.
         *
         * @param rules the rules.
         */
        public And
        {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(final Profile profile, final long nowMs)
        {
            for (int i = 0, size = rules.size(); i < size; i++)
            {
                if (!rules.get(i).matches(profile, nowMs))
                {
                    return false;
                }
            }
            return true;
        }

        @Override
        public SegmentRule bind(final CatalogSnapshot catalog)
        {
            return new And(bindAll(rules, catalog));
        }
    }

    /**
     * At least one of the rules holds.
     *
     * @param rules one or more rules.
     */
    record Or(List<SegmentRule> rules) implements SegmentRule
    {
        /**
         * Copies.
         *
         * @param rules the rules.
         */
        public Or
        {
            rules = List.copyOf(rules);
        }

        @Override
        public boolean matches(final Profile profile, final long nowMs)
        {
            for (int i = 0, size = rules.size(); i < size; i++)
            {
                if (rules.get(i).matches(profile, nowMs))
                {
                    return true;
                }
            }
            return false;
        }

        @Override
        public SegmentRule bind(final CatalogSnapshot catalog)
        {
            return new Or(bindAll(rules, catalog));
        }
    }

    /**
     * The rule does not hold.
     *
     * @param rule the negated rule.
     */
    record Not(SegmentRule rule) implements SegmentRule
    {
        @Override
        public boolean matches(final Profile profile, final long nowMs)
        {
            return !rule.matches(profile, nowMs);
        }

        @Override
        public SegmentRule bind(final CatalogSnapshot catalog)
        {
            return new Not(rule.bind(catalog));
        }
    }

    /**
     * A count or sum of the shopper's events in the last {@code windowMs}, compared with a threshold.
     * A count of service contacts also sees the profile's last service contact, so "no service contact in the
     * window" stays exact even when the activity log was trimmed.
     *
     * @param measure    count or sum.
     * @param type       event type, or {@code null} for any.
     * @param product    product id to filter by, or {@code null}.
     * @param category   category path to filter by (the category and everything below it), or {@code null}.
     * @param windowMs   window length, 1 minute to {@link ActivityLog#MAX_AGE_MS}.
     * @param comparison how the measure is compared.
     * @param threshold  the threshold.
     * @param products   sorted fingerprints of the products that match; {@code null} for no product filter.
     */
    record Window(Measure measure, EventType type, String product, String category, long windowMs,
        Comparison comparison, double threshold, int[] products) implements SegmentRule
    {
        private static final int[] NONE = new int[0];

        /**
         * A window condition; a product filter is resolved at once, a category filter when bound.
         *
         * @param measure    count or sum.
         * @param type       event type or {@code null}.
         * @param product    product id or {@code null}.
         * @param category   category path or {@code null}.
         * @param windowMs   window length.
         * @param comparison comparison.
         * @param threshold  threshold.
         * @param products   matching fingerprints, or {@code null}.
         */
        public Window
        {
            if (windowMs < ActivityLog.MINUTE_LENGTH_MS || windowMs > ActivityLog.MAX_AGE_MS)
            {
                throw new IllegalArgumentException("window must be 1 minute to 90 days: " + windowMs + " ms");
            }
            if (product != null && category != null)
            {
                throw new IllegalArgumentException("a window filters by product or by category, not both");
            }
            if (products == null && product != null)
            {
                products = new int[] {Profile.impressionFingerprint(Hashing.key(product))};
            }
        }

        /**
         * A window condition not yet bound to a catalog.
         *
         * @param measure    count or sum.
         * @param type       event type or {@code null}.
         * @param product    product id or {@code null}.
         * @param category   category path or {@code null}.
         * @param windowMs   window length.
         * @param comparison comparison.
         * @param threshold  threshold.
         */
        public Window(final Measure measure, final EventType type, final String product, final String category,
            final long windowMs, final Comparison comparison, final double threshold)
        {
            this(measure, type, product, category, windowMs, comparison, threshold, null);
        }

        @Override
        public boolean matches(final Profile profile, final long nowMs)
        {
            final long fromMs = nowMs - windowMs;
            final int[] filter = products == null && category != null ? NONE : products;
            double value;
            if (measure == Measure.COUNT)
            {
                value = ActivityLog.count(profile, type, filter, fromMs);
                if (type == EventType.SERVICE && filter == null && profile.lastServiceAtMs() > fromMs)
                {
                    value = Math.max(value, 1);
                }
            }
            else
            {
                value = ActivityLog.sum(profile, type, filter, fromMs);
            }
            return comparison.test(value, threshold);
        }

        @Override
        public SegmentRule bind(final CatalogSnapshot catalog)
        {
            if (category == null)
            {
                return this;
            }
            return new Window(measure, type, product, category, windowMs, comparison, threshold,
                productsWithin(catalog, category));
        }

        /**
         * Sorted fingerprints of every product in a category or below it.
         *
         * @param catalog  the catalog.
         * @param category category path.
         * @return the fingerprints; empty when the catalog has no such category.
         */
        static int[] productsWithin(final CatalogSnapshot catalog, final String category)
        {
            final int ancestor = catalog.categoryIndexOf(Hashing.key(category));
            if (ancestor == CatalogSnapshot.MISSING)
            {
                return NONE;
            }
            int[] found = new int[64];
            int count = 0;
            for (int item = 0, size = catalog.size(); item < size; item++)
            {
                if (catalog.categoryWithin(catalog.categoryOf(item), ancestor))
                {
                    if (count == found.length)
                    {
                        found = Arrays.copyOf(found, count * 2);
                    }
                    found[count++] = Profile.impressionFingerprint(catalog.key(item));
                }
            }
            final int[] sorted = Arrays.copyOf(found, count);
            Arrays.sort(sorted);
            return sorted;
        }
    }

    /**
     * A condition on a profile field: a number compared with a threshold, an age (time since) compared with a
     * duration, or whether a product was bought.
     *
     * @param field      the field.
     * @param type       event type, for {@link ProfileField#EVENTS}; else {@code null}.
     * @param product    product id, for {@link ProfileField#PURCHASED}; else {@code null}.
     * @param comparison comparison; for ages {@link Comparison#LT} (within) or {@link Comparison#GTE} (older
     *                   than).
     * @param threshold  threshold; for ages a duration in milliseconds.
     */
    record Field(ProfileField field, EventType type, String product, Comparison comparison, double threshold)
        implements SegmentRule
    {
        @Override
        public boolean matches(final Profile profile, final long nowMs)
        {
            return switch (field)
            {
                case SPEND -> comparison.test(profile.spend(), threshold);
                case TYPICAL_PRICE -> comparison.test(profile.priceSamples() > 0 ?
                    Math.exp(profile.priceLogMean()) : 0.0, threshold);
                case EVENTS -> comparison.test(profile.count(type), threshold);
                case LAST_SEEN -> comparison.test(age(profile.isEmpty() ? 0 : profile.updatedAtMs(), nowMs),
                    threshold);
                case FIRST_SEEN -> comparison.test(age(profile.isEmpty() ? 0 : profile.createdAtMs(), nowMs),
                    threshold);
                case LAST_SERVICE_CONTACT -> comparison.test(age(profile.lastServiceAtMs(), nowMs), threshold);
                case PURCHASED -> profile.owns(Hashing.key(product));
            };
        }

        private static double age(final long atMs, final long nowMs)
        {
            return atMs == 0 ? Double.POSITIVE_INFINITY : nowMs - atMs;
        }

        @Override
        public SegmentRule bind(final CatalogSnapshot catalog)
        {
            return this;
        }
    }

    private static List<SegmentRule> bindAll(final List<SegmentRule> rules, final CatalogSnapshot catalog)
    {
        final List<SegmentRule> bound = new ArrayList<>(rules.size());
        for (final SegmentRule rule : rules)
        {
            bound.add(rule.bind(catalog));
        }
        return bound;
    }
}
