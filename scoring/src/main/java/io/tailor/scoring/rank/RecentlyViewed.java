package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.profile.ActivityLog;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.Decay;

/**
 * Stage 3b, re-show: on a placement whose {@link RankingSettings#reshowViewedFor reshowViewed} weight is above 0,
 * the products the shopper recently viewed or clicked, and did not cart or buy, come back as candidates. Going back
 * to a viewed product is the strongest signal a session has (on the Tmall sessions of the session literature, 45 %
 * of next clicks are such returns). They obey every rule of stage 2 except the recent exclusion (purchases, stock,
 * blocks, frequency cap, request exclusions such as the page's own product), are scored with the same blend as
 * every candidate, plus the weight times the view's session decay times how many times the shopper viewed it
 * within two session half-lives (from the profile's activity log, at least 1), and are explained as
 * {@code recently_viewed}. The count orders the returns: a product the shopper keeps coming back to is the one
 * they most likely come back to next (on the Tmall validation split, MRR@20 of the product page 16.4 without the
 * count, 19.0 with it; benchmarks/RESULTS.md). Ordering by recency instead (each older view a fixed share less)
 * lost both hit rate and MRR there.
 * <p>
 * Bounded by {@link Profile#MAX_RECENT}; allocation-free.
 */
final class RecentlyViewed
{
    /** A view whose session decay fell below this is no longer re-shown (the session's own cut-off). */
    private static final float MIN_DECAY = 1e-3f;

    private final float[] weightByPlacement = new float[Placement.values().length];
    private final long sessionHalfLifeMs;
    /** Views of a product within this long before the request count (two session half-lives). */
    private final long countWindowMs;
    private final int[] viewed = new int[Profile.MAX_RECENT];
    private final float[] bonuses = new float[Profile.MAX_RECENT];
    private final int[] recentIndices = new int[Profile.MAX_RECENT];
    private final int[] candidates = new int[Profile.MAX_RECENT];
    private int viewedCount;
    private int candidateCount;

    /**
     * Re-show of the settings' placements.
     *
     * @param settings ranking settings: re-show weights, session half-life.
     */
    RecentlyViewed(final RankingSettings settings)
    {
        for (final Placement placement : Placement.values())
        {
            weightByPlacement[placement.ordinal()] = settings.reshowViewedFor(placement);
        }
        this.sessionHalfLifeMs = settings.sessionHalfLife().toMillis();
        this.countWindowMs = 2 * sessionHalfLifeMs;
    }

    /**
     * Whether a placement re-shows viewed products (and so the recent exclusion spares them).
     *
     * @param placement placement.
     * @return true when its weight is above 0.
     */
    boolean reshows(final Placement placement)
    {
        return weightByPlacement[placement.ordinal()] > 0f;
    }

    /**
     * Whether a recent interaction is one that re-show brings back: a view or a click (not a cart add, a purchase
     * or a rating, whose products are in the cart or owned).
     *
     * @param type the product's latest recent interaction.
     * @return true for a view or a click.
     */
    static boolean viewed(final EventType type)
    {
        return type == EventType.VIEW || type == EventType.CLICK;
    }

    /**
     * Reads the shopper's recently viewed products for the request's placement; first in a request.
     *
     * @param catalog                  the request's catalog.
     * @param profile                  the consented profile, or {@code null}.
     * @param request                  the request.
     * @param allowedSensitiveCategory the request's allowed sensitive category.
     */
    void prepare(final CatalogSnapshot catalog, final Profile profile, final RecommendationRequest request,
        final int allowedSensitiveCategory)
    {
        viewedCount = 0;
        candidateCount = 0;
        final float weight = weightByPlacement[request.placement().ordinal()];
        if (profile == null || !(weight > 0f))
        {
            return;
        }
        final long nowMs = request.nowMs();
        for (int i = profile.recentCount() - 1; i >= 0; i--)
        {
            if (!viewed(profile.recentType(i)))
            {
                continue;
            }
            final float decay = (float)Decay.factor(Math.max(0L, nowMs - profile.recentAtMs(i)), sessionHalfLifeMs);
            if (decay < MIN_DECAY)
            {
                continue;
            }
            final int item = catalog.indexOf(profile.recentKey(i));
            if (item == CatalogSnapshot.MISSING || !Exclusions.signalAllowed(catalog, item, allowedSensitiveCategory))
            {
                continue;
            }
            viewed[viewedCount] = item;
            final int views = Math.max(1, ActivityLog.views(profile,
                Profile.impressionFingerprint(profile.recentKey(i)), nowMs - countWindowMs));
            bonuses[viewedCount] = weight * decay * views;
            recentIndices[viewedCount] = i;
            viewedCount++;
        }
    }

    /**
     * Takes the viewed products that no rule rejects as candidates, before the other sources (which then skip
     * them); each rejection is counted by rule.
     *
     * @param catalog    the request's catalog.
     * @param exclusions the prepared exclusions.
     * @param sources    the candidate sources, whose seen-marks keep every product listed once.
     * @param filter     the request's category filter, or {@link CatalogSnapshot#MISSING}.
     * @param out        counts each rejection by rule.
     */
    void collect(final CatalogSnapshot catalog, final Exclusions exclusions, final CandidateSources sources,
        final int filter, final Recommendation out)
    {
        for (int v = 0; v < viewedCount; v++)
        {
            final int item = viewed[v];
            if (!sources.markSeen(item))
            {
                continue;
            }
            final RuleKind rule = exclusions.rejection(catalog, item, filter);
            if (rule != null)
            {
                out.countExcluded(rule);
                continue;
            }
            candidates[candidateCount++] = item;
        }
    }

    /**
     * Candidates this stage took.
     *
     * @return the count.
     */
    int candidateCount()
    {
        return candidateCount;
    }

    /**
     * Scores the candidates this stage took, the blend plus the re-show bonus, and offers them to the pool.
     *
     * @param model  item model.
     * @param scorer the prepared scorer.
     * @param pool   receives each candidate with its score.
     */
    void score(final ItemModel model, final Scorer scorer, final DiverseSelection pool)
    {
        for (int c = 0; c < candidateCount; c++)
        {
            final int item = candidates[c];
            pool.offer(item, scorer.score(model, item) + bonus(item));
        }
    }

    /**
     * What re-show adds to a product's score.
     *
     * @param item product index.
     * @return the weight times the view's session decay times its views in the session; 0 for a product not
     *     recently viewed or a placement that does not re-show.
     */
    float bonus(final int item)
    {
        final int v = indexOf(item);
        return v < 0 ? 0f : bonuses[v];
    }

    /**
     * Index in the profile's recent list of a re-shown product's view, for explanations.
     *
     * @param item product index.
     * @return the recent index, or -1.
     */
    int recentIndex(final int item)
    {
        final int v = indexOf(item);
        return v < 0 ? -1 : recentIndices[v];
    }

    private int indexOf(final int item)
    {
        for (int v = 0; v < viewedCount; v++)
        {
            if (viewed[v] == item)
            {
                return v;
            }
        }
        return -1;
    }
}
