package io.tailor.scoring.promotion;

/**
 * Where the recommender finds the promotions in force: the server keeps them current as definitions change.
 */
@FunctionalInterface
public interface PromotionSource
{
    /** No promotions. */
    PromotionSource NONE = () -> Promotions.EMPTY;

    /**
     * The promotions in force now; cheap (one volatile read).
     *
     * @return the current promotions.
     */
    Promotions current();
}
