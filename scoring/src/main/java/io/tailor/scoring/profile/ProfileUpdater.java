package io.tailor.scoring.profile;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.model.CooccurrenceKind;
import io.tailor.scoring.model.ItemSignalHandler;
import io.tailor.scoring.model.PopularityKind;
import io.tailor.scoring.util.Decay;
import io.tailor.scoring.util.Hashing;

import java.util.List;

/**
 * How an event changes a profile: the one implementation used by the grid's entry processors, by tests
 * and by the offline evaluation.
 * <p>
 * An event whose id is among the profile's remembered ids is a duplicate and changes nothing. Otherwise
 * it is applied at its own time: decayed quantities are brought forward to it when it is the latest
 * event, or the event's weight is decayed back when it arrived out of order. Work per event is
 * O(d + list capacities); nothing is allocated.
 * <p>
 * Products marked sensitive are recorded (so they are not recommended again after a purchase) but never
 * feed the affinity vector, brands or top categories: they are not used as a signal outside their own
 * category.
 * <p>
 * A shopper who withdrew personalization consent ({@link ProfileFlags}) gets no profile: their events only
 * feed the anonymous item aggregates (popularity, and the pairs within one order) and change nothing here.
 * <p>
 * Every change keeps the binary form within {@link ProfileCodec#MAX_LENGTH} by trimming the activity log.
 */
public final class ProfileUpdater
{
    /** Outcome of applying an event. */
    public enum Outcome
    {
        /** The event changed the profile. */
        APPLIED,
        /** The event's id was seen before; nothing changed. */
        DUPLICATE,
        /**
         * The shopper withdrew personalization consent: the event fed only the anonymous item aggregates and
         * the profile did not change.
         */
        ANONYMOUS
    }

    private final long affinityHalfLifeMs;
    private final EventWeights weights;
    private final long coViewWindowMs;
    private final long coCartWindowMs;
    private final long coPurchaseWindowMs;
    private final int pairsPerEvent;
    private final long impressionWindowMs;

    /**
     * Updater with settings.
     *
     * @param settings profile settings.
     */
    public ProfileUpdater(final ProfileSettings settings)
    {
        this.affinityHalfLifeMs = settings.affinityHalfLife().toMillis();
        this.weights = settings.weights();
        this.coViewWindowMs = settings.coViewWindow().toMillis();
        this.coCartWindowMs = settings.coCartWindow().toMillis();
        this.coPurchaseWindowMs = settings.coPurchaseWindow().toMillis();
        this.pairsPerEvent = settings.pairsPerEvent();
        this.impressionWindowMs = settings.impressionWindow().toMillis();
    }

    /**
     * Length of a product's impression counting window.
     *
     * @return milliseconds.
     */
    public long impressionWindowMs()
    {
        return impressionWindowMs;
    }

    /**
     * Applies one event.
     *
     * @param profile profile to change.
     * @param event   a validated event for this profile's shopper.
     * @param catalog catalog snapshot to look products up in; unknown products are still recorded.
     * @param signals receives item-level signals of an applied event.
     * @return whether the event was applied or was a duplicate.
     */
    public Outcome apply(final Profile profile, final Event event, final CatalogSnapshot catalog,
        final ItemSignalHandler signals)
    {
        if (!ProfileFlags.personalization(profile.flags))
        {
            applyToAggregates(event, signals);
            return Outcome.ANONYMOUS;
        }
        final long idKey = event.id() == null ? Hashing.NONE : Hashing.key(event.id());
        if (idKey != Hashing.NONE)
        {
            if (profile.seen(idKey))
            {
                return Outcome.DUPLICATE;
            }
            rememberId(profile, idKey);
        }

        final long atMs = event.timestampMs();
        final EventType type = event.type();
        profile.createdAtMs = profile.isEmpty() ? atMs : Math.min(profile.createdAtMs, atMs);
        profile.typeCounts[type.ordinal()]++;

        switch (type)
        {
            case VIEW, CLICK ->
            {
                touch(profile, event.product(), weights.weight(type, event.value()), type, atMs, catalog, Double.NaN,
                    signals);
                final long productKey = Hashing.key(event.product());
                signals.onPopularity(productKey, PopularityKind.VIEW, 1.0, atMs);
                if (type == EventType.CLICK)
                {
                    signals.onClicked(productKey, atMs);
                }
            }
            case ADD_TO_CART ->
            {
                touch(profile, event.product(), weights.addToCart(), type, atMs, catalog, Double.NaN, signals);
                signals.onPopularity(Hashing.key(event.product()), PopularityKind.CART, 1.0, atMs);
            }
            case RATING ->
            {
                touch(profile, event.product(), weights.weight(type, event.value()), type, atMs, catalog, Double.NaN,
                    signals);
                signals.onPopularity(Hashing.key(event.product()), PopularityKind.VIEW, 1.0, atMs);
            }
            case REMOVE_FROM_CART ->
                touch(profile, event.product(), weights.removeFromCart(), type, atMs, catalog, Double.NaN, signals);
            case PURCHASE ->
            {
                final List<LineItem> items = event.items();
                learnTimeToPurchase(profile, event, atMs, signals);
                if (items.isEmpty())
                {
                    touch(profile, event.product(), weights.purchase(), type, atMs, catalog, Double.NaN, signals);
                    signals.onPopularity(Hashing.key(event.product()), PopularityKind.PURCHASE, 1.0, atMs);
                }
                for (int i = 0, size = items.size(); i < size; i++)
                {
                    final LineItem item = items.get(i);
                    final double weight = weights.purchase() * (1.0 + Math.log(item.quantity()));
                    touch(profile, item.product(), weight, type, atMs, catalog, item.price(), signals);
                    signals.onPopularity(Hashing.key(item.product()), PopularityKind.PURCHASE, item.quantity(), atMs);
                }
                profile.spend += event.amount();
            }
            case REFUND ->
            {
                final List<LineItem> items = event.items();
                if (items.isEmpty() && event.product() != null)
                {
                    touch(profile, event.product(), weights.refund(), type, atMs, catalog, Double.NaN, signals);
                }
                for (int i = 0, size = items.size(); i < size; i++)
                {
                    touch(profile, items.get(i).product(), weights.refund(), type, atMs, catalog, Double.NaN, signals);
                }
                profile.spend -= event.amount();
            }
            case IMPRESSION -> profile.recordImpression(Hashing.key(event.product()), atMs, impressionWindowMs, 1);
            case SERVICE -> profile.lastServiceAtMs = Math.max(profile.lastServiceAtMs,
                ProfileCodec.fromSeconds(ProfileCodec.toSeconds(atMs)));
            default ->
            {
                // Counted above; these types do not name a product.
            }
        }
        log(profile, event, atMs);

        profile.updatedAtMs = Math.max(profile.updatedAtMs, atMs);
        profile.version++;
        ActivityLog.fit(profile);
        return Outcome.APPLIED;
    }

    /**
     * Records an event in the activity log; a purchase or refund as lines carrying their share of the amount.
     */
    private static void log(final Profile profile, final Event event, final long atMs)
    {
        final EventType type = event.type();
        if (!ActivityLog.logged(type))
        {
            return;
        }
        final List<LineItem> items = event.items();
        if (items.isEmpty())
        {
            final double value = type == EventType.PURCHASE || type == EventType.REFUND ? event.amount() :
                Double.isNaN(event.value()) ? 0.0 : event.value();
            ActivityLog.append(profile, atMs, type, true, event.product() == null ? 0 :
                Profile.impressionFingerprint(Hashing.key(event.product())), (float)value);
            return;
        }
        boolean priced = true;
        double total = 0;
        for (int i = 0, size = items.size(); i < size; i++)
        {
            priced &= !Double.isNaN(items.get(i).price());
        }
        for (int i = 0, size = items.size(); i < size; i++)
        {
            total += share(items.get(i), priced);
        }
        final double amount = event.amount();
        final int lines = Math.min(items.size(), ActivityLog.LINES_PER_EVENT);
        double logged = 0;
        for (int i = 0; i < lines; i++)
        {
            final LineItem item = items.get(i);
            final double value = total > 0 ? amount * share(item, priced) / total : 0.0;
            logged += value;
            ActivityLog.append(profile, atMs, type, i == 0, Profile.impressionFingerprint(Hashing.key(item.product())),
                (float)value);
        }
        if (items.size() > lines)
        {
            ActivityLog.append(profile, atMs, type, false, 0, (float)(amount - logged));
        }
    }

    private static double share(final LineItem item, final boolean priced)
    {
        return priced ? item.quantity() * item.price() : item.quantity();
    }

    /**
     * On a purchase, tells the item model how long each bought product took from the shopper's first view,
     * click or cart of it (recent list, else activity log) to this purchase; a product bought before does not
     * start a new journey.
     */
    private static void learnTimeToPurchase(final Profile profile, final Event event, final long atMs,
        final ItemSignalHandler signals)
    {
        final List<LineItem> items = event.items();
        final int size = items.isEmpty() ? 1 : items.size();
        for (int i = 0; i < size; i++)
        {
            final String product = items.isEmpty() ? event.product() : items.get(i).product();
            final long key = Hashing.key(product);
            if (profile.owns(key))
            {
                continue;
            }
            long first = ActivityLog.firstInterest(profile, Profile.impressionFingerprint(key));
            final int recent = profile.recentIndexOf(key);
            if (recent >= 0 && EventType.fromOrdinal(profile.recentTypes[recent]) != EventType.REFUND)
            {
                first = Math.min(first, profile.recentFirstAtMs[recent]);
            }
            if (first != Long.MAX_VALUE && first <= atMs)
            {
                signals.onTimeToPurchase(key, atMs - first, atMs);
            }
        }
    }

    /**
     * What an event of a shopper without personalization consent still tells: item popularity, and the
     * products bought together in one order. Nothing about the shopper is kept.
     */
    private void applyToAggregates(final Event event, final ItemSignalHandler signals)
    {
        final long atMs = event.timestampMs();
        switch (event.type())
        {
            case VIEW, CLICK, RATING -> signals.onPopularity(Hashing.key(event.product()), PopularityKind.VIEW, 1.0,
                atMs);
            case ADD_TO_CART -> signals.onPopularity(Hashing.key(event.product()), PopularityKind.CART, 1.0, atMs);
            case PURCHASE ->
            {
                final List<LineItem> items = event.items();
                if (items.isEmpty())
                {
                    signals.onPopularity(Hashing.key(event.product()), PopularityKind.PURCHASE, 1.0, atMs);
                }
                int pairs = 0;
                for (int i = 0, size = items.size(); i < size; i++)
                {
                    final long key = Hashing.key(items.get(i).product());
                    signals.onPopularity(key, PopularityKind.PURCHASE, items.get(i).quantity(), atMs);
                    for (int j = 0; j < i && pairs < pairsPerEvent; j++, pairs++)
                    {
                        signals.onCooccurrence(key, Hashing.key(items.get(j).product()), CooccurrenceKind.PURCHASE,
                            atMs);
                    }
                }
            }
            default ->
            {
                // Nothing anonymous to learn.
            }
        }
    }

    /**
     * Records that products were shown to the shopper (a list Tailor served), for frequency capping.
     * Idempotent per list: {@code listKey} (the key of the answer's request id) is remembered like an event
     * id, so a retried delivery is not counted twice.
     *
     * @param profile     profile to change.
     * @param listKey     key of the served list's id, or {@link Hashing#NONE} to skip de-duplication.
     * @param productKeys keys of the products shown.
     * @param count       how many of {@code productKeys} to record.
     * @param atMs        when they were shown.
     * @return whether the impressions were recorded, the list was a duplicate, or the shopper withdrew
     *     personalization consent (nothing is recorded then).
     */
    public Outcome applyImpressions(final Profile profile, final long listKey, final long[] productKeys,
        final int count, final long atMs)
    {
        if (!ProfileFlags.personalization(profile.flags))
        {
            return Outcome.ANONYMOUS;
        }
        if (listKey != Hashing.NONE)
        {
            if (profile.seen(listKey))
            {
                return Outcome.DUPLICATE;
            }
            rememberId(profile, listKey);
        }
        for (int i = 0; i < count; i++)
        {
            profile.recordImpression(productKeys[i], atMs, impressionWindowMs, 1);
        }
        profile.createdAtMs = profile.isEmpty() ? atMs : Math.min(profile.createdAtMs, atMs);
        profile.updatedAtMs = Math.max(profile.updatedAtMs, atMs);
        profile.version++;
        ActivityLog.fit(profile);
        return Outcome.APPLIED;
    }

    /**
     * Merges another shopper's profile into this one, when an anonymous id (or a loyalty card) is linked to a
     * customer: every quantity combines as if both histories had been one shopper's. Counts, spend and
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
     * @return {@link Outcome#APPLIED}, or {@link Outcome#DUPLICATE} when this merge was applied before.
     */
    public Outcome merge(final Profile profile, final Profile source, final long mergeKey, final long nowMs)
    {
        if (mergeKey != Hashing.NONE && profile.seen(mergeKey))
        {
            return Outcome.DUPLICATE;
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
            profile.categoryCount = addWeighted(profile.categoryKeys, profile.categoryWeights, profile.categoryCount,
                source.categoryKeys[i], source.categoryWeights[i] * from);
        }
        for (int i = 0; i < profile.brandCount; i++)
        {
            profile.brandWeights[i] *= into;
        }
        for (int i = 0; i < source.brandCount; i++)
        {
            profile.brandCount = addWeighted(profile.brandKeys, profile.brandWeights, profile.brandCount,
                source.brandKeys[i], source.brandWeights[i] * from);
        }

        for (int i = 0; i < source.recentCount; i++)
        {
            mergeRecent(profile, source.recentKeys[i], source.recentAtMs[i], source.recentFirstAtMs[i],
                source.recentTypes[i]);
        }
        for (int i = 0; i < source.ownedCount; i++)
        {
            own(profile, source.ownedKeys[i], source.ownedAtMs[i], EventType.fromOrdinal(source.ownedTypes[i]));
        }
        for (int w = 0; w < profile.ownedFilter.length; w++)
        {
            profile.ownedFilter[w] |= source.ownedFilter[w];
        }
        for (int i = 0; i < source.impressionCount; i++)
        {
            mergeImpression(profile, source.impressionKeys[i], source.impressionCounts[i],
                source.impressionSinceMs[i]);
        }
        // The source's ids, oldest first, then the merge itself: the ring keeps the newest.
        final int ids = source.eventIdCount;
        final int oldest = ids < Profile.MAX_EVENT_IDS ? 0 : source.eventIdHead;
        for (int n = 0; n < ids; n++)
        {
            final long id = source.eventIds[(oldest + n) % Profile.MAX_EVENT_IDS];
            if (!profile.seen(id))
            {
                rememberId(profile, id);
            }
        }
        for (int t = 0; t < profile.typeCounts.length; t++)
        {
            profile.typeCounts[t] += source.typeCounts[t];
        }
        if (!profile.hasPreferences() && source.hasPreferences())
        {
            copyPreferences(profile, source);
        }
        for (int i = 0, activities = source.activityCount(); i < activities; i++)
        {
            ActivityLog.append(profile, ActivityLog.toMs(source.activityMinutes[i]),
                ActivityLog.type(source.activityKinds[i]), ActivityLog.startsEvent(source.activityKinds[i]),
                source.activityProducts[i], source.activityValues[i]);
        }
        return finishMerge(profile, mergeKey, nowMs);
    }

    private static Outcome finishMerge(final Profile profile, final long mergeKey, final long nowMs)
    {
        if (mergeKey != Hashing.NONE)
        {
            rememberId(profile, mergeKey);
        }
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        ActivityLog.fit(profile);
        return Outcome.APPLIED;
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
            if (strength(EventType.fromOrdinal(profile.recentTypes[existing])) >
                strength(EventType.fromOrdinal(type)))
            {
                strongest = profile.recentTypes[existing];
            }
        }
        remember(profile, key, atMs, EventType.fromOrdinal(strongest));
        final int now = profile.recentIndexOf(key);
        if (now >= 0)
        {
            profile.recentFirstAtMs[now] = Math.min(profile.recentFirstAtMs[now], first);
        }
    }

    private void mergeImpression(final Profile profile, final int fingerprint, final int count, final long sinceMs)
    {
        for (int i = 0; i < profile.impressionCount; i++)
        {
            if (profile.impressionKeys[i] == fingerprint)
            {
                if (Math.abs(profile.impressionSinceMs[i] - sinceMs) < impressionWindowMs)
                {
                    profile.impressionSinceMs[i] = Math.min(profile.impressionSinceMs[i], sinceMs);
                    profile.impressionCounts[i] = Math.min(0xFFFF, profile.impressionCounts[i] + count);
                }
                else if (sinceMs > profile.impressionSinceMs[i])
                {
                    profile.impressionSinceMs[i] = sinceMs;
                    profile.impressionCounts[i] = count;
                }
                return;
            }
        }
        int slot = profile.impressionCount;
        if (slot == Profile.MAX_IMPRESSIONS)
        {
            slot = 0;
            for (int i = 1; i < profile.impressionCount; i++)
            {
                if (profile.impressionSinceMs[i] < profile.impressionSinceMs[slot])
                {
                    slot = i;
                }
            }
            if (profile.impressionSinceMs[slot] > sinceMs)
            {
                return;
            }
        }
        else
        {
            profile.impressionCount++;
        }
        profile.impressionKeys[slot] = fingerprint;
        profile.impressionCounts[slot] = count;
        profile.impressionSinceMs[slot] = sinceMs;
    }

    private static void copyPreferences(final Profile profile, final Profile source)
    {
        profile.likedCategoryCount = source.likedCategoryCount;
        System.arraycopy(source.likedCategoryKeys, 0, profile.likedCategoryKeys, 0, source.likedCategoryCount);
        profile.likedBrandCount = source.likedBrandCount;
        System.arraycopy(source.likedBrandKeys, 0, profile.likedBrandKeys, 0, source.likedBrandCount);
        profile.sizeCount = source.sizeCount;
        System.arraycopy(source.sizeLengths, 0, profile.sizeLengths, 0, Profile.MAX_SIZES);
        System.arraycopy(source.sizeChars, 0, profile.sizeChars, 0, profile.sizeChars.length);
        profile.dislikedCount = source.dislikedCount;
        System.arraycopy(source.dislikedKeys, 0, profile.dislikedKeys, 0, source.dislikedCount);
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
    public boolean setConsent(final Profile profile, final Boolean personalization, final Boolean marketing,
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
     * Replaces the shopper's stated preferences; they take precedence over what their behaviour suggests.
     *
     * @param profile    profile to change.
     * @param categories keys of liked categories, at most {@link Profile#MAX_LIKED_CATEGORIES}.
     * @param brands     keys of liked brands, at most {@link Profile#MAX_LIKED_BRANDS}.
     * @param sizes      sizes, at most {@link Profile#MAX_SIZES} of 1 to {@link Profile#MAX_SIZE_LENGTH}
     *                   printable ASCII characters.
     * @param disliked   keys of products never to show, at most {@link Profile#MAX_DISLIKED}.
     * @param nowMs      time of the change.
     * @return false, changing nothing, when the shopper withdrew personalization consent.
     * @throws IllegalArgumentException when a list is too long or a size is not valid.
     */
    public boolean setPreferences(final Profile profile, final long[] categories, final long[] brands,
        final String[] sizes, final long[] disliked, final long nowMs)
    {
        if (!ProfileFlags.personalization(profile.flags))
        {
            return false;
        }
        if (categories.length > Profile.MAX_LIKED_CATEGORIES || brands.length > Profile.MAX_LIKED_BRANDS ||
            sizes.length > Profile.MAX_SIZES || disliked.length > Profile.MAX_DISLIKED)
        {
            throw new IllegalArgumentException("too many preferences");
        }
        for (final String size : sizes)
        {
            if (!validSize(size))
            {
                throw new IllegalArgumentException("a size must be 1 to " + Profile.MAX_SIZE_LENGTH +
                    " printable ASCII characters: " + size);
            }
        }
        profile.likedCategoryCount = categories.length;
        System.arraycopy(categories, 0, profile.likedCategoryKeys, 0, categories.length);
        profile.likedBrandCount = brands.length;
        System.arraycopy(brands, 0, profile.likedBrandKeys, 0, brands.length);
        profile.sizeCount = sizes.length;
        for (int i = 0; i < sizes.length; i++)
        {
            final String size = sizes[i];
            profile.sizeLengths[i] = (byte)size.length();
            for (int c = 0; c < size.length(); c++)
            {
                profile.sizeChars[i * Profile.MAX_SIZE_LENGTH + c] = (byte)size.charAt(c);
            }
        }
        profile.dislikedCount = disliked.length;
        System.arraycopy(disliked, 0, profile.dislikedKeys, 0, disliked.length);
        if (profile.isEmpty())
        {
            profile.createdAtMs = nowMs;
        }
        profile.updatedAtMs = Math.max(profile.updatedAtMs, nowMs);
        profile.version++;
        ActivityLog.fit(profile);
        return true;
    }

    /**
     * Whether a text can be stored as a size.
     *
     * @param size candidate size.
     * @return true for 1 to {@link Profile#MAX_SIZE_LENGTH} printable ASCII characters.
     */
    public static boolean validSize(final String size)
    {
        if (size == null || size.isEmpty() || size.length() > Profile.MAX_SIZE_LENGTH)
        {
            return false;
        }
        for (int c = 0; c < size.length(); c++)
        {
            if (size.charAt(c) < 0x20 || size.charAt(c) > 0x7E)
            {
                return false;
            }
        }
        return true;
    }

    private void touch(final Profile profile, final String productId, final double weight, final EventType type,
        final long atMs, final CatalogSnapshot catalog, final double linePrice, final ItemSignalHandler signals)
    {
        final long productKey = Hashing.key(productId);
        final long atSecondMs = ProfileCodec.fromSeconds(ProfileCodec.toSeconds(atMs));
        if (weight > 0.0)
        {
            pairWithRecent(profile, productKey, type, atSecondMs, catalog, signals);
        }
        remember(profile, productKey, atSecondMs, type);
        if (type == EventType.PURCHASE || type == EventType.RATING)
        {
            own(profile, productKey, atSecondMs, type);
        }

        final int item = catalog.indexOf(productKey);
        if (item == CatalogSnapshot.MISSING)
        {
            return;
        }
        if (type == EventType.ADD_TO_CART || type == EventType.PURCHASE)
        {
            final double price = Double.isNaN(linePrice) ? catalog.price(item) : linePrice;
            if (price > 0)
            {
                profile.priceSamples++;
                profile.priceLogMean += (float)((Math.log(price) - profile.priceLogMean) / profile.priceSamples);
            }
        }
        if (catalog.sensitive(item) || weight == 0.0)
        {
            return;
        }

        final float w = (float)(weight * advanceTo(profile, atMs));
        final float[] affinity = profile.affinity;
        final float[] vectors = catalog.vectors();
        final int d = profile.dimensions;
        if (catalog.dimensions() == d)
        {
            final int row = item * d;
            for (int i = 0; i < d; i++)
            {
                affinity[i] += w * vectors[row + i];
            }
            profile.hasAffinity = true;
        }

        profile.categoryCount = addWeighted(profile.categoryKeys, profile.categoryWeights, profile.categoryCount,
            catalog.categoryKey(catalog.categoryOf(item)), w);
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING)
        {
            profile.brandCount = addWeighted(profile.brandKeys, profile.brandWeights, profile.brandCount,
                catalog.brandKey(brand), w);
        }
    }

    /**
     * Emits the pairs an interaction makes with the shopper's recent products: viewed within the co-view
     * window, carted within the co-cart window, bought within the co-purchase window (one order's lines
     * are bought at the same time, so they pair with each other). At most {@code pairsPerEvent}, newest
     * first. A sensitive product pairs only with products of its own category.
     */
    private void pairWithRecent(final Profile profile, final long productKey, final EventType type, final long atMs,
        final CatalogSnapshot catalog, final ItemSignalHandler signals)
    {
        if (pairsPerEvent == 0 || !(type == EventType.VIEW || type == EventType.CLICK || type == EventType.RATING ||
            type == EventType.ADD_TO_CART || type == EventType.PURCHASE))
        {
            return;
        }
        final int item = catalog.indexOf(productKey);
        int pairs = 0;
        for (int i = profile.recentCount - 1; i >= 0 && pairs < pairsPerEvent; i--)
        {
            final long otherKey = profile.recentKeys[i];
            if (otherKey == productKey)
            {
                continue;
            }
            final long gap = Math.abs(atMs - profile.recentAtMs[i]);
            final EventType otherType = EventType.fromOrdinal(profile.recentTypes[i]);
            final CooccurrenceKind kind = pairKind(type, otherType, gap);
            if (kind == null || !pairAllowed(catalog, item, catalog.indexOf(otherKey)))
            {
                continue;
            }
            signals.onCooccurrence(productKey, otherKey, kind, atMs);
            pairs++;
        }
    }

    private CooccurrenceKind pairKind(final EventType type, final EventType otherType, final long gap)
    {
        final boolean otherBought = otherType == EventType.PURCHASE;
        final boolean otherCarted = otherType == EventType.ADD_TO_CART || otherBought;
        if (type == EventType.PURCHASE && otherBought && gap <= coPurchaseWindowMs)
        {
            return CooccurrenceKind.PURCHASE;
        }
        if ((type == EventType.PURCHASE || type == EventType.ADD_TO_CART) && otherCarted && gap <= coCartWindowMs)
        {
            return CooccurrenceKind.CART;
        }
        return gap <= coViewWindowMs && otherType != EventType.REFUND && otherType != EventType.REMOVE_FROM_CART ?
            CooccurrenceKind.VIEW : null;
    }

    /** A sensitive product is a signal only within its own category. */
    private static boolean pairAllowed(final CatalogSnapshot catalog, final int item, final int other)
    {
        if (item == CatalogSnapshot.MISSING || other == CatalogSnapshot.MISSING)
        {
            return true;
        }
        return (!catalog.sensitive(item) && !catalog.sensitive(other)) ||
            catalog.categoryOf(item) == catalog.categoryOf(other);
    }

    /**
     * Brings decayed quantities forward to {@code atMs} when it is later than their time.
     *
     * @return the factor for a weight observed at {@code atMs}: 1, or less for an out-of-order event.
     */
    private double advanceTo(final Profile profile, final long atMs)
    {
        if (atMs > profile.decayAtMs)
        {
            final float f = (float)Decay.factor(atMs - profile.decayAtMs, affinityHalfLifeMs);
            if (f != 1f)
            {
                final float[] affinity = profile.affinity;
                for (int i = 0, d = profile.dimensions; i < d; i++)
                {
                    affinity[i] *= f;
                }
                for (int i = 0; i < profile.categoryCount; i++)
                {
                    profile.categoryWeights[i] *= f;
                }
                for (int i = 0; i < profile.brandCount; i++)
                {
                    profile.brandWeights[i] *= f;
                }
            }
            profile.decayAtMs = atMs;
            return 1.0;
        }
        return Decay.factor(profile.decayAtMs - atMs, affinityHalfLifeMs);
    }

    /**
     * Adds weight to a key in a bounded list kept by weight; a new key replaces the weakest when it is
     * stronger. Keys whose weight falls to zero or below are dropped.
     *
     * @return the new count.
     */
    static int addWeighted(final long[] keys, final float[] weights, final int count, final long key,
        final float weight)
    {
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == key)
            {
                weights[i] += weight;
                if (weights[i] <= 0f)
                {
                    final int last = count - 1;
                    keys[i] = keys[last];
                    weights[i] = weights[last];
                    return last;
                }
                return count;
            }
        }
        if (weight <= 0f)
        {
            return count;
        }
        if (count < keys.length)
        {
            keys[count] = key;
            weights[count] = weight;
            return count + 1;
        }
        int weakest = 0;
        for (int i = 1; i < count; i++)
        {
            if (weights[i] < weights[weakest])
            {
                weakest = i;
            }
        }
        if (weight > weights[weakest])
        {
            keys[weakest] = key;
            weights[weakest] = weight;
        }
        return count;
    }

    /** Records a touched product in the recent list, kept oldest first, one entry per product. */
    private static void remember(final Profile profile, final long productKey, final long atMs, final EventType type)
    {
        final long[] keys = profile.recentKeys;
        final long[] times = profile.recentAtMs;
        final byte[] types = profile.recentTypes;
        int count = profile.recentCount;

        final long[] firsts = profile.recentFirstAtMs;
        long at = atMs;
        long first = atMs;
        byte strongest = (byte)type.ordinal();
        for (int i = 0; i < count; i++)
        {
            if (keys[i] == productKey)
            {
                at = Math.max(at, times[i]);
                first = Math.min(first, firsts[i]);
                if (strength(EventType.fromOrdinal(types[i])) > strength(type))
                {
                    strongest = types[i];
                }
                System.arraycopy(keys, i + 1, keys, i, count - i - 1);
                System.arraycopy(times, i + 1, times, i, count - i - 1);
                System.arraycopy(firsts, i + 1, firsts, i, count - i - 1);
                System.arraycopy(types, i + 1, types, i, count - i - 1);
                count--;
                break;
            }
        }

        if (count == keys.length)
        {
            if (at < times[0])
            {
                profile.recentCount = count;
                return;
            }
            System.arraycopy(keys, 1, keys, 0, count - 1);
            System.arraycopy(times, 1, times, 0, count - 1);
            System.arraycopy(firsts, 1, firsts, 0, count - 1);
            System.arraycopy(types, 1, types, 0, count - 1);
            count--;
        }
        int position = count;
        while (position > 0 && times[position - 1] > at)
        {
            position--;
        }
        System.arraycopy(keys, position, keys, position + 1, count - position);
        System.arraycopy(times, position, times, position + 1, count - position);
        System.arraycopy(firsts, position, firsts, position + 1, count - position);
        System.arraycopy(types, position, types, position + 1, count - position);
        keys[position] = productKey;
        times[position] = at;
        // Minute precision, as stored.
        firsts[position] = at - (at - first) / ActivityLog.MINUTE_MS * ActivityLog.MINUTE_MS;
        types[position] = strongest;
        profile.recentCount = count + 1;
    }

    /** Records a purchased or rated product; the oldest makes room when full. */
    private static void own(final Profile profile, final long productKey, final long atMs, final EventType type)
    {
        final long[] keys = profile.ownedKeys;
        for (int i = 0; i < profile.ownedCount; i++)
        {
            if (keys[i] == productKey)
            {
                profile.ownedAtMs[i] = Math.max(profile.ownedAtMs[i], atMs);
                if (type == EventType.PURCHASE)
                {
                    profile.ownedTypes[i] = (byte)type.ordinal();
                }
                return;
            }
        }
        int count = profile.ownedCount;
        if (count == keys.length)
        {
            int oldest = 0;
            for (int i = 1; i < count; i++)
            {
                if (profile.ownedAtMs[i] < profile.ownedAtMs[oldest])
                {
                    oldest = i;
                }
            }
            count--;
            keys[oldest] = keys[count];
            profile.ownedAtMs[oldest] = profile.ownedAtMs[count];
            profile.ownedTypes[oldest] = profile.ownedTypes[count];
        }
        keys[count] = productKey;
        profile.ownedAtMs[count] = atMs;
        profile.ownedTypes[count] = (byte)type.ordinal();
        profile.ownedCount = count + 1;
        profile.addToOwnedFilter(productKey);
    }

    /**
     * Remembers a credit once, in the ring of event ids: what makes a click count once per served list and product
     * however many click events (with different ids) the storefront sends for it. Call after the event was applied,
     * so the profile is stored with it.
     *
     * @param profile   the shopper's profile.
     * @param creditKey key of what is credited, e.g. {@code Hashing.key("click", requestId + "/" + product)}.
     * @return true the first time, false when it was credited before.
     */
    public boolean firstCredit(final Profile profile, final long creditKey)
    {
        if (creditKey == Hashing.NONE || profile.seen(creditKey))
        {
            return false;
        }
        rememberId(profile, creditKey);
        return true;
    }

    private static void rememberId(final Profile profile, final long idKey)
    {
        profile.eventIds[profile.eventIdHead] = idKey & Profile.EVENT_ID_MASK;
        profile.eventIdHead = (profile.eventIdHead + 1) % Profile.MAX_EVENT_IDS;
        if (profile.eventIdCount < Profile.MAX_EVENT_IDS)
        {
            profile.eventIdCount++;
        }
    }

    /** Rank of intent shown by an interaction, to keep the strongest one per recent product. */
    private static int strength(final EventType type)
    {
        return switch (type)
        {
            case PURCHASE -> 5;
            case ADD_TO_CART -> 4;
            case RATING -> 3;
            case CLICK -> 2;
            case VIEW -> 1;
            default -> 0;
        };
    }
}
