package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ShopperChoices;

import java.io.IOException;

/**
 * Replaces a shopper's stated preferences on the profile's owner. Returns {@code Boolean.TRUE} when stored,
 * {@code Boolean.FALSE} (nothing changed) when the shopper withdrew personalization consent, or the forward
 * target as in {@link ProfileChangeProcessor}.
 */
public final class SetPreferencesProcessor extends ProfileChangeProcessor
{
    private long[] categories;
    private long[] brands;
    private String[] sizes;
    private long[] disliked;
    private long nowMs;

    /** For deserialization. */
    public SetPreferencesProcessor()
    {
    }

    /**
     * A preferences change; lists are validated by the caller against the profile's capacities.
     *
     * @param categories keys of liked categories.
     * @param brands     keys of liked brands.
     * @param sizes      sizes.
     * @param disliked   keys of disliked products.
     * @param nowMs      when.
     */
    public SetPreferencesProcessor(final long[] categories, final long[] brands, final String[] sizes,
        final long[] disliked, final long nowMs)
    {
        this.categories = categories.clone();
        this.brands = brands.clone();
        this.sizes = sizes.clone();
        this.disliked = disliked.clone();
        this.nowMs = nowMs;
    }

    @Override
    protected Object change(final Profile profile, final MemberContext context)
    {
        return ShopperChoices.setPreferences(profile, categories, brands, sizes, disliked, nowMs);
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SET_PREFERENCES;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeLongArray(categories);
        out.writeLongArray(brands);
        out.writeStringArray(sizes);
        out.writeLongArray(disliked);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        categories = in.readLongArray();
        brands = in.readLongArray();
        sizes = in.readStringArray();
        disliked = in.readLongArray();
        nowMs = in.readLong();
    }
}
