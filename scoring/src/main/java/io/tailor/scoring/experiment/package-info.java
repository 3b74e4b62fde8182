/**
 * Experiments: arms with shares and what each changes (the strategy, the placement's ranking settings), the
 * deterministic assignment of a shopper to an arm, and the snapshot of experiments in force by placement.
 * <p>
 * May depend on: scoring.rank, scoring.profile, scoring.util.
 */
package io.tailor.scoring.experiment;
