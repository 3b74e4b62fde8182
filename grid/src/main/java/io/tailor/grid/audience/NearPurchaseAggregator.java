package io.tailor.grid.audience;

import com.hazelcast.aggregation.Aggregator;
import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import com.hazelcast.nio.serialization.IdentifiedDataSerializable;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.model.TimeToPurchase;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.segment.NearPurchase;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Finds, where the profiles are, the shoppers with marketing consent who are near buying a product
 * ({@link NearPurchase}), keeping the {@code limit} most likely on each member; the caller combines.
 */
public final class NearPurchaseAggregator
    implements Aggregator<Map.Entry<String, byte[]>, NearPurchaseCandidates>, IdentifiedDataSerializable
{
    private static final long serialVersionUID = 1L;

    /** One shopper found. */
    private record Found(String key, double probability, long firstInterest, boolean carted)
    {
    }

    private long productKey;
    private long[] distribution;
    private byte basis;
    private double viewConversion;
    private double cartConversion;
    private long nowMs;
    private int limit;
    private int dimensions;
    private transient List<Found> found;
    private transient NearPurchase estimator;
    private transient Profile profile;

    /** For deserialization. */
    public NearPurchaseAggregator()
    {
    }

    /**
     * A search.
     *
     * @param productKey the product's key.
     * @param estimator  the product's estimator, as the caller built it.
     * @param nowMs      the present.
     * @param limit      most shoppers returned.
     * @param dimensions profile vector dimension.
     */
    public NearPurchaseAggregator(final long productKey, final NearPurchase estimator, final long nowMs,
        final int limit, final int dimensions)
    {
        this.productKey = productKey;
        this.distribution = new long[TimeToPurchase.BUCKETS];
        for (int b = 0; b < TimeToPurchase.BUCKETS; b++)
        {
            distribution[b] = estimator.distribution().bucketCount(b);
        }
        this.basis = (byte)estimator.basis().ordinal();
        this.viewConversion = estimator.viewConversion();
        this.cartConversion = estimator.cartConversion();
        this.nowMs = nowMs;
        this.limit = limit;
        this.dimensions = dimensions;
    }

    private List<Found> found()
    {
        if (found == null)
        {
            found = new ArrayList<>();
        }
        return found;
    }

    @Override
    public void accumulate(final Map.Entry<String, byte[]> entry)
    {
        final byte[] bytes = entry.getValue();
        if (!ProfileCodec.isProfile(bytes) || !ProfileFlags.marketing(ProfileCodec.flags(bytes)) ||
            !ProfileFlags.personalization(ProfileCodec.flags(bytes)))
        {
            return;
        }
        if (estimator == null)
        {
            estimator = new NearPurchase(new TimeToPurchase(distribution), NearPurchase.Basis.values()[basis],
                viewConversion, cartConversion);
            profile = new Profile(dimensions);
        }
        final NearPurchase.Assessment assessment = estimator.assess(ProfileCodec.decode(bytes, profile), productKey,
            nowMs);
        if (assessment != null)
        {
            offer(new Found(entry.getKey(), assessment.probability(), assessment.firstInterest(),
                assessment.carted()));
        }
    }

    private void offer(final Found candidate)
    {
        final List<Found> list = found();
        list.add(candidate);
        if (list.size() > 2 * limit)
        {
            trim(list);
        }
    }

    private void trim(final List<Found> list)
    {
        list.sort(Comparator.comparingDouble(Found::probability).reversed().thenComparing(Found::key));
        while (list.size() > limit)
        {
            list.remove(list.size() - 1);
        }
    }

    @Override
    @SuppressWarnings("rawtypes") // as Hazelcast declares it
    public void combine(final Aggregator aggregator)
    {
        final NearPurchaseAggregator other = (NearPurchaseAggregator)aggregator;
        for (final Found candidate : other.found())
        {
            offer(candidate);
        }
    }

    @Override
    public NearPurchaseCandidates aggregate()
    {
        final List<Found> list = found();
        trim(list);
        final int n = list.size();
        final String[] keys = new String[n];
        final double[] probabilities = new double[n];
        final long[] first = new long[n];
        final boolean[] carted = new boolean[n];
        for (int i = 0; i < n; i++)
        {
            final Found candidate = list.get(i);
            keys[i] = candidate.key();
            probabilities[i] = candidate.probability();
            first[i] = candidate.firstInterest();
            carted[i] = candidate.carted();
        }
        return new NearPurchaseCandidates(keys, probabilities, first, carted);
    }

    @Override
    public int getFactoryId()
    {
        return TypeIds.FACTORY_ID;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.NEAR_PURCHASE_AGGREGATOR;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(productKey);
        out.writeLongArray(distribution);
        out.writeByte(basis);
        out.writeDouble(viewConversion);
        out.writeDouble(cartConversion);
        out.writeLong(nowMs);
        out.writeInt(limit);
        out.writeInt(dimensions);
        final List<Found> list = found();
        out.writeInt(list.size());
        for (final Found candidate : list)
        {
            out.writeString(candidate.key());
            out.writeDouble(candidate.probability());
            out.writeLong(candidate.firstInterest());
            out.writeBoolean(candidate.carted());
        }
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        productKey = in.readLong();
        distribution = in.readLongArray();
        basis = in.readByte();
        viewConversion = in.readDouble();
        cartConversion = in.readDouble();
        nowMs = in.readLong();
        limit = in.readInt();
        dimensions = in.readInt();
        final int n = in.readInt();
        found = new ArrayList<>(n);
        for (int i = 0; i < n; i++)
        {
            found.add(new Found(in.readString(), in.readDouble(), in.readLong(), in.readBoolean()));
        }
    }
}
