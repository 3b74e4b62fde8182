package io.tailor.loadtest.scenario;

import io.tailor.loadtest.data.StoreModel;

/**
 * What a run sends: the target, the store it shops in (the same sizes and seed as {@code generate}), the
 * mix and the skew of who shops for what.
 *
 * @param target      storefront, ping, recommendations or events.
 * @param store       the synthetic store.
 * @param shoppers    number of customers ({@code u0..}).
 * @param anonymous   number of anonymous shoppers that may visit ({@code a0..}).
 * @param shopperSkew Zipf exponent of shopper activity.
 * @param mix         storefront mix (also placements and shares for the other targets).
 * @param batch       events per request for {@code --target events}; 1 sends single JSON events.
 * @param seed        random seed.
 * @param runTag      unique tag of this run, part of event ids and launched product ids.
 */
public record ScenarioSettings(Target target, StoreModel store, long shoppers, long anonymous, double shopperSkew,
    StorefrontMix mix, int batch, long seed, String runTag)
{
    /** What is sent. */
    public enum Target
    {
        /** Page views, events, carts, purchases and launches of a storefront. */
        STOREFRONT,
        /** {@code GET /v1/ping}: the HTTP ceiling. */
        PING,
        /** {@code GET /v1/recommendations} only, placements as in the storefront mix. */
        RECOMMENDATIONS,
        /** {@code POST /v1/events} only: single events, or NDJSON batches of {@code batch} events. */
        EVENTS,
        /**
         * {@code POST /v1/rerank} only: a search page of {@value StorefrontSource#RERANK_ITEMS} products (a run of
         * the catalog from one in the shopper's taste) ordered for a shopper.
         */
        RERANK
    }

    /**
     * Validates.
     *
     * @param target      target.
     * @param store       store.
     * @param shoppers    customers.
     * @param anonymous   anonymous shoppers.
     * @param shopperSkew skew.
     * @param mix         mix.
     * @param batch       batch size.
     * @param seed        seed.
     * @param runTag      run tag.
     */
    public ScenarioSettings
    {
        if (shoppers < 1 || shoppers > Integer.MAX_VALUE || anonymous < 1 || anonymous > Integer.MAX_VALUE)
        {
            throw new IllegalArgumentException("shoppers and anonymous shoppers must be in 1..2^31-1");
        }
        if (!(shopperSkew >= 0) || Double.isInfinite(shopperSkew))
        {
            throw new IllegalArgumentException("shopper skew must be a number >= 0: " + shopperSkew);
        }
        if (batch < 1 || batch > 10_000)
        {
            throw new IllegalArgumentException("batch must be in 1..10000 (the server's limit): " + batch);
        }
        if (!runTag.matches("[A-Za-z0-9]{1,24}"))
        {
            throw new IllegalArgumentException("run tag must be 1..24 letters and digits: " + runTag);
        }
    }
}
