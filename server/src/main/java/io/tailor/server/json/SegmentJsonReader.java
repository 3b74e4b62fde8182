package io.tailor.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import io.tailor.scoring.catalog.CatalogSnapshot;
import io.tailor.scoring.event.EventType;
import io.tailor.scoring.profile.ActivityLog;
import io.tailor.scoring.segment.Comparison;
import io.tailor.scoring.segment.Measure;
import io.tailor.scoring.segment.ProfileField;
import io.tailor.scoring.segment.Purpose;
import io.tailor.scoring.segment.SegmentRule;
import io.tailor.scoring.util.Hashing;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a segment definition ({@code SegmentDefinition} in openapi.yaml) and its rule language, refusing
 * anything it does not understand with the JSON pointer of the offending part, e.g.
 * {@code /rule/and/1/window}.
 * <pre>
 *   {"name": "...", "description": "...", "purpose": "marketing" | "personalization",
 *    "rule": RULE, "recommendations": {"pinned": [product...], "blocked": [product...]}}
 *   RULE := {"and": [RULE, ...]} | {"or": [RULE, ...]} | {"not": RULE}
 *         | {"window": "30m" | "12h" | "2d", "type": EVENT_TYPE?, "product": ID? | "category": PATH?,
 *            "count" | "sum": {"gte" | "gt" | "lte" | "lt" | "eq": NUMBER}}
 *         | {"profile": "spend" | "typicalPrice", COMPARISON: NUMBER}
 *         | {"profile": "events", "type": EVENT_TYPE, COMPARISON: NUMBER}
 *         | {"profile": "lastSeen" | "firstSeen" | "lastServiceContact", "within" | "olderThan": DURATION}
 *         | {"profile": "purchased", "product": ID}
 * </pre>
 */
public final class SegmentJsonReader
{
    /** Deepest nesting of and, or and not. */
    public static final int MAX_DEPTH = 8;
    /** Most conditions and combinators in one rule. */
    public static final int MAX_NODES = 64;
    /** Most pinned or blocked products. */
    public static final int MAX_PRODUCTS = 50;

    private static final Pattern DURATION = Pattern.compile("(\\d{1,7})(m|h|d)");
    private static final Set<String> COMPARISONS = Set.of("gte", "gt", "lte", "lt", "eq");

    private final CatalogSnapshot catalog;
    private int nodes;

    /**
     * A reader checking categories against a catalog.
     *
     * @param catalog catalog categories must be in, or {@code null} to accept any well-formed category (for
     *                definitions stored earlier, whose categories were checked when they were defined).
     */
    public SegmentJsonReader(final CatalogSnapshot catalog)
    {
        this.catalog = catalog;
    }

    /**
     * Reads a definition.
     *
     * @param body request body.
     * @return the definition.
     * @throws InvalidInput naming the offending part by JSON pointer.
     */
    public SegmentSpec read(final byte[] body) throws InvalidInput
    {
        return read(JsonTree.object(body));
    }

    /**
     * Reads a definition from a JSON tree.
     *
     * @param root the tree.
     * @return the definition.
     * @throws InvalidInput naming the offending part by JSON pointer.
     */
    public SegmentSpec read(final JsonNode root) throws InvalidInput
    {
        nodes = 0;
        object(root, "");
        only(root, "", "name", "description", "purpose", "rule", "recommendations");
        final String name = root.has("name") ? text(root.get("name"), "/name", 128) : null;
        final String description = root.has("description") ? text(root.get("description"), "/description", 512) :
            null;
        Purpose purpose = Purpose.MARKETING;
        if (root.has("purpose"))
        {
            purpose = Purpose.fromWireName(string(root.get("purpose"), "/purpose"));
            if (purpose == null)
            {
                throw new InvalidInput("/purpose", "purpose must be marketing or personalization");
            }
        }
        if (!root.has("rule"))
        {
            throw new InvalidInput("/rule", "rule is required");
        }
        final SegmentRule rule = rule(root.get("rule"), "/rule", 1);
        List<String> pinned = List.of();
        List<String> blocked = List.of();
        if (root.has("recommendations"))
        {
            final JsonNode recommendations = root.get("recommendations");
            object(recommendations, "/recommendations");
            only(recommendations, "/recommendations", "pinned", "blocked");
            if (recommendations.has("pinned"))
            {
                pinned = products(recommendations.get("pinned"), "/recommendations/pinned");
            }
            if (recommendations.has("blocked"))
            {
                blocked = products(recommendations.get("blocked"), "/recommendations/blocked");
            }
        }
        return new SegmentSpec(name, description, purpose, rule, pinned, blocked);
    }

    private SegmentRule rule(final JsonNode node, final String at, final int depth) throws InvalidInput
    {
        object(node, at);
        if (++nodes > MAX_NODES)
        {
            throw new InvalidInput(at, "a rule has at most " + MAX_NODES + " conditions and combinators");
        }
        if (depth > MAX_DEPTH)
        {
            throw new InvalidInput(at, "a rule nests and, or and not at most " + MAX_DEPTH + " deep");
        }
        if (node.has("and") || node.has("or"))
        {
            final String op = node.has("and") ? "and" : "or";
            only(node, at, op);
            final JsonNode list = node.get(op);
            final String path = at + "/" + op;
            if (!list.isArray() || list.isEmpty())
            {
                throw new InvalidInput(path, op + " must be a non-empty array of rules");
            }
            final List<SegmentRule> rules = new ArrayList<>();
            for (int i = 0; i < list.size(); i++)
            {
                rules.add(rule(list.get(i), path + "/" + i, depth + 1));
            }
            return op.equals("and") ? new SegmentRule.And(rules) : new SegmentRule.Or(rules);
        }
        if (node.has("not"))
        {
            only(node, at, "not");
            return new SegmentRule.Not(rule(node.get("not"), at + "/not", depth + 1));
        }
        if (node.has("window"))
        {
            return window(node, at);
        }
        if (node.has("profile"))
        {
            return field(node, at);
        }
        throw new InvalidInput(at, "a rule needs one of and, or, not, window, profile");
    }

    private SegmentRule window(final JsonNode node, final String at) throws InvalidInput
    {
        only(node, at, "window", "type", "product", "category", "count", "sum");
        final long windowMs = duration(node.get("window"), at + "/window", true);
        final EventType type = node.has("type") ? type(node.get("type"), at + "/type") : null;
        if (node.has("product") && node.has("category"))
        {
            throw new InvalidInput(at + "/category", "filter a window by product or by category, not both");
        }
        final String product = node.has("product") ? Fields.id(at + "/product", string(node.get("product"),
            at + "/product")) : null;
        final String category = node.has("category") ? category(node.get("category"), at + "/category") : null;
        if (node.has("count") == node.has("sum"))
        {
            throw new InvalidInput(at, "a window measures either count or sum");
        }
        final Measure measure = node.has("count") ? Measure.COUNT : Measure.SUM;
        final String path = at + "/" + measure.wireName();
        final JsonNode test = node.get(measure.wireName());
        object(test, path);
        if (test.size() != 1 || !COMPARISONS.contains(test.fieldNames().next()))
        {
            throw new InvalidInput(path, measure.wireName() + " must hold exactly one of gte, gt, lte, lt, eq");
        }
        final String op = test.fieldNames().next();
        final double threshold = number(test.get(op), path + "/" + op);
        return new SegmentRule.Window(measure, type, product, category, windowMs, Comparison.fromWireName(op),
            threshold);
    }

    private SegmentRule field(final JsonNode node, final String at) throws InvalidInput
    {
        final String name = string(node.get("profile"), at + "/profile");
        final ProfileField field = ProfileField.fromWireName(name);
        if (field == null)
        {
            throw new InvalidInput(at + "/profile", "profile must be one of spend, typicalPrice, events, lastSeen, " +
                "firstSeen, lastServiceContact, purchased");
        }
        switch (field.kind())
        {
            case NUMBER ->
            {
                final List<String> allowed = new ArrayList<>(List.of("profile", "gte", "gt", "lte", "lt", "eq"));
                if (field == ProfileField.EVENTS)
                {
                    allowed.add("type");
                }
                only(node, at, allowed.toArray(new String[0]));
                final EventType type = field == ProfileField.EVENTS ? type(required(node, at, "type"), at + "/type") :
                    null;
                String op = null;
                for (final String candidate : COMPARISONS)
                {
                    if (node.has(candidate))
                    {
                        if (op != null)
                        {
                            throw new InvalidInput(at + "/" + candidate, "a condition holds one comparison");
                        }
                        op = candidate;
                    }
                }
                if (op == null)
                {
                    throw new InvalidInput(at, "a " + name + " condition needs one of gte, gt, lte, lt, eq");
                }
                return new SegmentRule.Field(field, type, null, Comparison.fromWireName(op),
                    number(node.get(op), at + "/" + op));
            }
            case AGE ->
            {
                only(node, at, "profile", "within", "olderThan");
                if (node.has("within") == node.has("olderThan"))
                {
                    throw new InvalidInput(at, "a " + name + " condition needs either within or olderThan");
                }
                final String op = node.has("within") ? "within" : "olderThan";
                return new SegmentRule.Field(field, null, null, op.equals("within") ? Comparison.LT : Comparison.GTE,
                    duration(node.get(op), at + "/" + op, false));
            }
            default ->
            {
                only(node, at, "profile", "product");
                final String product = Fields.id(at + "/product", string(required(node, at, "product"),
                    at + "/product"));
                return new SegmentRule.Field(field, null, product, Comparison.EQ, 1);
            }
        }
    }

    private static JsonNode required(final JsonNode node, final String at, final String name) throws InvalidInput
    {
        if (!node.has(name))
        {
            throw new InvalidInput(at + "/" + name, name + " is required");
        }
        return node.get(name);
    }

    private static long duration(final JsonNode node, final String at, final boolean window) throws InvalidInput
    {
        final String text = string(node, at);
        final Matcher matcher = DURATION.matcher(text);
        final String expected = window ? "a window of 1m to 90d, in minutes (30m), hours (12h) or days (2d)" :
            "a duration in minutes (30m), hours (12h) or days (2d)";
        if (!matcher.matches())
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be " + expected);
        }
        final long amount = Long.parseLong(matcher.group(1));
        final long unit = switch (matcher.group(2))
        {
            case "m" -> 60_000L;
            case "h" -> 3_600_000L;
            default -> 86_400_000L;
        };
        final long ms = amount * unit;
        if (ms < ActivityLog.MINUTE_LENGTH_MS || (window && ms > ActivityLog.MAX_AGE_MS) ||
            ms > 3_650L * 86_400_000L)
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be " + expected);
        }
        return ms;
    }

    private static EventType type(final JsonNode node, final String at) throws InvalidInput
    {
        final EventType type = EventType.fromWireName(string(node, at));
        if (type == null || !ActivityLog.logged(type))
        {
            throw new InvalidInput(at, "type must be one of view, click, add_to_cart, remove_from_cart, purchase, " +
                "refund, rating, search, service");
        }
        return type;
    }

    private String category(final JsonNode node, final String at) throws InvalidInput
    {
        final String path;
        try
        {
            path = ProductJsonReader.category(string(node, at));
        }
        catch (final InvalidInput ex)
        {
            throw new InvalidInput(at, ex.reason());
        }
        if (catalog != null && catalog.categoryIndexOf(Hashing.key(path)) == CatalogSnapshot.MISSING)
        {
            throw new InvalidInput(at, "no product is in category " + path);
        }
        return path;
    }

    private static double number(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isNumber() || !Double.isFinite(node.doubleValue()) ||
            Math.abs(node.doubleValue()) > 1e15)
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a finite number");
        }
        return node.doubleValue();
    }

    private static List<String> products(final JsonNode node, final String at) throws InvalidInput
    {
        if (!node.isArray() || node.size() > MAX_PRODUCTS)
        {
            throw new InvalidInput(at, "must be an array of at most " + MAX_PRODUCTS + " product ids");
        }
        final List<String> ids = new ArrayList<>();
        for (int i = 0; i < node.size(); i++)
        {
            ids.add(Fields.id(at + "/" + i, string(node.get(i), at + "/" + i)));
        }
        return ids;
    }

    private static String text(final JsonNode node, final String at, final int maxLength) throws InvalidInput
    {
        return Fields.text(at, string(node, at), maxLength);
    }

    private static String string(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || node.getNodeType() != JsonNodeType.STRING)
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a string");
        }
        return node.textValue();
    }

    private static void object(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isObject())
        {
            throw new InvalidInput(at.isEmpty() ? null : at, (at.isEmpty() ? "a segment definition" : at) +
                " must be a JSON object");
        }
    }

    private static void only(final JsonNode node, final String at, final String... allowed) throws InvalidInput
    {
        final String unknown = JsonTree.unknownField(node, allowed);
        if (unknown != null)
        {
            throw new InvalidInput(at + "/" + pointerEscape(unknown), "unknown field " + unknown);
        }
    }

    private static String pointerEscape(final String name)
    {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
