package io.tailor.scoring.profile;

import io.tailor.scoring.event.EventType;
import io.tailor.scoring.util.Decay;
import io.tailor.scoring.util.Hashing;

/**
 * Merges one shopper's profile into another's when their ids are linked (an anonymous id or a loyalty card
 * to a customer): every quantity combines as if both histories had been one shopper's. Used by the grid's
 * merge entry processor and by tests; allocates nothing.
 */
public final class ProfileMerger
{
    private final long affinityHalfLifeMs;
    private final long impressionWindowMs;

    /**
     * Merger with settings.
     *
     * @param settings profile settings: the affinity half-life and the impression counting window.
     */
    public ProfileMerger(final ProfileSettings settings)
    {
        this.affinityHalfLifeMs = settings.affinityHalfLife().toMillis();
        this.impressionWindowMs = settings.impressionWindow().toMillis();
    }

    /**
     * Merges {@code source} into {@code profile}. Counts, spend and
     * impression counts add up; decayed weights are brought to the same time and added; lists keep the
     * newest entries of both, once per product; the event ids of both are remembered, so an event re-sent
     * under the other id is still a duplicate. Consent the target stated wins; consent only the source stated
     * is kept, and a withdrawn personalization consent leaves no history.
     * <p>
     * Idempotent per {@code mergeKey}: a merge retried after a failure is a duplicate and changes nothing.
     *
     * @param profile  profile merged into (the customer's).
     * @param source   profile merged from; unchanged.
     * @param mergeKey key identifying this merge (e.g. of the source id and its version), remembered like an
     *                 event id; {@link Hashing#NONE} for none.
     * @param nowMs    time of the merge.
     * @return {@link ProfileUpdater.Outcome#APPLIED}, or {@link ProfileUpdater.Outcome#DUPLICATE} when this merge
     *     was applied before.
     */
    public ProfileUpdater.Outcome merge(final Profile profile, final Profile source, final long mergeKey,
        final long nowMs)
    {
        if (mergeKey != Hashing.NONE && profile.seen(mergeKey))
        {
            return ProfileUpdater.Outcome.DUPLICATE;
        }
        int flags = ProfileFlags.merge(profile.flags, source.flags);
        if (ProfileFlags.assigned(source.flags) &&
            (profile.isEmpty() || (!source.isEmpty() && source.createdAtMs < profile.createdAtMs)))
        {
            // The older profile's experiment arms stay the person's (a cookie's history before its login).
            flags = ProfileFlags.withAssignmentBucket(flags, ProfileFlags.assignmentBucket(source.flags, 0));
        }
        if (!ProfileFlags.personalization(flags))
        {
            final long version = profile.version;
            profile.clear();
            profile.flags = flags;
            profile.version = version;
            return finishMerge(profile, mergeKey, nowMs);
        }
        profile.flags = flags;
        if (source.isEmpty())
        {
            return finishMerge(profile, mergeKey, nowMs);
        }
        final boolean wasEmpty = profile.isEmpty();
        profile.createdAtMs = wasEmpty ? source.createdAtMs : Math.min(profile.createdAtMs, source.createdAtMs);
        profile.updatedAtMs = Math.max(profile.updatedAtMs, source.updatedAtMs);
        profile.spend += source.spend;
        profile.lastServiceAtMs = Math.max(profile.lastServiceAtMs, source.lastServiceAtMs);
        final int samples = profile.priceSamples + source.priceSamples;
        if (samples > 0)
        {
            profile.priceLogMean = (profile.priceLogMean * profile.priceSamples +
                source.priceLogMean * source.priceSamples) / samples;
        }
        profile.priceSamples = samples;

        // Decayed quantities: both sides brought to the later of their times, then added.
        final long at = Math.max(profile.decayAtMs, source.decayAtMs);
        final float into = (float)Decay.factor(at - profile.decayAtMs, affinityHalfLifeMs);
        final float from = (float)Decay.factor(at - source.decayAtMs, affinityHalfLifeMs);
        profile.decayAtMs = at;
        if (source.hasAffinity && source.dimensions == profile.dimensions)
        {
            for (int i = 0; i < profile.dimensions; i++)
            {
                profile.affinity[i] = profile.affinity[i] * into + source.affinity[i] * from;
            }
            profile.hasAffinity = true;
        }
        else
        {
            for (int i = 0; i < profile.dimensions; i++)
            {
                profile.affinity[i] *= into;
            }
        }
        for (int i = 0; i < profile.categoryCount; i++)
        {
            profile.categoryWeights[i] *= into;
        }
        for (int i = 0; i < source.categoryCount; i++)
        {
            profile.categoryCount = ProfileLists.addWeighted(profile.categoryKeys, profile.categoryWeights,
                profile.categoryCount, source.categoryKeys[i], source.categoryWeights[i] * from);
        }
        for (int i = 0; i < profile.brandCount; i++)
        {
            profile.brandWeights[i] *= into;
        }
        for (int i = 0; i < source.brandCount; i++)
        {
            profile.brandCount = ProfileLists.addWeighted(profile.brandKeys, profile.brandWeights, profile.brandCount,
                source.brandKeys[i], source.brandWeights[i] * from);
        }

        for (int i = 0; i < source.recentCount; i++)
        {
            mergeRecent(profile, source.recentKeys[i], source.recentAtMs[i], source.recentFirstAtMs[i],
                source.recentTypes[i]);
        }
        for (int i = 0; i < source.ownedCount; i++)
        {
            ProfileLists.own(profile, source.ownedKeys[i], source.ownedAtMs[i],
                EventType.fromOrdinal(source.ownedTypes[i]));
        }
        for (int w = 0; w < profile.ownedFilter.length; w++)
        {
            profile.ownedFilter[w] |= source.ownedFilter[w];
        }
        final ImpressionCounts impressions = source.impressions;
        for (int i = 0; i < impressions.count; i++)
        {
            profile.impressions.merge(impressions.keys[i], impressions.counts[i], impressions.sinceMs[i],
                impressionWindowMs);
        }
        // The source's ids, oldest first, then the merge itself: the ring keeps the newest.
        final int ids = source.eventIdCount;
        final int oldest = ids < Profile.MAX_EVENT_IDS ? 0 : source.eventIdHead;
        for (int n = 0; n < ids; n++)
        {
            final long id = source.eventIds[(oldest + n) % Profile.MAX_EVENT_IDS];
            if (!profile.seen(id))
            {
                ProfileLists.rememberId(profile, id);
            }
        }
        for (int t = 0; t < profile.typeCounts.length; t++)
        {
            profile.typeCounts[t] += source.typeCounts[t];
        }
        if (profile.preferences.isEmpty() && !source.preferences.isEmpty())
        {
            profile.preferences.copyFrom(source.preferences);
        }
        for (int i = 0, activities = source.activityCount(); i < activities; i++)
        {
            ActivityLog.append(profile, ActivityLog.toMs(source.activityMinutes[i]),
                ActivityLog.type(source.activityKinds[i]), ActivityLog.startsEvent(source.activityKinds[i]),
                source.activityProducts[i], source.activityValues[i]);
        }
        return finishMerge(profile, mergeKey, nowMs);
    }

    private static ProfileUpdater.Outcome finishMerge(final Profile profile, final long mergeKey, final long nowMs)
    {
        if (mergeKey != Hashing.NONE)
        {
            ProfileLists.rememberId(profile, mergeKey);
        }
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        ActivityLog.fit(profile);
        return ProfileUpdater.Outcome.APPLIED;
    }

    private static void mergeRecent(final Profile profile, final long key, final long atMs, final long firstAtMs,
        final byte type)
    {
        final int existing = profile.recentIndexOf(key);
        long first = firstAtMs;
        byte strongest = type;
        if (existing >= 0)
        {
            first = Math.min(first, profile.recentFirstAtMs[existing]);
            if (ProfileLists.strength(EventType.fromOrdinal(profile.recentTypes[existing])) >
                ProfileLists.strength(EventType.fromOrdinal(type)))
            {
                strongest = profile.recentTypes[existing];
            }
        }
        ProfileLists.remember(profile, key, atMs, EventType.fromOrdinal(strongest));
        final int now = profile.recentIndexOf(key);
        if (now >= 0)
        {
            profile.recentFirstAtMs[now] = Math.min(profile.recentFirstAtMs[now], first);
        }
    }
}
