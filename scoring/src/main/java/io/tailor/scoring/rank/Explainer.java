package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemFactors;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.vector.VectorMath;

import java.util.ArrayList;
import java.util.List;

/**
 * Stage 7, explanations: for every listed product, every scoring term that added more than
 * {@link #REASON_THRESHOLD}, as a {@link Reason} with a code and an English phrase ("viewed X 3 minutes ago",
 * "often bought together with X", "popular in shoes"), pinned first, then strongest first. A sensitive product
 * is never named. Only when the request asks: this stage allocates (the reasons and their text).
 */
final class Explainer
{
    /** Smallest contribution to the score that is given as a reason. */
    static final float REASON_THRESHOLD = 0.02f;

    private final ShopperInterests interests;
    private final Exclusions exclusions;
    private final CooccurrenceSignal together;
    private final TransitionSignal transitions;
    private final SessionNeighbourSignal similarSessions;
    private final CollaborativeTaste taste;
    private final Scorer scorer;
    private final RecentlyViewed reshow;

    /**
     * An explainer of the terms the other stages computed.
     *
     * @param interests  the shopper's interests.
     * @param exclusions the request's sensitive-category rule.
     * @param together   the "seen or bought together" signal.
     * @param transitions the "viewed next" signal.
     * @param similarSessions the "similar sessions" signal.
     * @param taste      the collaborative taste.
     * @param scorer     the weights and the terms.
     * @param reshow     the re-shown viewed products and their bonus.
     */
    Explainer(final ShopperInterests interests, final Exclusions exclusions, final CooccurrenceSignal together,
        final TransitionSignal transitions, final SessionNeighbourSignal similarSessions,
        final CollaborativeTaste taste, final Scorer scorer, final RecentlyViewed reshow)
    {
        this.interests = interests;
        this.exclusions = exclusions;
        this.together = together;
        this.transitions = transitions;
        this.similarSessions = similarSessions;
        this.taste = taste;
        this.scorer = scorer;
        this.reshow = reshow;
    }

    /**
     * Adds the reasons of every product in {@code out}.
     *
     * @param model   item model.
     * @param profile the consented profile, or {@code null}.
     * @param request the request.
     * @param out     the selected products.
     */
    void explain(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final Recommendation out)
    {
        final ShopperInterests interests = this.interests;
        final ScoringWeights weights = scorer.weights();
        final long nowMs = scorer.nowMs();
        final int context = request.contextItem();
        final CatalogSnapshot catalog = model.catalog();
        final float[] vectors = model.vectors();
        final int d = interests.dimensions();
        final float priceMean = interests.priceMean();
        for (int n = 0; n < out.count(); n++)
        {
            final int item = out.item(n);
            final int row = item * d;
            final List<Reason> reasons = new ArrayList<>(4);
            final String leaf = catalog.categoryPath(catalog.categoryOf(item));
            if (out.pinned(n))
            {
                reasons.add(new Reason("pinned", "pinned by the store for this placement", 0f, null, null));
            }
            if (out.promoted() == n)
            {
                reasons.add(new Reason("promoted", profile != null && targeted(out.promotion()) ?
                    "promoted by the store to shoppers like you" : "promoted by the store", 0f, null, null,
                    out.promotion().id()));
            }
            if (out.explored() == n)
            {
                // "your interests" only when the slot looked among them (NewArrivalSlot): not for a shopper
                // Tailor knows nothing of, nor for one who withdrew consent
                final String match = out.exploredMatch();
                reasons.add(new Reason("new_arrival", "new in " + leaf + ": shown to shoppers " +
                    (NewArrivalSlot.MATCH_CONTENT.equals(match) ? "who browse products like it " : profile != null &&
                    (interests.hasCategories() || interests.hasLiked()) ? "with your interests " : "") +
                    "while it is new", 0f, null, leaf, null, match));
            }
            final float reshown = reshow.bonus(item);
            if (reshown > 0f)
            {
                reasons.add(new Reason("recently_viewed", "you looked at this " +
                    ago(nowMs - profile.recentAtMs(reshow.recentIndex(item))), reshown, null, null));
            }
            if (interests.hasSession())
            {
                int best = -1;
                float bestValue = 0f;
                for (int s = 0; s < interests.sessionCount(); s++)
                {
                    final int source = interests.sessionItem(s);
                    if (catalog.sensitive(source))
                    {
                        continue;
                    }
                    final float value =
                        interests.sessionWeight(s) * VectorMath.dot(vectors, source * d, vectors, row, d);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = s;
                    }
                }
                final float contribution =
                    weights.session() * VectorMath.dot(interests.sessionUnit(), 0, vectors, row, d);
                if (best >= 0 && contribution > REASON_THRESHOLD)
                {
                    final int source = interests.sessionItem(best);
                    final int recent = interests.sessionRecent(best);
                    final EventType type = profile.recentType(recent);
                    reasons.add(new Reason(verbCode(type), verb(type) + " " + title(catalog, source) + " " +
                        ago(nowMs - profile.recentAtMs(recent)), contribution, catalog.product(source).id(), null));
                }
            }
            if (interests.hasContext())
            {
                final float contribution =
                    weights.context() * VectorMath.dot(interests.contextUnit(), 0, vectors, row, d);
                if (contribution > REASON_THRESHOLD)
                {
                    final boolean named = !catalog.sensitive(context);
                    reasons.add(new Reason("similar", named ? "similar to " + title(catalog, context) :
                        "similar to the product on this page", contribution,
                        named ? catalog.product(context).id() : null, null));
                }
            }
            if (together.count() > 0)
            {
                final float contribution = weights.cooccurrence() * together.cooccurrence(item);
                if (contribution > REASON_THRESHOLD)
                {
                    final Reason reason = togetherReason(model, profile, request, item, contribution);
                    if (reason != null)
                    {
                        reasons.add(reason);
                    }
                }
            }
            if (transitions.count() > 0)
            {
                final float contribution = weights.transition() * transitions.transition(item);
                final int source = contribution > REASON_THRESHOLD ? transitions.strongestSource(model, item) :
                    CatalogSnapshot.MISSING;
                if (source != CatalogSnapshot.MISSING && !catalog.sensitive(source))
                {
                    reasons.add(new Reason("viewed_next", "shoppers often look at this next after " +
                        title(catalog, source), contribution, catalog.product(source).id(), null));
                }
            }
            if (similarSessions.count() > 0)
            {
                final float contribution = weights.similarSessions() * similarSessions.similarSessions(item);
                if (contribution > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("similar_sessions", "shoppers who browsed like you went on to this",
                        contribution, null, null));
                }
            }
            if (taste.active())
            {
                final float contribution = weights.collaborative() * taste.collaborative(item);
                if (contribution > REASON_THRESHOLD)
                {
                    final int source = tasteSource(profile, request, item);
                    if (source != CatalogSnapshot.MISSING)
                    {
                        reasons.add(new Reason("also_liked", "shoppers who chose " + title(catalog, source) +
                            " also chose this", contribution, catalog.product(source).id(), null));
                    }
                }
            }
            if (interests.hasAffinity())
            {
                final float contribution =
                    weights.affinity() * VectorMath.dot(interests.affinityUnit(), 0, vectors, row, d);
                if (contribution > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("taste", "matches what you usually like", contribution, null, null));
                }
            }
            if (interests.hasCategories())
            {
                final float categoryContribution =
                    weights.category() * interests.categoryAffinity()[catalog.categoryOf(item)];
                if (categoryContribution > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("category", "you often shop " + leaf, categoryContribution, null, leaf));
                }
                final int brand = catalog.brandOf(item);
                if (brand != CatalogSnapshot.MISSING)
                {
                    final float brandContribution = weights.brand() * interests.brandAffinity()[brand];
                    if (brandContribution > REASON_THRESHOLD)
                    {
                        reasons.add(new Reason("brand", "you like " + catalog.brandName(brand), brandContribution,
                            null, null));
                    }
                }
            }
            if (interests.hasLiked())
            {
                explainLiked(catalog, weights, item, leaf, reasons);
            }
            if (interests.sizes() != null)
            {
                final float size = weights.category() * Scorer.sizeFit(catalog, item, interests.sizes());
                if (size > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("size", "offered in your size", size, null, null));
                }
            }
            final float popularity = weights.popularity() * model.popularity(item);
            if (popularity > REASON_THRESHOLD)
            {
                reasons.add(new Reason("popular", "popular in " + leaf, popularity, null, leaf));
            }
            final float freshness = weights.freshness() * scorer.freshness(catalog, item);
            // the exploration slot's item already says it is a new arrival, first
            if (freshness > REASON_THRESHOLD && out.explored() != n)
            {
                reasons.add(new Reason("new_arrival", "new arrival in " + leaf, freshness, null, leaf));
            }
            if (priceMean == priceMean)
            {
                final float fit = weights.priceFit() * Scorer.priceFitOfLog(catalog.logPrice(item), priceMean);
                if (fit > REASON_THRESHOLD)
                {
                    reasons.add(new Reason("price", "in your usual price range", fit, null, null));
                }
            }
            reasons.sort((l, r) -> l.code().equals("pinned") ? -1 : r.code().equals("pinned") ? 1 :
                Float.compare(r.contribution(), l.contribution()));
            out.addReasons(reasons);
        }
    }

    private void explainLiked(final CatalogSnapshot catalog, final ScoringWeights w, final int item, final String leaf,
        final List<Reason> reasons)
    {
        if (interests.likesCategory(catalog.categoryOf(item)))
        {
            reasons.add(new Reason("category", "you said you like " + leaf, w.statedLike(), null, leaf));
        }
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING && interests.likesBrand(brand))
        {
            reasons.add(new Reason("brand", "you said you like " + catalog.brandName(brand), w.statedLike(), null,
                null));
        }
    }

    /** Names the product the candidate goes best with: a context product, a recent one, or a purchase. */
    private Reason togetherReason(final ItemModel model, final Profile profile, final RecommendationRequest request,
        final int item, final float contribution)
    {
        final CatalogSnapshot catalog = model.catalog();
        int best = CatalogSnapshot.MISSING;
        float bestValue = 0f;
        boolean bought = request.placement() == Placement.CART;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final int source = request.contextAt(c);
            final float value = CooccurrenceSignal.CONTEXT_WEIGHT * Math.max(scoreOf(model.neighbors(source),
                model.neighborScores(source), item), scoreOf(model.boughtTogether(source),
                model.boughtTogetherScores(source), item));
            if (value > bestValue)
            {
                bestValue = value;
                best = source;
            }
        }
        for (int s = 0; s < interests.sessionCount(); s++)
        {
            final int source = interests.sessionItem(s);
            final float value = interests.sessionWeight(s) * scoreOf(model.neighbors(source),
                model.neighborScores(source), item);
            if (value > bestValue)
            {
                bestValue = value;
                best = source;
                bought = false;
            }
        }
        if (profile != null)
        {
            for (int i = profile.ownedCount() - 1; i >= 0; i--)
            {
                final int source = catalog.indexOf(profile.ownedKey(i));
                if (source != CatalogSnapshot.MISSING)
                {
                    final float value = CooccurrenceSignal.OWNED_WEIGHT * scoreOf(model.boughtTogether(source),
                        model.boughtTogetherScores(source), item);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = source;
                        bought = true;
                    }
                }
            }
        }
        if (best == CatalogSnapshot.MISSING || catalog.sensitive(best))
        {
            return null;
        }
        return bought ?
            new Reason("bought_together", "often bought together with " + title(catalog, best), contribution,
                catalog.product(best).id(), null) :
            new Reason("viewed_together", "often viewed together with " + title(catalog, best), contribution,
                catalog.product(best).id(), null);
    }

    /**
     * The product whose part of the taste is closest to a candidate: the context products, the recent ones and
     * the purchases, weighted as in {@link CollaborativeTaste#build}. Sensitive products have no factors, so none
     * is named.
     */
    private int tasteSource(final Profile profile, final RecommendationRequest request, final int item)
    {
        final ItemFactors factors = taste.factors();
        final int target = factors.row(item);
        int best = CatalogSnapshot.MISSING;
        float bestValue = 0f;
        for (int c = 0; c < request.contextCount(); c++)
        {
            final float value = CooccurrenceSignal.CONTEXT_WEIGHT * taste.factorDot(request.contextAt(c), target);
            if (value > bestValue)
            {
                bestValue = value;
                best = request.contextAt(c);
            }
        }
        for (int s = 0; s < interests.sessionCount(); s++)
        {
            final float value = interests.sessionWeight(s) * taste.factorDot(interests.sessionItem(s), target);
            if (value > bestValue)
            {
                bestValue = value;
                best = interests.sessionItem(s);
            }
        }
        if (profile != null)
        {
            final CatalogSnapshot catalog = factors.catalog();
            final int allowedSensitiveCategory = exclusions.allowedSensitiveCategory();
            int sources = 0;
            for (int i = profile.ownedCount() - 1; i >= 0 && sources < CooccurrenceSignal.OWNED_SOURCES; i--)
            {
                final int source = catalog.indexOf(profile.ownedKey(i));
                if (source != CatalogSnapshot.MISSING &&
                    Exclusions.signalAllowed(catalog, source, allowedSensitiveCategory))
                {
                    sources++;
                    final float value = CooccurrenceSignal.OWNED_WEIGHT * taste.factorDot(source, target);
                    if (value > bestValue)
                    {
                        bestValue = value;
                        best = source;
                    }
                }
            }
        }
        return best;
    }

    private static float scoreOf(final int[] items, final float[] scores, final int item)
    {
        for (int n = 0; n < items.length; n++)
        {
            if (items[n] == item)
            {
                return scores[n];
            }
        }
        return 0f;
    }

    /** Whether a promotion's audience is chosen (categories, brands or a segment), not everyone. */
    private static boolean targeted(final Promotion promotion)
    {
        return promotion.segment() != null || promotion.categoryKeys().length > 0 ||
            promotion.brandKeys().length > 0;
    }

    /**
     * How a product is named in a reason: its title, or its id when it has none.
     *
     * @param catalog the catalog.
     * @param item    product index.
     * @return the name.
     */
    static String title(final CatalogSnapshot catalog, final int item)
    {
        final String title = catalog.product(item).title();
        return title.isEmpty() ? catalog.product(item).id() : title;
    }

    /**
     * The reason code of a recent interaction.
     *
     * @param type the interaction.
     * @return "carted", "bought", "rated" or "viewed".
     */
    static String verbCode(final EventType type)
    {
        return switch (type)
        {
            case ADD_TO_CART -> "carted";
            case PURCHASE -> "bought";
            case RATING -> "rated";
            default -> "viewed";
        };
    }

    /**
     * The verb of a recent interaction in a reason's text.
     *
     * @param type the interaction.
     * @return "added", "bought", "rated", "clicked" or "viewed".
     */
    static String verb(final EventType type)
    {
        return switch (type)
        {
            case ADD_TO_CART -> "added";
            case PURCHASE -> "bought";
            case RATING -> "rated";
            case CLICK -> "clicked";
            default -> "viewed";
        };
    }

    /**
     * A human phrase for an elapsed time.
     *
     * @param elapsedMs milliseconds elapsed.
     * @return e.g. "just now", "3 minutes ago", "2 hours ago", "5 days ago".
     */
    static String ago(final long elapsedMs)
    {
        final long seconds = Math.max(0L, elapsedMs / 1000L);
        if (seconds < 60)
        {
            return "just now";
        }
        final long minutes = seconds / 60;
        if (minutes < 60)
        {
            return minutes == 1 ? "1 minute ago" : minutes + " minutes ago";
        }
        final long hours = minutes / 60;
        if (hours < 48)
        {
            return hours == 1 ? "1 hour ago" : hours + " hours ago";
        }
        return hours / 24 + " days ago";
    }
}
