package io.tailor.grid.profile;

import com.hazelcast.nio.ObjectDataInput;
import com.hazelcast.nio.ObjectDataOutput;
import io.tailor.grid.serialization.TypeIds;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ShopperChoices;

import java.io.IOException;

/**
 * Records a shopper's consent on the profile's owner (creating a record that holds only the consent when
 * there was no profile); withdrawing personalization consent erases the history. A Global Privacy Control signal
 * ({@link #globalPrivacyControl(long)}) refuses marketing. Returns
 * {@code int[]{flags, historyErased ? 1 : 0}}, or the forward target as in {@link ProfileChangeProcessor}.
 */
public final class SetConsentProcessor extends ProfileChangeProcessor
{
    private static final byte UNCHANGED = -1;
    /** The marketing byte of a Global Privacy Control signal: refused, see {@link ShopperChoices}. */
    private static final byte REFUSED_BY_GPC = 2;

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

    /**
     * A Global Privacy Control signal: marketing refused, personalization left as it is.
     *
     * @param nowMs when.
     * @return the change.
     */
    public static SetConsentProcessor globalPrivacyControl(final long nowMs)
    {
        final SetConsentProcessor signal = new SetConsentProcessor(null, null, nowMs);
        signal.marketing = REFUSED_BY_GPC;
        return signal;
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
        if (marketing == REFUSED_BY_GPC)
        {
            ShopperChoices.refuseMarketingByGpc(profile, nowMs);
            return new int[] {profile.flags(), 0};
        }
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
