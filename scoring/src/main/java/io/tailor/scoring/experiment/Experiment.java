package io.tailor.scoring.experiment;

import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.util.Hashing;

import java.util.List;

/**
 * An experiment on one placement, bound to a node: its arms and the deterministic assignment of shoppers to them.
 * <p>
 * A shopper's arm is a hash of the experiment id and the shopper's assignment bucket (see {@link ProfileFlags}:
 * the hash of the shopper's canonical id, kept across identity links), mapped onto the arms' cumulative shares:
 * the same shopper always gets the same arm, two experiments assign independently, and an arm's share of
 * shoppers converges to its share. Immutable; {@link #armOf(int)} allocates nothing.
 */
public final class Experiment
{
    private static final double UNIT = 0x1.0p-53;

    private final String id;
    private final long version;
    private final Placement placement;
    private final boolean running;
    private final long attributionWindowMs;
    private final Arm[] arms;
    private final double[] upTo;
    private final long seed;

    /**
     * An experiment.
     *
     * @param id                  its id.
     * @param version             the definition's version.
     * @param placement           the placement it runs on.
     * @param running             false once stopped.
     * @param attributionWindowMs how long after a list is served an event is credited to it.
     * @param arms                its arms, shares summing to 1.
     */
    public Experiment(final String id, final long version, final Placement placement, final boolean running,
        final long attributionWindowMs, final List<Arm> arms)
    {
        if (arms.isEmpty())
        {
            throw new IllegalArgumentException("an experiment needs an arm");
        }
        this.id = id;
        this.version = version;
        this.placement = placement;
        this.running = running;
        this.attributionWindowMs = attributionWindowMs;
        this.arms = arms.toArray(new Arm[0]);
        this.upTo = new double[this.arms.length];
        double sum = 0;
        for (int i = 0; i < this.arms.length; i++)
        {
            sum += this.arms[i].share();
            upTo[i] = sum;
        }
        upTo[upTo.length - 1] = Double.MAX_VALUE;
        this.seed = Hashing.key("experiment", id);
    }

    /**
     * The arm of a shopper.
     *
     * @param bucket the shopper's assignment bucket, see {@link ProfileFlags#assignmentBucket(int, long)}.
     * @return the arm's index in {@link #arm(int)}.
     */
    public int armOf(final int bucket)
    {
        final double u = (Hashing.mix(seed + bucket * 0x9E3779B97F4A7C15L) >>> 11) * UNIT;
        final double[] upTo = this.upTo;
        int arm = 0;
        while (u >= upTo[arm])
        {
            arm++;
        }
        return arm;
    }

    /**
     * An arm.
     *
     * @param index index from 0 to {@link #armCount()} - 1.
     * @return the arm.
     */
    public Arm arm(final int index)
    {
        return arms[index];
    }

    /**
     * The index of an arm by name.
     *
     * @param name arm name.
     * @return its index, or -1.
     */
    public int armIndex(final String name)
    {
        for (int i = 0; i < arms.length; i++)
        {
            if (arms[i].name().equals(name))
            {
                return i;
            }
        }
        return -1;
    }

    /**
     * Number of arms.
     *
     * @return the count.
     */
    public int armCount()
    {
        return arms.length;
    }

    /**
     * Id.
     *
     * @return the experiment id.
     */
    public String id()
    {
        return id;
    }

    /**
     * The definition's version.
     *
     * @return the version.
     */
    public long version()
    {
        return version;
    }

    /**
     * The placement it runs on.
     *
     * @return the placement.
     */
    public Placement placement()
    {
        return placement;
    }

    /**
     * Whether it assigns shoppers now.
     *
     * @return false once stopped.
     */
    public boolean running()
    {
        return running;
    }

    /**
     * How long after a list is served an event is credited to it.
     *
     * @return milliseconds.
     */
    public long attributionWindowMs()
    {
        return attributionWindowMs;
    }
}
