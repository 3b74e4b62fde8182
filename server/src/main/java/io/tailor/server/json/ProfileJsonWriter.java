package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.ImpressionRecord;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.rank.Placement;
import io.tailor.scoring.rank.Strategy;
import io.tailor.scoring.util.Decay;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes what Tailor holds on a shopper, with keys resolved to product ids, category paths and brand
 * names through the catalog snapshot; see {@link ProductIdLookup} for products outside it.
 */
public final class ProfileJsonWriter
{
    private ProfileJsonWriter()
    {
    }

    /**
     * Writes a profile.
     *
     * @param json             generator.
     * @param user             customer id, or {@code null}.
     * @param anonymousId      anonymous id, or {@code null}.
     * @param profile          decoded profile.
     * @param products         resolves product keys to ids, and through its catalog categories and brands.
     * @param nowMs            time to decay affinities to.
     * @param affinityHalfLife affinity half-life in milliseconds.
     * @throws IOException never in practice.
     */
    public static void write(final JsonGenerator json, final String user, final String anonymousId,
        final Profile profile, final ProductIdLookup products, final long nowMs, final long affinityHalfLife)
        throws IOException
    {
        json.writeStartObject();
        writeFields(json, user, anonymousId, profile, products, nowMs, affinityHalfLife);
        json.writeEndObject();
    }

    /**
     * Writes a profile's fields into an object already started.
     *
     * @param json             generator, inside an object.
     * @param user             customer id, or {@code null}.
     * @param anonymousId      anonymous id, or {@code null}.
     * @param profile          decoded profile.
     * @param products         resolves product keys to ids, and through its catalog categories and brands.
     * @param nowMs            time to decay affinities to.
     * @param affinityHalfLife affinity half-life in milliseconds.
     * @throws IOException never in practice.
     */
    public static void writeFields(final JsonGenerator json, final String user, final String anonymousId,
        final Profile profile, final ProductIdLookup products, final long nowMs, final long affinityHalfLife)
        throws IOException
    {
        final CatalogSnapshot catalog = products.catalog();
        final double decay = Decay.factor(nowMs - profile.decayAtMs(), affinityHalfLife);
        if (user != null)
        {
            json.writeStringField("user", user);
        }
        if (anonymousId != null)
        {
            json.writeStringField("anonymousId", anonymousId);
        }
        json.writeNumberField("version", profile.version());
        json.writeStringField("createdAt", Instant.ofEpochMilli(profile.createdAtMs()).toString());
        json.writeStringField("updatedAt", Instant.ofEpochMilli(profile.updatedAtMs()).toString());

        json.writeArrayFieldStart("categories");
        for (int i = 0; i < profile.categoryCount(); i++)
        {
            final int category = catalog.categoryIndexOf(profile.categoryKey(i));
            json.writeStartObject();
            json.writeStringField("category", category == CatalogSnapshot.MISSING ?
                unknown(profile.categoryKey(i)) : catalog.categoryPath(category));
            json.writeNumberField("weight", round(profile.categoryWeight(i) * decay));
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("brands");
        for (int i = 0; i < profile.brandCount(); i++)
        {
            final int brand = catalog.brandIndexOf(profile.brandKey(i));
            json.writeStartObject();
            json.writeStringField("brand", brand == CatalogSnapshot.MISSING ? unknown(profile.brandKey(i)) :
                catalog.brandName(brand));
            json.writeNumberField("weight", round(profile.brandWeight(i) * decay));
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("recent");
        for (int i = profile.recentCount() - 1; i >= 0; i--)
        {
            json.writeStartObject();
            json.writeStringField("product", products.id(profile.recentKey(i)));
            json.writeStringField("type", profile.recentType(i).wireName());
            json.writeStringField("at", Instant.ofEpochMilli(profile.recentAtMs(i)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("purchased");
        for (int i = profile.ownedCount() - 1; i >= 0; i--)
        {
            json.writeStartObject();
            json.writeStringField("product", products.id(profile.ownedKey(i)));
            json.writeStringField("type", profile.ownedType(i).wireName());
            json.writeStringField("at", Instant.ofEpochMilli(profile.ownedAtMs(i)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeObjectFieldStart("counts");
        for (final EventType type : EventType.values())
        {
            if (profile.count(type) > 0)
            {
                json.writeNumberField(type.wireName(), profile.count(type));
            }
        }
        json.writeEndObject();
        json.writeNumberField("spend", profile.spend());
        if (profile.priceSamples() > 0)
        {
            json.writeNumberField("typicalPrice", round(Math.exp(profile.priceLogMean())));
        }
        json.writeNumberField("rememberedEventIds", profile.eventIdCount());
    }

    /**
     * Writes what the shopper decided and which segments they are in: consent, stated preferences, segment
     * memberships and the last customer service contact.
     *
     * @param json     generator, inside an object.
     * @param profile  decoded profile.
     * @param products resolves product keys to ids, and through its catalog categories and brands.
     * @param segments ids of the segments the shopper is a member of now.
     * @throws IOException never in practice.
     */
    public static void writeCustomer(final JsonGenerator json, final Profile profile, final ProductIdLookup products,
        final List<String> segments) throws IOException
    {
        json.writeObjectFieldStart("consent");
        json.writeBooleanField("personalization", ProfileFlags.personalization(profile.flags()));
        json.writeBooleanField("marketing", ProfileFlags.marketing(profile.flags()));
        json.writeBooleanField("gpc", ProfileFlags.gpc(profile.flags()));
        json.writeEndObject();
        writePreferences(json, profile, products);
        json.writeArrayFieldStart("segments");
        for (final String segment : segments)
        {
            json.writeString(segment);
        }
        json.writeEndArray();
        if (profile.lastServiceAtMs() != 0)
        {
            json.writeStringField("lastServiceContact", Instant.ofEpochMilli(profile.lastServiceAtMs()).toString());
        }
    }

    /**
     * Writes the stated preferences as {@code "preferences": {...}}.
     *
     * @param json    generator, inside an object.
     * @param profile decoded profile.
     * @param products resolves product keys to ids, and through its catalog categories and brands.
     * @throws IOException never in practice.
     */
    public static void writePreferences(final JsonGenerator json, final Profile profile,
        final ProductIdLookup products) throws IOException
    {
        final CatalogSnapshot catalog = products.catalog();
        json.writeObjectFieldStart("preferences");
        json.writeArrayFieldStart("categories");
        for (int i = 0; i < profile.preferences().categoryCount(); i++)
        {
            final int category = catalog.categoryIndexOf(profile.preferences().categoryKey(i));
            json.writeString(category == CatalogSnapshot.MISSING ? unknown(profile.preferences().categoryKey(i)) :
                catalog.categoryPath(category));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("brands");
        for (int i = 0; i < profile.preferences().brandCount(); i++)
        {
            final int brand = catalog.brandIndexOf(profile.preferences().brandKey(i));
            json.writeString(brand == CatalogSnapshot.MISSING ? unknown(profile.preferences().brandKey(i)) :
                catalog.brandName(brand));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("sizes");
        for (int i = 0; i < profile.preferences().sizeCount(); i++)
        {
            json.writeString(profile.preferences().size(i));
        }
        json.writeEndArray();
        json.writeArrayFieldStart("dislikedProducts");
        for (int i = 0; i < profile.preferences().dislikedCount(); i++)
        {
            json.writeString(products.id(profile.preferences().dislikedKey(i)));
        }
        json.writeEndArray();
        json.writeEndObject();
    }

    /**
     * Writes what only an export shows: the activity log, the impression counts and when each recent product
     * was first touched. Products held only by fingerprint are resolved through the catalog (a pass over it).
     *
     * @param json    generator, inside an object.
     * @param profile decoded profile.
     * @param products resolves product keys to ids, and through its catalog categories and brands.
     * @throws IOException never in practice.
     */
    public static void writeDetails(final JsonGenerator json, final Profile profile, final ProductIdLookup products)
        throws IOException
    {
        final CatalogSnapshot catalog = products.catalog();
        final Map<Integer, String> byFingerprint = new HashMap<>();
        for (int i = 0; i < profile.activityCount(); i++)
        {
            byFingerprint.put(profile.activityProduct(i), null);
        }
        for (int i = 0; i < profile.impressions().size(); i++)
        {
            byFingerprint.put(profile.impressions().fingerprint(i), null);
        }
        for (int item = 0, size = catalog.size(); item < size && !byFingerprint.isEmpty(); item++)
        {
            final int fingerprint = Profile.impressionFingerprint(catalog.key(item));
            if (byFingerprint.containsKey(fingerprint))
            {
                byFingerprint.put(fingerprint, catalog.product(item).id());
            }
        }
        for (final Map.Entry<Long, String> outside : products.outside().entrySet())
        {
            byFingerprint.replace(Profile.impressionFingerprint(outside.getKey()), null, outside.getValue());
        }
        json.writeArrayFieldStart("activity");
        for (int i = profile.activityCount() - 1; i >= 0; i--)
        {
            json.writeStartObject();
            json.writeStringField("at", Instant.ofEpochMilli(profile.activityAtMs(i)).toString());
            json.writeStringField("type", profile.activityType(i).wireName());
            if (profile.activityProduct(i) != 0)
            {
                json.writeStringField("product", fingerprinted(byFingerprint, profile.activityProduct(i)));
            }
            if (profile.activityValue(i) != 0f)
            {
                json.writeNumberField("value", profile.activityValue(i));
            }
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("impressions");
        for (int i = 0; i < profile.impressions().size(); i++)
        {
            json.writeStartObject();
            json.writeStringField("product", fingerprinted(byFingerprint, profile.impressions().fingerprint(i)));
            json.writeNumberField("count", profile.impressions().countAt(i));
            json.writeStringField("since", Instant.ofEpochMilli(profile.impressions().sinceMs(i)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();
        json.writeArrayFieldStart("firstTouched");
        for (int i = profile.recentCount() - 1; i >= 0; i--)
        {
            json.writeStartObject();
            json.writeStringField("product", products.id(profile.recentKey(i)));
            json.writeStringField("at", Instant.ofEpochMilli(profile.recentFirstAtMs(i)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /**
     * Writes what an export shows of which served list last showed each product (kept to credit a purchase without
     * request id): the product, when, and the list's placement, strategy and experiment arm.
     *
     * @param json     generator, inside an object.
     * @param record   the shopper's impression record, or {@code null}.
     * @param catalog  resolves products held only by fingerprint (a pass over it).
     * @param armNames the arm's name from its placement and its name's hash code, or {@code null} when unknown.
     * @throws IOException never in practice.
     */
    public static void writeShown(final JsonGenerator json, final byte[] record, final CatalogSnapshot catalog,
        final ArmNames armNames) throws IOException
    {
        final ImpressionRecord shown = new ImpressionRecord().decodeShown(record);
        final Map<Integer, String> byFingerprint = new HashMap<>();
        for (int i = 0; i < shown.shownCount(); i++)
        {
            byFingerprint.put(shown.shownFingerprint(i), null);
        }
        for (int item = 0, size = catalog.size(); item < size && !byFingerprint.isEmpty(); item++)
        {
            final int fingerprint = Profile.impressionFingerprint(catalog.key(item));
            if (byFingerprint.containsKey(fingerprint))
            {
                byFingerprint.put(fingerprint, catalog.product(item).id());
            }
        }
        final Placement[] placements = Placement.values();
        final Strategy[] strategies = Strategy.values();
        json.writeArrayFieldStart("shownBy");
        for (int i = 0; i < shown.shownCount(); i++)
        {
            final int tag = shown.shownTag(i);
            final int placement = ImpressionRecord.placementOf(tag);
            final int strategy = ImpressionRecord.strategyOf(tag);
            json.writeStartObject();
            json.writeStringField("product", fingerprinted(byFingerprint, shown.shownFingerprint(i)));
            json.writeStringField("at", Instant.ofEpochMilli(shown.shownAtMs(i)).toString());
            if (placement < placements.length && strategy < strategies.length)
            {
                json.writeStringField("placement", placements[placement].wireName());
                json.writeStringField("strategy", strategies[strategy].wireName());
                final String arm = ImpressionRecord.inArm(tag) ?
                    armNames.name(placements[placement], shown.shownArm(i)) : null;
                if (arm != null)
                {
                    json.writeStringField("arm", arm);
                }
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }

    /** Names an experiment arm from its placement and its name's hash code. */
    @FunctionalInterface
    public interface ArmNames
    {
        /**
         * The arm's name.
         *
         * @param placement the list's placement.
         * @param nameHash  the arm name's hash code.
         * @return the name, or {@code null} when no experiment of the placement has it.
         */
        String name(Placement placement, int nameHash);
    }

    private static String fingerprinted(final Map<Integer, String> byFingerprint, final int fingerprint)
    {
        final String id = byFingerprint.get(fingerprint);
        return id != null ? id : "#" + Integer.toHexString(fingerprint);
    }

    private static String unknown(final long key)
    {
        return "#" + Long.toHexString(key);
    }

    private static double round(final double value)
    {
        return Math.round(value * 10_000.0) / 10_000.0;
    }
}
