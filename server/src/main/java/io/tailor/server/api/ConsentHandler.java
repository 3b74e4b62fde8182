package io.tailor.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.profile.Profile;
import io.tailor.scoring.profile.ProfileFlags;
import io.tailor.scoring.profile.ShopperChoices;
import io.tailor.scoring.profile.StatedPreferences;
import io.tailor.scoring.util.Hashing;
import io.tailor.server.json.Fields;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.JsonTree;
import io.tailor.server.json.ProductIdLookup;
import io.tailor.server.json.ProductJsonReader;
import io.tailor.server.json.ProfileJsonWriter;
import io.vertx.ext.web.RoutingContext;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;

/**
 * {@code PUT /v1/profiles/{user}/consent} and {@code /preferences}: what the shopper decided.
 * <p>
 * Consent: {@code {"personalization": bool, "marketing": bool}}, either or both. Without personalization
 * consent the history is erased and no profile is built again (recommendations are popular ones, events feed
 * only anonymous item aggregates); marketing consent is needed for marketing segments and near-purchase
 * audiences; a Global Privacy Control signal (see {@link EventsHandler}) refuses it until the shopper opts in
 * here ({@code "marketing": true}). Preferences: liked categories and brands (known to the catalog), sizes,
 * disliked products; they outrank what behaviour suggests. Both apply to the customer an anonymous id is linked to.
 */
final class ConsentHandler
{
    private final ServerContext server;
    private final Executor loop;

    ConsentHandler(final ServerContext server, final Executor loop)
    {
        this.server = server;
        this.loop = loop;
    }

    /**
     * Records consent.
     *
     * @param ctx routing context.
     */
    void consent(final RoutingContext ctx)
    {
        final Shopper shopper = Shopper.of(ctx);
        final byte[] body = shopper == null ? null : JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final Boolean personalization;
        final Boolean marketing;
        try
        {
            final JsonNode node = JsonTree.object(body);
            JsonTree.only(node, "personalization", "marketing");
            personalization = JsonTree.bool(node, "personalization");
            marketing = JsonTree.bool(node, "marketing");
            if (personalization == null && marketing == null)
            {
                throw new InvalidInput("personalization", "give personalization, marketing or both");
            }
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-consent", "Invalid consent", ex.reason(), ex.field());
            return;
        }
        server.grid().profiles().setConsent(shopper.key(), personalization, marketing, server.clock().millis())
            .whenCompleteAsync(Responses.onGridAnswer(ctx, result ->
            {
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    shopper.write(json);
                    json.writeObjectFieldStart("consent");
                    json.writeBooleanField("personalization", ProfileFlags.personalization(result.flags()));
                    json.writeBooleanField("marketing", ProfileFlags.marketing(result.flags()));
                    json.writeBooleanField("gpc", ProfileFlags.gpc(result.flags()));
                    json.writeEndObject();
                    json.writeBooleanField("historyErased", result.historyErased());
                    json.writeEndObject();
                });
            }), loop);
    }

    /**
     * Replaces stated preferences.
     *
     * @param ctx routing context.
     */
    void preferences(final RoutingContext ctx)
    {
        final Shopper shopper = Shopper.of(ctx);
        final byte[] body = shopper == null ? null : JsonBodies.object(ctx);
        if (body == null)
        {
            return;
        }
        final CatalogSnapshot catalog = server.grid().models().current().catalog();
        final long[] categories;
        final long[] brands;
        final String[] sizes;
        final long[] disliked;
        final Map<Long, String> named = new HashMap<>();
        try
        {
            final JsonNode node = JsonTree.object(body);
            JsonTree.only(node, "categories", "brands", "sizes", "dislikedProducts");
            final List<String> categoryPaths = JsonTree.strings(node, "categories", StatedPreferences.MAX_CATEGORIES);
            categories = new long[categoryPaths.size()];
            for (int i = 0; i < categories.length; i++)
            {
                final String field = "categories[" + i + "]";
                final String path;
                try
                {
                    path = ProductJsonReader.category(categoryPaths.get(i));
                }
                catch (final InvalidInput ex)
                {
                    throw new InvalidInput(field, ex.reason());
                }
                categories[i] = Hashing.key(path);
                if (catalog.categoryIndexOf(categories[i]) == CatalogSnapshot.MISSING)
                {
                    throw new InvalidInput(field, "no product is in category " + path);
                }
            }
            final List<String> brandNames = JsonTree.strings(node, "brands", StatedPreferences.MAX_BRANDS);
            brands = new long[brandNames.size()];
            for (int i = 0; i < brands.length; i++)
            {
                brands[i] = Hashing.key(brandNames.get(i));
                if (catalog.brandIndexOf(brands[i]) == CatalogSnapshot.MISSING)
                {
                    throw new InvalidInput("brands[" + i + "]", "no product is of brand " +
                        Fields.text("brands[" + i + "]", brandNames.get(i), 128));
                }
            }
            final List<String> sizeList = JsonTree.strings(node, "sizes", StatedPreferences.MAX_SIZES);
            for (int i = 0; i < sizeList.size(); i++)
            {
                if (!StatedPreferences.validSize(sizeList.get(i)))
                {
                    throw new InvalidInput("sizes[" + i + "]", "a size is 1 to " + StatedPreferences.MAX_SIZE_LENGTH +
                        " printable ASCII characters");
                }
            }
            sizes = sizeList.toArray(new String[0]);
            final List<String> dislikedIds = JsonTree.strings(node, "dislikedProducts", StatedPreferences.MAX_DISLIKED);
            disliked = new long[dislikedIds.size()];
            for (int i = 0; i < disliked.length; i++)
            {
                disliked[i] = Hashing.key(Fields.id("dislikedProducts[" + i + "]", dislikedIds.get(i)));
                if (catalog.indexOf(disliked[i]) == CatalogSnapshot.MISSING)
                {
                    named.put(disliked[i], dislikedIds.get(i));
                }
            }
        }
        catch (final InvalidInput ex)
        {
            Responses.problem(ctx, 400, "invalid-preferences", "Invalid preferences", ex.reason(), ex.field());
            return;
        }
        server.grid().profiles().setPreferences(shopper.key(), categories, brands, sizes, disliked,
            server.clock().millis()).whenCompleteAsync(Responses.onGridAnswer(ctx, stored ->
            {
                if (!stored)
                {
                    Responses.problem(ctx, 409, "consent-withdrawn", "Personalization consent withdrawn",
                        "the shopper withdrew personalization consent; no preferences are kept", null);
                    return;
                }
                named.forEach(server.grid().productIds()::remember);
                final Profile shown = new Profile(server.grid().settings().dimensions());
                ShopperChoices.setPreferences(shown, categories, brands, sizes, disliked, 0);
                Responses.json(ctx, 200, json ->
                {
                    json.writeStartObject();
                    shopper.write(json);
                    ProfileJsonWriter.writePreferences(json, shown, new ProductIdLookup(catalog, named));
                    json.writeEndObject();
                });
            }), loop);
    }
}
