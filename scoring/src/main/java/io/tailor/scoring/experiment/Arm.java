package io.tailor.scoring.experiment;

import io.tailor.scoring.rank.RankingSettings;

/**
 * One arm of an experiment: its name, its share of shoppers, and what it serves instead of the placement's
 * default: the non-personal bestseller list ({@code popular}), or other ranking settings (weights, diversity,
 * frequency cap). Immutable.
 *
 * @param name        the arm's name, unique in its experiment.
 * @param share       the share of shoppers assigned to it, in (0, 1].
 * @param popular     whether it serves the non-personal bestseller list.
 * @param settings    ranking settings it serves with, or {@code null} for the node's.
 * @param metricSlot  the node's index of the arm's name in its metrics (see {@code Experiments#NONE_SLOT}).
 * @param tally       what this node counted for the arm since its last flush to the grid.
 * @param attributionWindowMs how long after a list of this arm is served an event is credited to it.
 */
public record Arm(String name, double share, boolean popular, RankingSettings settings, int metricSlot,
    ArmTally tally, long attributionWindowMs)
{
    /** Wire name of the strategy override that serves the non-personal bestseller list. */
    public static final String POPULAR = "popular";
    /** Wire name of the strategy Tailor serves by default (personal when it knows the shopper). */
    public static final String PERSONALIZED = "personalized";
}
