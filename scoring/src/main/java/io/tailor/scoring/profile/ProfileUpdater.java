package io.tailor.scoring.profile;

import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.Event;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.event.LineItem;
import io.tailor.scoring.event.ServedListIds;
import io.tailor.scoring.model.CooccurrenceKind;
import io.tailor.scoring.model.Exposure;
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

    /** Products back a view is a transition from (the one viewed just before counts 1, the one before 1/2...). */
    static final int TRANSITION_STEPS = 3;

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
        return apply(profile, event, catalog, signals, Exposure.NO_PLACEMENT);
    }

    /**
     * Applies one event, with where a click without a {@code requestId} most likely came from.
     * <p>
     * A click is learnt as a click on the placement of its list, for the click-through of each placement
     * ({@link ItemSignalHandler#onClicked}): the placement its {@code requestId} names ({@link ServedListIds}); without
     * one, {@code clickPlacement}, which the caller knows from the shopper's impression record (the placement of the
     * newest list that showed the product to this shopper); when neither is known, the click counts for the
     * product's pooled click-through only.
     *
     * @param profile        profile to change.
     * @param event          a validated event for this profile's shopper.
     * @param catalog        catalog snapshot to look products up in; unknown products are still recorded.
     * @param signals        receives item-level signals of an applied event.
     * @param clickPlacement placement ordinal of a click that carries no request id, or {@link Exposure#NO_PLACEMENT}.
     * @return whether the event was applied or was a duplicate.
     */
    public Outcome apply(final Profile profile, final Event event, final CatalogSnapshot catalog,
        final ItemSignalHandler signals, final int clickPlacement)
    {
        if (!ProfileFlags.personalization(profile.flags))
        {
            applyToAggregates(event, signals, clickPlacement);
            return Outcome.ANONYMOUS;
        }
        final long idKey = event.id() == null ? Hashing.NONE : Hashing.key(event.id());
        if (idKey != Hashing.NONE)
        {
            if (profile.seen(idKey))
            {
                return Outcome.DUPLICATE;
            }
            ProfileLists.rememberId(profile, idKey);
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
                    signals.onClicked(productKey, clickPlacement(event, clickPlacement), atMs);
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
            case IMPRESSION ->
            {
                // A list the node recorded as it served it is in the cap's count already (the impression store);
                // the storefront saying it was seen must not count it twice.
                if (!ServedListIds.impressionsRecordedAtServe(event.requestId()))
                {
                    profile.impressions.record(Hashing.key(event.product()), atMs, impressionWindowMs, 1);
                }
            }
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
     * What an event of a shopper without personalization consent still tells: item popularity and click-through, and
     * the products bought together in one order. Nothing about the shopper is kept.
     */
    private void applyToAggregates(final Event event, final ItemSignalHandler signals, final int clickPlacement)
    {
        final long atMs = event.timestampMs();
        switch (event.type())
        {
            case VIEW, RATING -> signals.onPopularity(Hashing.key(event.product()), PopularityKind.VIEW, 1.0, atMs);
            case CLICK ->
            {
                // A click-through rate is a product's, not the shopper's: a click of a shopper who objected to
                // personalization counts for it as for popularity (nothing of theirs is kept).
                final long productKey = Hashing.key(event.product());
                signals.onPopularity(productKey, PopularityKind.VIEW, 1.0, atMs);
                signals.onClicked(productKey, clickPlacement(event, clickPlacement), atMs);
            }
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
            ProfileLists.rememberId(profile, listKey);
        }
        for (int i = 0; i < count; i++)
        {
            profile.impressions.record(productKeys[i], atMs, impressionWindowMs, 1);
        }
        profile.createdAtMs = profile.isEmpty() ? atMs : Math.min(profile.createdAtMs, atMs);
        profile.updatedAtMs = Math.max(profile.updatedAtMs, atMs);
        profile.version++;
        ActivityLog.fit(profile);
        return Outcome.APPLIED;
    }

    private void touch(final Profile profile, final String productId, final double weight, final EventType type,
        final long atMs, final CatalogSnapshot catalog, final double linePrice, final ItemSignalHandler signals)
    {
        final long productKey = Hashing.key(productId);
        final long atSecondMs = ProfileCodec.fromSeconds(ProfileCodec.toSeconds(atMs));
        if (weight > 0.0)
        {
            pairWithRecent(profile, productKey, type, atSecondMs, catalog, signals);
            followRecent(profile, productKey, type, atSecondMs, catalog, signals);
        }
        ProfileLists.remember(profile, productKey, atSecondMs, type);
        if (type == EventType.PURCHASE || type == EventType.RATING)
        {
            ProfileLists.own(profile, productKey, atSecondMs, type);
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

        profile.categoryCount = ProfileLists.addWeighted(profile.categoryKeys, profile.categoryWeights,
            profile.categoryCount, catalog.categoryKey(catalog.categoryOf(item)), w);
        final int brand = catalog.brandOf(item);
        if (brand != CatalogSnapshot.MISSING)
        {
            profile.brandCount = ProfileLists.addWeighted(profile.brandKeys, profile.brandWeights, profile.brandCount,
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

    /**
     * Emits the transitions a view or click makes: from each of the last {@value #TRANSITION_STEPS} distinct
     * products the shopper viewed or clicked within the co-view window to this one, with how many steps back each
     * was. Viewing the product viewed last again (a reload) is no transition. Other interactions (carts, purchases)
     * interrupt nothing but are no sources: what follows what is a browsing path. A sensitive product follows or
     * is followed only within its own category.
     */
    private void followRecent(final Profile profile, final long productKey, final EventType type, final long atMs,
        final CatalogSnapshot catalog, final ItemSignalHandler signals)
    {
        if (!(type == EventType.VIEW || type == EventType.CLICK) || profile.recentCount == 0 ||
            profile.recentKeys[profile.recentCount - 1] == productKey)
        {
            return;
        }
        final int item = catalog.indexOf(productKey);
        int steps = 0;
        for (int i = profile.recentCount - 1; i >= 0 && steps < TRANSITION_STEPS; i--)
        {
            final long otherKey = profile.recentKeys[i];
            if (otherKey == productKey)
            {
                continue;
            }
            if (atMs - profile.recentAtMs[i] > coViewWindowMs)
            {
                break;
            }
            final EventType otherType = EventType.fromOrdinal(profile.recentTypes[i]);
            if (otherType != EventType.VIEW && otherType != EventType.CLICK)
            {
                continue;
            }
            steps++;
            if (pairAllowed(catalog, item, catalog.indexOf(otherKey)))
            {
                signals.onTransition(otherKey, productKey, steps, atMs);
            }
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
        ProfileLists.rememberId(profile, creditKey);
        return true;
    }

    /** The placement a click came from: its request id's, else the caller's guess, else none. */
    private static int clickPlacement(final Event event, final int fallback)
    {
        final int named = ServedListIds.placementOf(event.requestId());
        return named >= 0 && named < Exposure.PLACEMENTS ? named : fallback;
    }
}
