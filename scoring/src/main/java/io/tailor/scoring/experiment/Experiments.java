package io.tailor.scoring.experiment;

import io.tailor.scoring.rank.Placement;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The experiments a node knows, as one immutable snapshot read with one volatile read: the running experiment of
 * each placement (at most one), and every known experiment, stopped ones included, so that events about lists
 * served in an experiment stopped since are still credited to its arms.
 */
public final class Experiments
{
    /** Metric slot of lists served outside any experiment. */
    public static final int NONE_SLOT = 0;
    /** Metric slot of lists served, in a placement with a running experiment, to a shopper who objected to it. */
    public static final int OPTED_OUT_SLOT = 1;
    /** Arm label of {@link #NONE_SLOT}. */
    public static final String NONE = "none";
    /** Arm label of {@link #OPTED_OUT_SLOT}. */
    public static final String OPTED_OUT = "opted-out";

    /** No experiments. */
    public static final Experiments EMPTY = new Experiments(Map.of());

    private final Experiment[] running = new Experiment[Placement.values().length];
    private final Experiment[][] byPlacement = new Experiment[Placement.values().length][];
    private final Map<String, Experiment> all;

    /**
     * A snapshot.
     *
     * @param all every known experiment by id; of the running ones, at most one per placement counts (the one with
     *            the smallest id, so every node picks the same).
     */
    public Experiments(final Map<String, Experiment> all)
    {
        this.all = Map.copyOf(all);
        final List<List<Experiment>> lists = new ArrayList<>();
        for (int i = 0; i < byPlacement.length; i++)
        {
            lists.add(new ArrayList<>());
        }
        for (final Experiment experiment : this.all.values())
        {
            final int p = experiment.placement().ordinal();
            lists.get(p).add(experiment);
            if (experiment.running() && (running[p] == null || experiment.id().compareTo(running[p].id()) < 0))
            {
                running[p] = experiment;
            }
        }
        for (int i = 0; i < byPlacement.length; i++)
        {
            byPlacement[i] = lists.get(i).toArray(new Experiment[0]);
        }
    }

    /**
     * The experiment running on a placement.
     *
     * @param placement the placement.
     * @return the experiment, or {@code null}.
     */
    public Experiment running(final Placement placement)
    {
        return running[placement.ordinal()];
    }

    /**
     * An experiment by id.
     *
     * @param id experiment id.
     * @return the experiment, or {@code null}.
     */
    public Experiment get(final String id)
    {
        return all.get(id);
    }

    /**
     * The arm of some experiment on a placement with a name: the running experiment's first, then stopped ones'.
     *
     * @param placement the placement.
     * @param name      arm name.
     * @return the arm, or {@code null} when no experiment on the placement has one of that name.
     */
    public Arm arm(final Placement placement, final String name)
    {
        final Experiment current = running[placement.ordinal()];
        if (current != null)
        {
            final int index = current.armIndex(name);
            if (index >= 0)
            {
                return current.arm(index);
            }
        }
        for (final Experiment experiment : byPlacement[placement.ordinal()])
        {
            final int index = experiment.armIndex(name);
            if (index >= 0)
            {
                return experiment.arm(index);
            }
        }
        return null;
    }

    /**
     * The arm of some experiment on a placement whose name has a hash code, as remembered with the products a list
     * showed: the running experiment's first, then stopped ones'.
     *
     * @param placement the placement.
     * @param nameHash  {@link String#hashCode()} of the arm's name.
     * @return the arm, or {@code null} when no experiment on the placement has such an arm.
     */
    public Arm armByNameHash(final Placement placement, final int nameHash)
    {
        final Experiment current = running[placement.ordinal()];
        final Arm arm = current == null ? null : armByNameHash(current, nameHash);
        if (arm != null)
        {
            return arm;
        }
        for (final Experiment experiment : byPlacement[placement.ordinal()])
        {
            final Arm found = armByNameHash(experiment, nameHash);
            if (found != null)
            {
                return found;
            }
        }
        return null;
    }

    private static Arm armByNameHash(final Experiment experiment, final int nameHash)
    {
        for (int i = 0, n = experiment.armCount(); i < n; i++)
        {
            if (experiment.arm(i).name().hashCode() == nameHash)
            {
                return experiment.arm(i);
            }
        }
        return null;
    }
}
