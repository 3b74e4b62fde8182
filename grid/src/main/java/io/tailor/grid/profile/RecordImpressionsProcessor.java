package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileUpdater;

import java.io.IOException;

/**
 * Counts the products of a list Tailor served as shown to the shopper, on the profile's owner, for the
 * frequency cap.
 * <p>
 * Only an existing profile with personalization consent changes: serving a list to a shopper Tailor knows
 * nothing about (or one erased, or one who objected) records nothing. The list's id makes a retried delivery
 * count once. For a linked id the result is the customer's key, where {@link ProfileStore} records them.
 * <p>
 * Returns whether the impressions were recorded, or the forward target as in {@link ProfileChangeProcessor}.
 */
public final class RecordImpressionsProcessor extends ProfileChangeProcessor
{
    private long listKey;
    private long atMs;
    private long[] productKeys;

    /** For deserialization. */
    public RecordImpressionsProcessor()
    {
    }

    /**
     * Processor for one served list.
     *
     * @param listKey     key of the list's request id.
     * @param atMs        when it was served.
     * @param productKeys keys of the products in it.
     */
    public RecordImpressionsProcessor(final long listKey, final long atMs, final long[] productKeys)
    {
        this.listKey = listKey;
        this.atMs = atMs;
        this.productKeys = productKeys;
    }

    @Override
    protected Object change(final Profile profile, final MemberContext context)
    {
        if (!profile.hasAnyHistory())
        {
            return Boolean.FALSE;
        }
        return context.updater().applyImpressions(profile, listKey, productKeys, productKeys.length, atMs) ==
            ProfileUpdater.Outcome.APPLIED;
    }

    @Override
    public int getClassId()
    {
        return TypeIds.RECORD_IMPRESSIONS;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLong(listKey);
        out.writeLong(atMs);
        out.writeLongArray(productKeys);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        listKey = in.readLong();
        atMs = in.readLong();
        productKeys = in.readLongArray();
    }
}
