package io.tailor.scoring.profile;

/**
 * What a shopper states rather than does: their consent ({@link ProfileFlags}) and their stated preferences
 * ({@link StatedPreferences}). Neither is an event, so neither is de-duplicated or logged; both bump the
 * profile's version so the change replicates and persists like any other. Allocates nothing.
 */
public final class ShopperChoices
{
    private ShopperChoices()
    {
    }

    /**
     * Records the shopper's consent. Withdrawing personalization consent erases the history: only the
     * consent itself (and the version) is kept, so no profile is built from then on.
     *
     * @param profile         profile to change (possibly empty: a consent can come before any event).
     * @param personalization the personalization choice, or {@code null} to leave it.
     * @param marketing       the marketing choice, or {@code null} to leave it.
     * @param nowMs           time of the change.
     * @return whether history was erased.
     */
    public static boolean setConsent(final Profile profile, final Boolean personalization, final Boolean marketing,
        final long nowMs)
    {
        int flags = profile.flags;
        if (personalization != null)
        {
            flags = ProfileFlags.withPersonalization(flags, personalization);
        }
        if (marketing != null)
        {
            flags = ProfileFlags.withMarketing(flags, marketing);
        }
        final boolean erase = !ProfileFlags.personalization(flags) && profile.hasAnyHistory();
        if (!ProfileFlags.personalization(flags))
        {
            final long version = profile.version;
            profile.clear();
            profile.version = version;
        }
        profile.flags = flags;
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        return erase;
    }

    /**
     * Records a Global Privacy Control signal: marketing refused ({@link ProfileFlags#MARKETING_REFUSED_BY_GPC}).
     * The personalization choice is left as it is: GPC is an objection to sale, sharing and marketing, not to a
     * store's own recommendations. Changes nothing (not even the version) when the refusal is already recorded, so
     * a browser that signals it with every batch costs one write.
     *
     * @param profile profile to change (possibly empty: the signal can come before any event is stored).
     * @param nowMs   time of the change.
     * @return whether the profile changed.
     */
    public static boolean refuseMarketingByGpc(final Profile profile, final long nowMs)
    {
        if (ProfileFlags.gpc(profile.flags))
        {
            return false;
        }
        profile.flags = ProfileFlags.withGpcRefusal(profile.flags);
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        return true;
    }

    /**
     * Replaces the shopper's stated preferences; they take precedence over what their behaviour suggests.
     *
     * @param profile    profile to change.
     * @param categories keys of liked categories, at most {@link StatedPreferences#MAX_CATEGORIES}.
     * @param brands     keys of liked brands, at most {@link StatedPreferences#MAX_BRANDS}.
     * @param sizes      sizes, at most {@link StatedPreferences#MAX_SIZES} of 1 to
     *                   {@link StatedPreferences#MAX_SIZE_LENGTH} printable ASCII characters.
     * @param disliked   keys of products never to show, at most {@link StatedPreferences#MAX_DISLIKED}.
     * @param nowMs      time of the change.
     * @return false, changing nothing, when the shopper withdrew personalization consent.
     * @throws IllegalArgumentException when a list is too long or a size is not valid.
     */
    public static boolean setPreferences(final Profile profile, final long[] categories, final long[] brands,
        final String[] sizes, final long[] disliked, final long nowMs)
    {
        if (!ProfileFlags.personalization(profile.flags))
        {
            return false;
        }
        profile.preferences.replace(categories, brands, sizes, disliked);
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        ActivityLog.fit(profile);
        return true;
    }
}
