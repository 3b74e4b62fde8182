/**
 * Ranking: what a shopper sees on a placement, and why.
 * <p>
 * The public types are the contract the grid, the server and the benchmarks use: {@link
 * io.tailor.scoring.rank.Recommender} (one per thread), its {@link io.tailor.scoring.rank.RecommendationRequest} and
 * {@link io.tailor.scoring.rank.Recommendation}, the settings ({@link io.tailor.scoring.rank.RankingSettings},
 * {@link io.tailor.scoring.rank.ScoringWeights}, {@link io.tailor.scoring.rank.Diversity},
 * {@link io.tailor.scoring.rank.FrequencyCap}, {@link io.tailor.scoring.rank.MerchandisingRules}) and the
 * item-to-item lists ({@link io.tailor.scoring.rank.BoughtTogether}).
 * <p>
 * {@code Recommender} is a short pipeline over package-private stages, one file each, each owning its scratch
 * arrays (allocation-free, one set per recommender):
 * <pre>
 *   1 interests   ShopperInterests      affinity, session, page vector, category and brand affinities, stated
 *                                       likes and sizes, price level, categories of interest
 *                 CooccurrenceSignal    products seen or bought together with the page, session and purchases
 *                 CollaborativeTaste    the shopper's taste in the factor space
 *   2 exclusions  Exclusions            every rule a candidate or a pin must pass, counted by rule
 *   3 pins        PinnedProducts        the placement's and the shopper's segments' pinned products
 *  3b re-show     RecentlyViewed        viewed, not carted or bought products again, where the placement says so
 *   4 candidates  CandidateSources      the sources, in order, each product offered once
 *   5 score       Scorer                the blended score of the terms, batched over candidates
 *   6 select      DiverseSelection      the best-scored pool, then a greedy capped and penalised top k
 *  6b explore     NewArrivalSlot        one slot for a new arrival short of its exposure floor (Thompson sampling)
 *  6c promote     PromotedSlot          one slot for a promotion behind its delivery schedule, to its audience
 *   7 explain     Explainer             reasons and their English phrasing (only when asked; allocates)
 * </pre>
 * Tests are named for the stage whose rule they pin ({@code ExclusionsTest}, {@code ScorerTest}, ...).
 */
package io.tailor.scoring.rank;
