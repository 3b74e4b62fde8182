package io.tailor.grid.audience;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;

import java.io.IOException;

/**
 * The shoppers most likely to buy a product soon, most likely first: profile key, probability, when they
 * first showed interest and whether they carted it.
 */
public final class NearPurchaseCandidates implements IdentifiedDataSerializable
{
    private String[] keys;
    private double[] probabilities;
    private long[] firstInterest;
    private boolean[] carted;

    /** For deserialization. */
    public NearPurchaseCandidates()
    {
    }

    /**
     * Candidates, parallel arrays of the same length, most likely first.
     *
     * @param keys          profile keys.
     * @param probabilities probabilities of buying within the usual time.
     * @param firstInterest first view, click or cart, epoch ms.
     * @param carted        whether carted.
     */
    public NearPurchaseCandidates(final String[] keys, final double[] probabilities, final long[] firstInterest,
        final boolean[] carted)
    {
        this.keys = keys;
        this.probabilities = probabilities;
        this.firstInterest = firstInterest;
        this.carted = carted;
    }

    /**
     * Number of candidates.
     *
     * @return the count.
     */
    public int size()
    {
        return keys.length;
    }

    /**
     * Profile key of the i-th candidate.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return the key.
     */
    public String key(final int i)
    {
        return keys[i];
    }

    /**
     * Probability of the i-th candidate.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return the probability.
     */
    public double probability(final int i)
    {
        return probabilities[i];
    }

    /**
     * First interest of the i-th candidate.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return epoch milliseconds.
     */
    public long firstInterest(final int i)
    {
        return firstInterest[i];
    }

    /**
     * Whether the i-th candidate carted the product.
     *
     * @param i 0 to {@link #size()} - 1.
     * @return true when carted.
     */
    public boolean carted(final int i)
    {
        return carted[i];
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.NEAR_PURCHASE_CANDIDATES;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeStringArray(keys);
        out.writeDoubleArray(probabilities);
        out.writeLongArray(firstInterest);
        out.writeBooleanArray(carted);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        keys = in.readStringArray();
        probabilities = in.readDoubleArray();
        firstInterest = in.readLongArray();
        carted = in.readBooleanArray();
    }
}
