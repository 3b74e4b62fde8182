package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ShopperChoices;

import java.io.IOException;

/**
 * Records a shopper's consent on the profile's owner (creating a record that holds only the consent when
 * there was no profile); withdrawing personalization consent erases the history. Returns
 * {@code int[]{flags, historyErased ? 1 : 0}}, or the forward target as in {@link ProfileChangeProcessor}.
 */
public final class SetConsentProcessor extends ProfileChangeProcessor
{
    private static final byte UNCHANGED = -1;

    private byte personalization;
    private byte marketing;
    private long nowMs;

    /** For deserialization. */
    public SetConsentProcessor()
    {
    }

    /**
     * A consent change.
     *
     * @param personalization the personalization choice, or {@code null} to leave it.
     * @param marketing       the marketing choice, or {@code null} to leave it.
     * @param nowMs           when.
     */
    public SetConsentProcessor(final Boolean personalization, final Boolean marketing, final long nowMs)
    {
        this.personalization = encode(personalization);
        this.marketing = encode(marketing);
        this.nowMs = nowMs;
    }

    private static byte encode(final Boolean choice)
    {
        return choice == null ? UNCHANGED : (byte)(choice ? 1 : 0);
    }

    private static Boolean decode(final byte choice)
    {
        return choice == UNCHANGED ? null : choice == 1;
    }

    @Override
    protected Object change(final Profile profile, final MemberContext context)
    {
        final boolean erased = ShopperChoices.setConsent(profile, decode(personalization), decode(marketing),
            nowMs);
        return new int[] {profile.flags(), erased ? 1 : 0};
    }

    @Override
    public int getClassId()
    {
        return TypeIds.SET_CONSENT;
    }

    @Override
    public void writeData(final ObjectDataOutput out) throws IOException
    {
        out.writeByte(personalization);
        out.writeByte(marketing);
        out.writeLong(nowMs);
    }

    @Override
    public void readData(final ObjectDataInput in) throws IOException
    {
        personalization = in.readByte();
        marketing = in.readByte();
        nowMs = in.readLong();
    }
}
