package io.tailor.scoring.rank;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.model.ItemModel;
import io.tailor.scoring.util.Hashing;

import java.util.EnumMap;
import java.util.Map;

/**
 * Stage 3, pins: the placement's pinned products first, then those of the shopper's segments (collected by
 * {@link Exclusions#prepare}), each only when no rule rejects it, and never twice. A pinned product is taken
 * out of the candidate sources and keeps its blended score for the record.
 */
final class PinnedProducts
{
    /** Most segment pins kept per request, in the order of the segments. */
    static final int MAX_SEGMENT_PINS = 64;

    private final Map<Placement, long[]> pinnedKeys = new EnumMap<>(Placement.class);
    private final long[] segmentPins = new long[MAX_SEGMENT_PINS];
    private int segmentPinCount;

    /**
     * The store's pins per placement.
     *
     * @param settings ranking settings with the merchandising rules.
     */
    PinnedProducts(final RankingSettings settings)
    {
        settings.rules().pinned().forEach((placement, ids) ->
            pinnedKeys.put(placement, ids.stream().mapToLong(Hashing::key).toArray()));
    }

    /** Forgets the previous request's segment pins. */
    void clearSegmentPins()
    {
        segmentPinCount = 0;
    }

    /**
     * Adds a segment's pins, up to {@link #MAX_SEGMENT_PINS} in all.
     *
     * @param pins product keys.
     */
    void addSegmentPins(final long[] pins)
    {
        for (int i = 0; i < pins.length && segmentPinCount < MAX_SEGMENT_PINS; i++)
        {
            segmentPins[segmentPinCount++] = pins[i];
        }
    }

    /**
     * Puts the pinned products that pass every rule at the head of {@code out}, up to the request's k.
     *
     * @param model      item model.
     * @param request    the request.
     * @param out        the recommendation, empty so far.
     * @param candidates marks each pinned product seen, so that no source offers it again.
     * @param exclusions the rules.
     * @param scorer     the blended score recorded for a pinned product.
     */
    void pin(final ItemModel model, final RecommendationRequest request, final Recommendation out,
        final CandidateSources candidates, final Exclusions exclusions, final Scorer scorer)
    {
        final long[] pins = pinnedKeys.get(request.placement());
        if (pins != null)
        {
            addPins(model, request, out, candidates, exclusions, scorer, pins, pins.length);
        }
        if (segmentPinCount > 0)
        {
            addPins(model, request, out, candidates, exclusions, scorer, segmentPins, segmentPinCount);
        }
    }

    private static void addPins(final ItemModel model, final RecommendationRequest request, final Recommendation out,
        final CandidateSources candidates, final Exclusions exclusions, final Scorer scorer, final long[] pins,
        final int pinCount)
    {
        final CatalogSnapshot catalog = model.catalog();
        for (int p = 0; p < pinCount && out.count() < request.k(); p++)
        {
            final int item = catalog.indexOf(pins[p]);
            if (item == CatalogSnapshot.MISSING || !candidates.markSeen(item))
            {
                continue;
            }
            final RuleKind rule = exclusions.rejection(catalog, item, request.categoryFilter());
            if (rule != null)
            {
                out.countExcluded(rule);
                continue;
            }
            out.add(item, scorer.score(model, item));
            out.markPinned(out.count() - 1);
        }
    }
}
