package io.tailor.server.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a webhook definition ({@code Webhook} in openapi.yaml), refusing anything it does not understand with the
 * JSON pointer of the offending part, e.g. {@code /on/1} or {@code /url}.
 * <pre>
 *   {"url": "https://...", "secret": 16..256 characters,
 *    "on": ["segment.entered" | "segment.left" | "audience.near_purchase", ...],
 *    "segments": [ID, ...] (required with a segment.* event), "products": [ID, ...] (near-purchase: these only),
 *    "include": ["email"]}
 * </pre>
 * Only the form is checked here, so that a stored definition always reads again; whether the segments exist is the
 * handler's check when a definition is put.
 */
public final class WebhookJsonReader
{
    /** Most segments, and most products, one webhook watches. */
    public static final int MAX_WATCHED = 100;
    /** Shortest secret. */
    public static final int MIN_SECRET = 16;
    /** Longest secret. */
    public static final int MAX_SECRET = 256;
    /** Longest URL. */
    public static final int MAX_URL = 2_048;

    private static final Set<String> EVENTS = Set.of(WebhookSpec.SEGMENT_ENTERED, WebhookSpec.SEGMENT_LEFT,
        WebhookSpec.NEAR_PURCHASE);

    /**
     * Reads a definition.
     *
     * @param body request body, or the stored JSON text's bytes.
     * @return the definition.
     * @throws InvalidInput naming the offending part by JSON pointer.
     */
    public WebhookSpec read(final byte[] body) throws InvalidInput
    {
        final JsonNode root = JsonTree.object(body);
        final String unknown = JsonTree.unknownField(root, "url", "secret", "on", "segments", "products", "include");
        if (unknown != null)
        {
            throw new InvalidInput("/" + unknown, "unknown field " + unknown);
        }
        final String url = url(string(root.get("url"), "/url"));
        final String secret = string(root.get("secret"), "/secret");
        if (secret.length() < MIN_SECRET || secret.length() > MAX_SECRET)
        {
            throw new InvalidInput("/secret", "secret must be " + MIN_SECRET + ".." + MAX_SECRET + " characters");
        }
        final Set<String> on = new LinkedHashSet<>(strings(root.get("on"), "/on", EVENTS.size(), true));
        int i = 0;
        for (final String type : strings(root.get("on"), "/on", EVENTS.size(), true))
        {
            if (!EVENTS.contains(type))
            {
                throw new InvalidInput("/on/" + i, "on must list segment.entered, segment.left or " +
                    "audience.near_purchase");
            }
            i++;
        }
        final List<String> segments = ids(root.get("segments"), "/segments");
        if ((on.contains(WebhookSpec.SEGMENT_ENTERED) || on.contains(WebhookSpec.SEGMENT_LEFT)) && segments.isEmpty())
        {
            throw new InvalidInput("/segments", "segments must name at least one segment for segment events");
        }
        final List<String> products = ids(root.get("products"), "/products");
        final Set<String> include = new LinkedHashSet<>(strings(root.get("include"), "/include", 1, false));
        for (final String what : include)
        {
            if (!WebhookSpec.INCLUDE_EMAIL.equals(what))
            {
                throw new InvalidInput("/include/0", "include may only list email");
            }
        }
        final ObjectNode canonical = JsonNodeFactory.instance.objectNode();
        canonical.put("url", url);
        canonical.put("secret", secret);
        final ArrayNode onArray = canonical.putArray("on");
        on.forEach(onArray::add);
        final ArrayNode segmentArray = canonical.putArray("segments");
        segments.forEach(segmentArray::add);
        if (!products.isEmpty())
        {
            final ArrayNode productArray = canonical.putArray("products");
            products.forEach(productArray::add);
        }
        final ArrayNode includeArray = canonical.putArray("include");
        include.forEach(includeArray::add);
        return new WebhookSpec(url, secret, Set.copyOf(on), segments, products, Set.copyOf(include),
            canonical.toString());
    }

    private static String url(final String text) throws InvalidInput
    {
        if (text.length() > MAX_URL)
        {
            throw new InvalidInput("/url", "url must be at most " + MAX_URL + " characters");
        }
        try
        {
            final URI uri = new URI(text);
            final String scheme = uri.getScheme();
            if (uri.isAbsolute() && uri.getHost() != null && uri.getUserInfo() == null && uri.getFragment() == null &&
                ("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)))
            {
                return text;
            }
        }
        catch (final URISyntaxException ex)
        {
            // answered below
        }
        throw new InvalidInput("/url", "url must be an absolute http or https URL with a host and no user info");
    }

    private static List<String> ids(final JsonNode node, final String at) throws InvalidInput
    {
        final List<String> ids = new ArrayList<>();
        int i = 0;
        for (final String id : strings(node, at, MAX_WATCHED, false))
        {
            final String valid = Fields.id(at + "/" + i, id);
            if (ids.contains(valid))
            {
                throw new InvalidInput(at + "/" + i, "duplicate " + valid);
            }
            ids.add(valid);
            i++;
        }
        return ids;
    }

    private static List<String> strings(final JsonNode node, final String at, final int max, final boolean required)
        throws InvalidInput
    {
        final String name = at.substring(1);
        if (node == null)
        {
            if (required)
            {
                throw new InvalidInput(at, name + " is required");
            }
            return List.of();
        }
        if (!node.isArray() || node.size() > max || (required && node.isEmpty()))
        {
            throw new InvalidInput(at, name + " must be an array of " + (required ? "1.." : "at most ") + max +
                " strings");
        }
        final List<String> strings = new ArrayList<>(node.size());
        for (int i = 0; i < node.size(); i++)
        {
            strings.add(string(node.get(i), at + "/" + i));
        }
        return strings;
    }

    private static String string(final JsonNode node, final String at) throws InvalidInput
    {
        if (node == null || !node.isTextual())
        {
            throw new InvalidInput(at, at.substring(at.lastIndexOf('/') + 1) + " must be a string");
        }
        return node.textValue();
    }
}
