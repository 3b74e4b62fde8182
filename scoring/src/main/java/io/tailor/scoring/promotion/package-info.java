/**
 * Promotions with a target: a marketer's exposure target for a set of products over a period, its audience, and
 * the pacing that spreads the impressions evenly over the period ({@link io.tailor.scoring.promotion.Promotion}).
 * What a promotion delivered is counted per node ({@link io.tailor.scoring.promotion.PromotionDelivery}) and
 * merged cluster-wide by the server; the ranking's promoted slot reads both.
 * <p>
 * May depend on: scoring.util.
 */
package io.tailor.scoring.promotion;
