package io.tailor.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tailor.scoring.rank.Placement;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a promotion definition ({@code PromotionDefinition} in openapi.yaml), refusing anything it does not
 * understand with the JSON pointer of the offending part, e.g. {@code /products/3} or {@code /until}.
 * <pre>
 *   {"name": "...", "products": [ID, ...], "audience": {"categories": [PATH, ...], "brands": [BRAND, ...],
 *    "segment": ID}, "target": INT, "from": ISO-8601 (default: now), "until": ISO-8601,
 *    "placements": ["home" | "product" | "cart" | "email", ...] (default: home and product)}
 * </pre>
 * Only the form is checked here, so that a stored definition always reads again; whether the products,
 * categories, brands and segment exist is the handler's check when a definition is put.
 */
public final class PromotionJsonReader
{
    /** Most products of a promotion. */
    public static final int MAX_PRODUCTS = 1_000;
    /** Most categories, and most brands, of an audience. */
    public static final int MAX_AUDIENCE = 100;
    /** Largest target. */
    public static final long MAX_TARGET = 1_000_000_000L;
    /** Longest period. */
    public static final Duration MAX_PERIOD = Duration.ofDays(366);

    private static final Set<Placement> DEFAULT_PLACEMENTS = EnumSet.of(Placement.HOME, Placement.PRODUCT);

    /**
     * Reads a definition.
     *
     * @param body  request body, or the stored JSON text's bytes.
     * @param nowMs the present: the period's start when the definition names none.
     * @return the definition.
     * @throws InvalidInput naming the offending part by JSON pointer.
     */
    public PromotionSpec read(final byte[] body, final long nowMs) throws InvalidInput
    {
        final JsonNode root = JsonTree.object(body);
        only(root, "", "name", "products", "audience", "target", "from", "until", "placements");
        final ObjectNode canonical = root.deepCopy();
        if (root.has("name"))
        {
            Fields.text("/name", string(root.get("name"), "/name"), 128);
        }
        final List<String> products = ids(root.get("products"), "/products", MAX_PRODUCTS, true);
        List<String> categories = List.of();
        List<String> brands = List.of();
        String segment = null;
        final JsonNode audience = root.get("audience");
        if (audience != null)
        {
            if (!audience.isObject())
            {
                throw new InvalidInput("/audience", "audience must be an object");
            }
            only(audience, "/audience", "categories", "brands", "segment");
            categories = categories(audience.get("categories"));
            brands = texts(audience.get("brands"), "/audience/brands");
            if (audience.has("segment"))
            {
                segment = Fields.id("/audience/segment", string(audience.get("segment"), "/audience/segment"));
            }
        }
        final long target = target(root.get("target"));
        final long fromMs = root.has("from") ? Fields.parseTime("/from", string(root.get("from"), "/from")) : nowMs;
        if (!root.has("from"))
        {
            canonical.put("from", Instant.ofEpochMilli(fromMs).toString());
        }
        if (!root.has("until"))
        {
            throw new InvalidInput("/until", "until is required: when the period ends (ISO-8601)");
        }
        final long untilMs = Fields.parseTime("/until", string(root.get("until"), "/until"));
        if (untilMs <= fromMs)
        {
            throw new InvalidInput("/until", "until must be after from");
        }
        if (untilMs - fromMs > MAX_PERIOD.toMillis())
        {
            throw new InvalidInput("/until", "the period may last at most " + MAX_PERIOD.toDays() + " days");
        }
        final Set<Placement> placements = placements(root.get("placements"));
        if (!root.has("placements"))
        {
            final ArrayNode names = canonical.putArray("placements");
            for (final Placement placement : placements)
            {
                names.add(placement.wireName());
            }
        }
        return new PromotionSpec(products, categories, brands, segment, target, fromMs, untilMs, placements,
            canonical.toString());
    }

    private static long target(final JsonNode node) throws InvalidInput
    {
        if (node == null)
        {
            throw new InvalidInput("/target", "target is required: impressions to deliver over the period");
        }
        if (!node.isIntegralNumber() || !node.canConvertToLong() || node.longValue() < 1 ||
            node.longValue() > MAX_TARGET)
        {
            throw new InvalidInput("/target", "target must be a whole number of impressions in 1.." + MAX_TARGET);
        }
        return node.longValue();
    }

    private static List<String> ids(final JsonNode node, final String at, final int max, final boolean required)
        throws InvalidInput
    {
        if (node == null && !required)
        {
            return List.of();
        }
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > max)
        {
            throw new InvalidInput(at, at.substring(1) + " must be an array of 1 to " + max + " product ids");
        }
        final Set<String> ids = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++)
        {
            final String element = at + "/" + i;
            ids.add(Fields.id(element, string(node.get(i), element)));
        }
        return List.copyOf(ids);
    }

    private static List<String> categories(final JsonNode node) throws InvalidInput
    {
        final List<String> paths = texts(node, "/audience/categories");
        for (int i = 0; i < paths.size(); i++)
        {
            try
            {
                ProductJsonReader.category(paths.get(i));
            }
            catch (final InvalidInput ex)
            {
                throw new InvalidInput("/audience/categories/" + i, ex.reason());
            }
        }
        return paths;
    }

    private static List<String> texts(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null)
        {
            return List.of();
        }
        if (!node.isArray() || node.size() > MAX_AUDIENCE)
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be an array of at most " +
                MAX_AUDIENCE + " strings");
        }
        final Set<String> texts = new LinkedHashSet<>();
        for (int i = 0; i < node.size(); i++)
        {
            final String element = at + "/" + i;
            texts.add(Fields.text(element, string(node.get(i), element), 256));
        }
        return new ArrayList<>(texts);
    }

    private static Set<Placement> placements(final JsonNode node) throws InvalidInput
    {
        if (node == null)
        {
            return DEFAULT_PLACEMENTS;
        }
        if (!node.isArray() || node.isEmpty())
        {
            throw new InvalidInput("/placements", "placements must be a non-empty array of home, product, cart, " +
                "email");
        }
        final Set<Placement> placements = EnumSet.noneOf(Placement.class);
        for (int i = 0; i < node.size(); i++)
        {
            final Placement placement = Placement.fromWireName(string(node.get(i), "/placements/" + i));
            if (placement == null)
            {
                throw new InvalidInput("/placements/" + i, "placements must be among home, product, cart, email");
            }
            placements.add(placement);
        }
        return placements;
    }

    private static String string(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isTextual())
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a string");
        }
        return node.textValue();
    }

    private static void only(final JsonNode node, final String at, final String... allowed) throws InvalidInput
    {
        final String unknown = JsonTree.unknownField(node, allowed);
        if (unknown != null)
        {
            throw new InvalidInput(at + "/" + unknown, "unknown field " + unknown);
        }
    }
}
