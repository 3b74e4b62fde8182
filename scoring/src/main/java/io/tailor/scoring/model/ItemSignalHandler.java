package io.tailor.scoring.model;


/**
 * Receives the item-level signals an accepted event produces, for the item model.
 * <p>
 * Called by the profile updater ({@code ProfileUpdater}) only for events that changed the profile (never for
 * duplicates), on the thread applying the event; implementations must be quick and must not block.
 */
@FunctionalInterface
public interface ItemSignalHandler
{
    /** A handler that drops every signal. */
    ItemSignalHandler NONE = (productKey, kind, weight, atMs) ->
    {
    };

    /**
     * A product was interacted with.
     *
     * @param productKey key of the product.
     * @param kind       kind of interaction.
     * @param weight     how much (units for purchases).
     * @param atMs       when, epoch milliseconds.
     */
    void onPopularity(long productKey, PopularityKind kind, double weight, long atMs);

    /**
     * Two products were seen together by one shopper (emitted once per pair; the pair is symmetric).
     *
     * @param productKey key of the product of the event.
     * @param otherKey   key of the other product.
     * @param kind       how they were seen together.
     * @param atMs       when, epoch milliseconds.
     */
    default void onCooccurrence(final long productKey, final long otherKey, final CooccurrenceKind kind,
        final long atMs)
    {
    }

    /**
     * A shopper viewed one product after another in the same session: {@code steps} is 1 for the product viewed
     * just before, 2 for the one before that, and so on (a directed pair: what follows what).
     *
     * @param fromKey key of the product viewed earlier.
     * @param toKey   key of the product viewed now.
     * @param steps   how many distinct products back {@code fromKey} was viewed, 1 or more.
     * @param atMs    when {@code toKey} was viewed, epoch milliseconds.
     */
    default void onTransition(final long fromKey, final long toKey, final int steps, final long atMs)
    {
    }

    /**
     * A shopper bought a product some time after first viewing, clicking or carting it.
     *
     * @param productKey key of the product.
     * @param delayMs    time from the first interest to the purchase.
     * @param atMs       when it was bought, epoch milliseconds.
     */
    default void onTimeToPurchase(final long productKey, final long delayMs, final long atMs)
    {
    }

    /**
     * A served list showed a product (only new arrivals are reported: their exposure floor needs the count).
     *
     * @param productKey key of the product.
     * @param placement  the list's placement ordinal ({@link Exposure#PLACEMENTS}), or {@link Exposure#NO_PLACEMENT}.
     * @param atMs       when, epoch milliseconds.
     */
    default void onShown(final long productKey, final int placement, final long atMs)
    {
    }

    /**
     * A shopper clicked a product.
     *
     * @param productKey key of the product.
     * @param placement  the placement ordinal of the list the click came from, or {@link Exposure#NO_PLACEMENT} when
     *                   not known (then it counts for the product's pooled click-through only).
     * @param atMs       when, epoch milliseconds.
     */
    default void onClicked(final long productKey, final int placement, final long atMs)
    {
    }
}
