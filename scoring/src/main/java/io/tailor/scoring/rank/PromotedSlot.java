package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.promotion.PromotionSource;
import io.tailor.scoring.segment.Segment;
import io.tailor.scoring.segment.SegmentSource;

/**
 * Stage 6c, promotions: at most one slot of a list (per placement, {@link ExplorationSettings#promotionSlotsFor})
 * goes to a product of a promotion with an exposure target that is behind its schedule ({@link Promotion#owed}),
 * shown on this placement and whose audience the shopper is in. Of several such promotions the one furthest behind
 * relative to its target is served; of its products, the one this shopper's ranking scores highest among those
 * that pass every rule of {@link Exclusions} (stock, frequency cap, purchased, sensitive, category filter,
 * dislikes, blocks). When the ranking already put one of its products in the list, that place becomes the promoted
 * slot and nothing is displaced (the impression is the promotion's all the same, and the frequency cap is not spent
 * twice); otherwise the product takes the list's last place that is neither pinned nor the exploration slot's.
 * <p>
 * Pacing is the promotion's: ahead of the schedule no list serves it, so the impressions spread over the period.
 * The server counts an impression when the list is shown ({@code PromotionDelivery}). Allocation-free; one
 * instance per recommender (per thread).
 */
final class PromotedSlot
{
    /** Most products of one promotion looked at per list. */
    private static final int SCANNED_PER_PROMOTION = 64;

    private final ExplorationSettings settings;
    private final PromotionSource promotions;
    private final SegmentSource segments;
    /** Rotates where a large promotion's scan starts. */
    private int rotation;
    /** Where {@link #bestProduct} found a product of the promotion already listed, or -1. */
    private int listedAt;

    /**
     * The stage.
     *
     * @param settings   ranking settings: the promoted slots per placement.
     * @param promotions the promotions in force.
     * @param segments   the segments in force, for audiences naming one.
     */
    PromotedSlot(final RankingSettings settings, final PromotionSource promotions, final SegmentSource segments)
    {
        this.settings = settings.exploration();
        this.promotions = promotions;
        this.segments = segments;
    }

    /**
     * Puts a promoted product into the list's promoted slot when the placement has one and a promotion is owed.
     *
     * @param model      the item model.
     * @param profile    the shopper's profile when it may be used, else {@code null}.
     * @param request    the request.
     * @param interests  the shopper's interests, prepared for this request.
     * @param exclusions the request's rules, prepared.
     * @param scorer     the request's scorer, prepared.
     * @param out        the selected list, exploration slot filled.
     */
    void fill(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final ShopperInterests interests, final Exclusions exclusions, final Scorer scorer, final Recommendation out)
    {
        final Promotion[] all = promotions.current().all();
        if (all.length == 0 || !request.promotions() || settings.promotionSlotsFor(request.placement()) == 0 ||
            request.k() < 2)
        {
            return;
        }
        final long nowMs = request.nowMs();
        final int placement = request.placement().ordinal();
        Promotion chosen = null;
        int chosenItem = -1;
        int chosenAt = -1;
        float chosenScore = 0f;
        double chosenBehind = 0.0;
        rotation++;
        for (final Promotion promotion : all)
        {
            if (!promotion.shownOn(placement))
            {
                continue;
            }
            final double owed = promotion.owed(nowMs);
            if (owed <= 0.0)
            {
                continue;
            }
            final double behind = owed / promotion.target();
            if (behind <= chosenBehind || !inAudience(promotion, model.catalog(), profile, request, interests))
            {
                continue;
            }
            final int item = bestProduct(promotion, model, request, exclusions, scorer, out);
            if (item >= 0 || listedAt >= 0)
            {
                chosen = promotion;
                chosenItem = item;
                chosenAt = listedAt;
                chosenScore = item >= 0 ? scorer.score(model, item) : 0f;
                chosenBehind = behind;
            }
        }
        if (chosen != null && chosenAt >= 0)
        {
            out.promoteInPlace(chosenAt, chosen);
        }
        else if (chosen != null)
        {
            out.promote(chosenItem, chosenScore, request.k(), chosen);
        }
    }

    /** Whether the shopper (or the page) is in the promotion's audience. */
    private boolean inAudience(final Promotion promotion, final CatalogSnapshot catalog, final Profile profile,
        final RecommendationRequest request, final ShopperInterests interests)
    {
        if (promotion.segment() != null)
        {
            final Segment segment = segments.current().get(promotion.segment());
            if (segment == null || !segment.member(profile, request.nowMs()))
            {
                return false;
            }
        }
        final long[] categories = promotion.categoryKeys();
        final long[] brands = promotion.brandKeys();
        if (categories.length == 0 && brands.length == 0)
        {
            return true;
        }
        final int context = request.contextItem();
        for (final long key : categories)
        {
            final int category = catalog.categoryIndexOf(key);
            if (category == CatalogSnapshot.MISSING)
            {
                continue;
            }
            // affinities reach a category's ancestors, so an interest below the audience's category counts
            if (interests.categoryAffinity()[category] > 0f || interests.likesCategory(category) ||
                context != CatalogSnapshot.MISSING && catalog.categoryWithin(catalog.categoryOf(context), category))
            {
                return true;
            }
        }
        for (final long key : brands)
        {
            final int brand = catalog.brandIndexOf(key);
            if (brand == CatalogSnapshot.MISSING)
            {
                continue;
            }
            if (interests.brandAffinity()[brand] > 0f || interests.likesBrand(brand) ||
                context != CatalogSnapshot.MISSING && catalog.brandOf(context) == brand)
            {
                return true;
            }
        }
        return false;
    }

    /**
     * The promotion's product this shopper's ranking scores highest among those the rules allow and not listed, or
     * -1; sets {@link #listedAt} to where one of its products is in the list already (not the exploration slot).
     */
    private int bestProduct(final Promotion promotion, final ItemModel model, final RecommendationRequest request,
        final Exclusions exclusions, final Scorer scorer, final Recommendation out)
    {
        final CatalogSnapshot catalog = model.catalog();
        final long[] keys = promotion.productKeys();
        final int length = keys.length;
        final int start = length <= SCANNED_PER_PROMOTION ? 0 : Math.floorMod(rotation * SCANNED_PER_PROMOTION,
            length);
        int best = -1;
        float bestScore = Float.NEGATIVE_INFINITY;
        listedAt = -1;
        for (int n = 0, scanned = Math.min(length, SCANNED_PER_PROMOTION); n < scanned; n++)
        {
            final int item = catalog.indexOf(keys[(start + n) % length]);
            if (item == CatalogSnapshot.MISSING)
            {
                continue;
            }
            final int at = position(item, out);
            if (at >= 0)
            {
                if (at != out.explored())
                {
                    listedAt = at;
                    return -1;
                }
                continue;
            }
            if (exclusions.rejection(catalog, item, request.categoryFilter()) != null)
            {
                continue;
            }
            final float score = scorer.score(model, item);
            if (score > bestScore)
            {
                bestScore = score;
                best = item;
            }
        }
        return best;
    }

    /** Where an item is in the list, or -1. */
    private static int position(final int item, final Recommendation out)
    {
        for (int i = 0; i < out.count(); i++)
        {
            if (out.item(i) == item)
            {
                return i;
            }
        }
        return -1;
    }
}
