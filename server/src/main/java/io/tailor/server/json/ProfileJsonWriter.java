package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.util.Decay;

import java.io.IOException;
import java.time.Instant;

/**
 * Writes what Tailor holds on a shopper, with keys resolved to product ids, category paths and brand
 * names through the catalog snapshot. A key the catalog no longer knows is shown as {@code #} and its hex.
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
     * @param catalog          catalog snapshot to resolve keys.
     * @param nowMs            time to decay affinities to.
     * @param affinityHalfLife affinity half-life in milliseconds.
     * @throws IOException never in practice.
     */
    public static void write(final JsonGenerator json, final String user, final String anonymousId,
        final Profile profile, final CatalogSnapshot catalog, final long nowMs, final long affinityHalfLife)
        throws IOException
    {
        final double decay = Decay.factor(nowMs - profile.decayAtMs(), affinityHalfLife);
        json.writeStartObject();
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
            json.writeStringField("product", productId(catalog, profile.recentKey(i)));
            json.writeStringField("type", profile.recentType(i).wireName());
            json.writeStringField("at", Instant.ofEpochMilli(profile.recentAtMs(i)).toString());
            json.writeEndObject();
        }
        json.writeEndArray();

        json.writeArrayFieldStart("purchased");
        for (int i = profile.ownedCount() - 1; i >= 0; i--)
        {
            json.writeStartObject();
            json.writeStringField("product", productId(catalog, profile.ownedKey(i)));
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
        json.writeEndObject();
    }

    private static String productId(final CatalogSnapshot catalog, final long key)
    {
        final int item = catalog.indexOf(key);
        return item == CatalogSnapshot.MISSING ? unknown(key) : catalog.product(item).id();
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
