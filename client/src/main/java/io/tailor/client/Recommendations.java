package io.tailor.client;

import java.util.List;

/**
 * An answer to a {@link RecommendationRequest}: the node's list, or, when it did not answer in time or answered
 * an error, a fallback list marked {@code fallback} (with no {@code requestId}: events about it are credited to
 * no served list).
 *
 * @param requestId      the list's id for attributing clicks and purchases, or {@code null} for a fallback.
 * @param placement      the placement.
 * @param strategy       the node's strategy ({@code popular}, {@code personalized}, {@code similar},
 *                       {@code fallback}), or {@code client-fallback}.
 * @param degraded       whether the node answered popular items because its own deadline passed.
 * @param items          the products, best first.
 * @param fallback       whether this list is the client's fallback rather than the node's answer.
 * @param fallbackReason why the fallback was used ({@code deadline}, {@code status 503}, an exception), or
 *                       {@code null}.
 */
public record Recommendations(String requestId, String placement, String strategy, boolean degraded,
    List<Item> items, boolean fallback, String fallbackReason)
{
    /** The strategy named by a client-side fallback. */
    public static final String CLIENT_FALLBACK = "client-fallback";

    /**
     * One recommended product.
     *
     * @param product product id.
     * @param score   the node's score; 0 in a fallback.
     */
    public record Item(String product, double score)
    {
    }

    /**
     * The product ids, best first.
     *
     * @return ids.
     */
    public List<String> productIds()
    {
        return items.stream().map(Item::product).toList();
    }
}
