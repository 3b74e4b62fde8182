package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.profile.ImpressionCounts;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentSource;
import io.tailor.scoring.util.Hashing;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.collections.LongHashSet;

import java.util.Arrays;

/**
 * Stage 2, exclusions and rules: what may not be recommended to this shopper here, and why. {@link #prepare}
 * marks the request's own products and exclusions, the shopper's dislikes, the blocks of segments the shopper
 * is in (handing their pins to {@link PinnedProducts}), purchases not due for replenishment and products touched
 * within the recent-exclusion window; {@link #rejection} then checks every rule for one product, in one place,
 * so that pinned products and every candidate source obey the same rules.
 * <p>
 * Rules in order: marked exclusions, store blocks, stock, sensitive products outside their category, the
 * request's category filter, everything ever bought (the profile's filter) unless replenishable, the frequency
 * cap. The marks are per request (a stamp, no clearing) and sized to the catalog: no allocation once grown.
 * A placement that re-shows viewed products ({@link RecentlyViewed}) spares views and clicks the recent exclusion,
 * and only that rule.
 */
final class Exclusions
{
    /** {@link RuleKind#values()} once: each call of values() copies the array. */
    private static final RuleKind[] RULES = RuleKind.values();

    private final SegmentSource segments;
    private final LongHashSet blockedKeys = new LongHashSet();
    private final Long2LongHashMap replenishIntervals = new Long2LongHashMap(-1L);
    private final int capImpressions;
    private final long capWindowMs;
    private final long recentExclusionMs;
    /** Per placement ordinal: whether views are spared the recent exclusion ({@link RecentlyViewed}). */
    private final boolean[] reshowViewed = new boolean[Placement.values().length];

    private int stamp;
    private int[] excluded = new int[0];
    private byte[] excludedBy = new byte[0];
    /** Fingerprints of the products the shopper was shown as often as the cap allows, in its window. */
    private final FingerprintSet capped = new FingerprintSet(ImpressionCounts.MAX_SEEN);
    private Profile shopper;
    private long nowMs;
    private int allowedSensitiveCategory;

    /**
     * Rules of the settings and of the segments in force.
     *
     * @param settings ranking settings: store blocks, replenishment, frequency cap, recent exclusion.
     * @param segments segments whose members get products blocked (or pinned).
     */
    Exclusions(final RankingSettings settings, final SegmentSource segments)
    {
        this.segments = segments;
        this.recentExclusionMs = settings.recentExclusion().toMillis();
        this.capImpressions = settings.frequencyCap().maxImpressions();
        this.capWindowMs = settings.frequencyCap().window().toMillis();
        for (final Placement placement : Placement.values())
        {
            reshowViewed[placement.ordinal()] = settings.reshowViewedFor(placement) > 0f;
        }
        final MerchandisingRules rules = settings.rules();
        for (final String id : rules.blocked())
        {
            blockedKeys.add(Hashing.key(id));
        }
        rules.replenishable().forEach((path, interval) ->
            replenishIntervals.put(Hashing.key(path), interval.toMillis()));
    }

    /**
     * Marks this request's exclusions and collects the segment pins of the shopper's segments.
     *
     * @param catalog                  the request's catalog.
     * @param profile                  the consented profile, or {@code null}.
     * @param request                  the request.
     * @param allowedSensitiveCategory the request's {@link #allowedSensitiveCategory(CatalogSnapshot,
     *                                 RecommendationRequest)}.
     * @param pins                     receives the pins of the segments the shopper is in.
     */
    void prepare(final CatalogSnapshot catalog, final Profile profile, final RecommendationRequest request,
        final int allowedSensitiveCategory, final PinnedProducts pins)
    {
        grow(catalog.size());
        nowMs = request.nowMs();
        this.allowedSensitiveCategory = allowedSensitiveCategory;
        shopper = profile != null && profile.hasHistory() ? profile : null;
        for (int c = 0; c < request.contextCount(); c++)
        {
            exclude(request.contextAt(c), RuleKind.REQUEST);
        }
        for (int e = 0; e < request.excludedCount(); e++)
        {
            exclude(request.excludedAt(e), RuleKind.REQUEST);
        }
        if (profile != null && (profile.hasHistory() || !profile.preferences().isEmpty()))
        {
            excludeDisliked(profile, catalog);
            applySegments(profile, catalog, pins);
            for (int i = 0, owned = profile.ownedCount(); i < owned; i++)
            {
                final int item = catalog.indexOf(profile.ownedKey(i));
                if (item != CatalogSnapshot.MISSING && !dueForReplenishment(catalog, item, profile.ownedAtMs(i)))
                {
                    exclude(item, RuleKind.PURCHASED);
                }
            }
            final boolean reshow = reshowViewed[request.placement().ordinal()];
            for (int i = profile.recentCount() - 1; i >= 0 && nowMs - profile.recentAtMs(i) < recentExclusionMs; i--)
            {
                final int item = catalog.indexOf(profile.recentKey(i));
                if (item != CatalogSnapshot.MISSING && excluded[item] != stamp &&
                    !(reshow && RecentlyViewed.viewed(profile.recentType(i))))
                {
                    exclude(item, RuleKind.RECENTLY_SEEN);
                }
            }
        }
        capped.clear();
        if (profile != null && capImpressions > 0)
        {
            final ImpressionCounts impressions = profile.impressions();
            for (int i = 0, shown = impressions.size(); i < shown; i++)
            {
                if (impressions.countAt(i) >= capImpressions && nowMs - impressions.sinceMs(i) < capWindowMs)
                {
                    capped.add(impressions.fingerprint(i));
                }
            }
        }
    }

    /**
     * The one category whose sensitive products may be used in a request, as signals or candidates: the page
     * product's, else the category filter's.
     *
     * @param catalog the request's catalog.
     * @param request the request.
     * @return a category index or {@link CatalogSnapshot#MISSING}.
     */
    static int allowedSensitiveCategory(final CatalogSnapshot catalog, final RecommendationRequest request)
    {
        final int context = request.contextItem();
        return context != CatalogSnapshot.MISSING ? catalog.categoryOf(context) : request.categoryFilter();
    }

    /**
     * The prepared request's {@link #allowedSensitiveCategory(CatalogSnapshot, RecommendationRequest)}.
     *
     * @return a category index or {@link CatalogSnapshot#MISSING}.
     */
    int allowedSensitiveCategory()
    {
        return allowedSensitiveCategory;
    }

    /**
     * Whether {@link #prepare} marked the product (request, dislike, segment, purchase, recently seen).
     *
     * @param item product index.
     * @return true when marked excluded for this request.
     */
    boolean excluded(final int item)
    {
        return excluded[item] == stamp;
    }

    /**
     * Why a product of a list the storefront supplied ({@link Recommender#rerank}) must leave it, or {@code null}:
     * the rules that hold on any page - asked to leave out, disliked, blocked (for the store or a segment), out
     * of stock, purchased, shown as often as the frequency cap allows. Not the recent exclusion (a search may
     * well find what the shopper just viewed), nor the sensitive-category and category-filter rules (the
     * storefront chose the list).
     *
     * @param catalog the request's catalog.
     * @param item    product index.
     * @return the first rule that removes the product, or {@code null}.
     */
    RuleKind rejectionOfSupplied(final CatalogSnapshot catalog, final int item)
    {
        if (excluded[item] == stamp && excludedBy[item] != RuleKind.RECENTLY_SEEN.ordinal())
        {
            return RULES[excludedBy[item]];
        }
        final long key = catalog.key(item);
        if (!blockedKeys.isEmpty() && blockedKeys.contains(key))
        {
            return RuleKind.BLOCKED;
        }
        if (!catalog.inStock(item))
        {
            return RuleKind.OUT_OF_STOCK;
        }
        if (shopper != null && shopper.ownedFilterContains(key) && replenishInterval(catalog, item) < 0)
        {
            return RuleKind.PURCHASED;
        }
        if (capped.size() > 0 && capped.contains(Profile.impressionFingerprint(key)))
        {
            return RuleKind.FREQUENCY_CAP;
        }
        return null;
    }

    /**
     * Why a product cannot be recommended, or {@code null}: every rule that filters candidates, checked in one
     * place so that pinned items obey them too.
     *
     * @param catalog the request's catalog.
     * @param item    product index.
     * @param filter  the request's category filter, or {@link CatalogSnapshot#MISSING}.
     * @return the first rule that rejects the product, or {@code null}.
     */
    RuleKind rejection(final CatalogSnapshot catalog, final int item, final int filter)
    {
        if (excluded[item] == stamp)
        {
            return RULES[excludedBy[item]];
        }
        final long key = catalog.key(item);
        if (!blockedKeys.isEmpty() && blockedKeys.contains(key))
        {
            return RuleKind.BLOCKED;
        }
        if (!catalog.inStock(item))
        {
            return RuleKind.OUT_OF_STOCK;
        }
        if (!signalAllowed(catalog, item, allowedSensitiveCategory))
        {
            return RuleKind.SENSITIVE;
        }
        if (filter != CatalogSnapshot.MISSING && !catalog.categoryWithin(catalog.categoryOf(item), filter))
        {
            return RuleKind.CATEGORY_FILTER;
        }
        if (shopper != null && shopper.ownedFilterContains(key) && replenishInterval(catalog, item) < 0)
        {
            return RuleKind.PURCHASED;
        }
        if (capped.size() > 0 && capped.contains(Profile.impressionFingerprint(key)))
        {
            return RuleKind.FREQUENCY_CAP;
        }
        return null;
    }

    /**
     * A sensitive product is used, as a signal or a candidate, only within its own category.
     *
     * @param catalog         the catalog.
     * @param item            product index.
     * @param allowedCategory the request's {@link #allowedSensitiveCategory()}.
     * @return whether the product may be used.
     */
    static boolean signalAllowed(final CatalogSnapshot catalog, final int item, final int allowedCategory)
    {
        return !catalog.sensitive(item) ||
            (allowedCategory != CatalogSnapshot.MISSING && catalog.categoryWithin(catalog.categoryOf(item),
                allowedCategory));
    }

    private void grow(final int size)
    {
        if (excluded.length < size)
        {
            final int capacity = Math.max(size, excluded.length * 2);
            excluded = new int[capacity];
            excludedBy = new byte[capacity];
            stamp = 0;
        }
        if (++stamp == Integer.MAX_VALUE)
        {
            Arrays.fill(excluded, 0);
            stamp = 1;
        }
    }

    /** Products the shopper said they never want to see. */
    private void excludeDisliked(final Profile profile, final CatalogSnapshot catalog)
    {
        for (int i = 0, disliked = profile.preferences().dislikedCount(); i < disliked; i++)
        {
            final int item = catalog.indexOf(profile.preferences().dislikedKey(i));
            if (item != CatalogSnapshot.MISSING)
            {
                exclude(item, RuleKind.DISLIKED);
            }
        }
    }

    /** Blocked and pinned products of the segments with such rules that the shopper is a member of now. */
    private void applySegments(final Profile profile, final CatalogSnapshot catalog, final PinnedProducts pins)
    {
        final Segment[] treating = segments.current().treating();
        for (int s = 0; s < treating.length; s++)
        {
            final Segment segment = treating[s];
            if (!segment.member(profile, nowMs))
            {
                continue;
            }
            final long[] blocked = segment.blockedKeys();
            for (int i = 0; i < blocked.length; i++)
            {
                final int item = catalog.indexOf(blocked[i]);
                if (item != CatalogSnapshot.MISSING)
                {
                    exclude(item, RuleKind.SEGMENT);
                }
            }
            pins.addSegmentPins(segment.pinnedKeys());
        }
    }

    private void exclude(final int item, final RuleKind rule)
    {
        excluded[item] = stamp;
        excludedBy[item] = (byte)rule.ordinal();
    }

    /** Whether a purchase in a replenishable category is old enough to be recommended again. */
    private boolean dueForReplenishment(final CatalogSnapshot catalog, final int item, final long boughtAtMs)
    {
        final long interval = replenishInterval(catalog, item);
        return interval >= 0 && nowMs - boughtAtMs >= interval;
    }

    /** Replenishment interval of a product's category or its closest configured ancestor; -1 for none. */
    private long replenishInterval(final CatalogSnapshot catalog, final int item)
    {
        if (replenishIntervals.isEmpty())
        {
            return -1L;
        }
        for (int c = catalog.categoryOf(item); c != CatalogSnapshot.MISSING; c = catalog.categoryParent(c))
        {
            final long interval = replenishIntervals.get(catalog.categoryKey(c));
            if (interval >= 0)
            {
                return interval;
            }
        }
        return -1L;
    }
}
