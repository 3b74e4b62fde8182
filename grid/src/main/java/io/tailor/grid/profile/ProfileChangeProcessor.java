package io.tailor.grid.profile;

import io.tailor.scoring.profile.ForwardRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileCodec;
import io.tailor.scoring.profile.TombstoneRecord;
import io.tailor.scoring.util.Hashing;

import java.util.Map;

/**
 * A change of one profile on its owner, in one step: decode (an empty profile when there is none, versions
 * continuing a tombstone's), change, store, hand to the owner-local replica; the backup receives the bytes.
 * A forward record (the id was linked to a customer) is not changed: the result is then the key of the
 * profile it forwards to, as a {@code String}, for the caller to apply the change there.
 */
abstract class ProfileChangeProcessor extends ProfileWriteProcessor<Object>
{
    private transient String key;

    @Override
    public final Object process(final Map.Entry<String, byte[]> entry)
    {
        final byte[] current = entry.getValue();
        if (ForwardRecord.isForward(current))
        {
            return ForwardRecord.target(current);
        }
        final MemberContext context = member();
        final Profile profile = context.scratchProfile();
        if (current == null)
        {
            profile.clear();
        }
        else if (TombstoneRecord.isTombstone(current))
        {
            profile.clearAfterErasure(ProfileCodec.version(current));
        }
        else
        {
            ProfileCodec.decode(current, profile);
        }
        final long before = profile.version();
        key = entry.getKey();
        final Object result = change(profile, context);
        if (profile.version() != before)
        {
            profile.assignIfUnassigned(Hashing.key(entry.getKey()));
            write(entry, ProfileCodec.encode(profile));
        }
        return result;
    }

    /**
     * The key of the profile being changed, during {@link #change(Profile, MemberContext)}.
     *
     * @return the profile key.
     */
    protected final String key()
    {
        return key;
    }

    /**
     * Changes the profile; a change must increase its version.
     *
     * @param profile the shopper's profile (empty when none was stored).
     * @param context this member's context.
     * @return the result for the caller.
     */
    protected abstract Object change(Profile profile, MemberContext context);
}
