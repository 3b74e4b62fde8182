package io.tailor.server.json;

import io.tailor.scoring.promotion.Promotion;
import io.tailor.scoring.promotion.PromotionDelivery;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.Hashing;

import java.util.List;
import java.util.Set;

/**
 * A promotion definition as read from JSON ({@code PromotionDefinition} in openapi.yaml), before it is bound for
 * serving.
 *
 * @param products   promoted product ids, each once.
 * @param categories the audience's category paths (empty: none).
 * @param brands     the audience's brands (empty: none).
 * @param segment    the audience's segment id, or {@code null}.
 * @param target     impressions to deliver.
 * @param fromMs     start of the period.
 * @param untilMs    end of the period.
 * @param placements where its promoted slot may show it.
 * @param json       the canonical JSON text stored in the grid (defaults filled in).
 */
public record PromotionSpec(List<String> products, List<String> categories, List<String> brands, String segment,
    long target, long fromMs, long untilMs, Set<Placement> placements, String json)
{
    /**
     * The promotion for serving.
     *
     * @param id       promotion id.
     * @param delivery its delivery counts (kept across redefinitions).
     * @return the promotion.
     */
    public Promotion bind(final String id, final PromotionDelivery delivery)
    {
        int mask = 0;
        for (final Placement placement : placements)
        {
            mask |= 1 << placement.ordinal();
        }
        return new Promotion(id, keys(products), keys(categories), keys(brands), segment, mask, target, fromMs,
            untilMs, delivery);
    }

    private static long[] keys(final List<String> texts)
    {
        final long[] keys = new long[texts.size()];
        for (int i = 0; i < keys.length; i++)
        {
            keys[i] = Hashing.key(texts.get(i));
        }
        return keys;
    }
}
