package io.tailor.server.feed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.tailor.server.config.Durations;
import io.tailor.server.json.InvalidInput;
import io.tailor.server.json.JsonTree;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * A catalog feed's definition, the body of {@code PUT /v1/feeds/{id}}:
 * <pre>
 *   url     http or https URL of the feed (required)
 *   format  merchant-xml, tsv or csv (required)
 *   every   how often it is fetched, 1m to 7d, e.g. 15m (required)
 *   labels  optional: custom label to the attribute it fills, e.g. {"custom_label_0": "style"}
 * </pre>
 *
 * @param url    the feed's address.
 * @param format how it is written.
 * @param every  the fetch interval.
 * @param labels custom label field to attribute name.
 * @param json   the canonical JSON text stored in the grid.
 */
public record FeedDefinition(URI url, FeedFormat format, Duration every, Map<String, String> labels, String json)
{
    /** Shortest fetch interval. */
    public static final Duration MIN_EVERY = Duration.ofMinutes(1);
    /** Longest fetch interval. */
    public static final Duration MAX_EVERY = Duration.ofDays(7);

    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final int MAX_URL_LENGTH = 2_048;

    /**
     * Reads and checks a definition.
     *
     * @param body the JSON body (or stored text).
     * @return the definition.
     * @throws InvalidInput naming the field at fault.
     */
    public static FeedDefinition read(final byte[] body) throws InvalidInput
    {
        final JsonNode root = JsonTree.object(body);
        JsonTree.only(root, "url", "format", "every", "labels");
        final URI url = url(text(root, "url"));
        final String formatName = text(root, "format");
        final FeedFormat format = FeedFormat.fromWireName(formatName);
        if (format == null)
        {
            throw new InvalidInput("format", "format must be merchant-xml, tsv or csv");
        }
        final String everyText = text(root, "every");
        final Duration every;
        try
        {
            every = Durations.parse(everyText);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new InvalidInput("every", "every must be a duration such as 15m, 1h or 1d");
        }
        if (every.compareTo(MIN_EVERY) < 0 || every.compareTo(MAX_EVERY) > 0)
        {
            throw new InvalidInput("every", "every must be 1m to 7d");
        }
        final Map<String, String> labels = new LinkedHashMap<>();
        final JsonNode labelsNode = root.get("labels");
        if (labelsNode != null)
        {
            if (!labelsNode.isObject())
            {
                throw new InvalidInput("labels", "labels must be an object of custom label to attribute name");
            }
            for (final Map.Entry<String, JsonNode> label : labelsNode.properties())
            {
                if (!label.getValue().isTextual())
                {
                    throw new InvalidInput("labels." + label.getKey(), "an attribute name must be a string");
                }
                labels.put(label.getKey(), label.getValue().textValue());
            }
            FeedProductMapper.checkLabels(labels, "labels");
        }
        final ObjectNode canonical = MAPPER.createObjectNode();
        canonical.put("url", url.toString());
        canonical.put("format", format.wireName());
        canonical.put("every", everyText.trim());
        if (!labels.isEmpty())
        {
            final ObjectNode labelsOut = canonical.putObject("labels");
            labels.forEach(labelsOut::put);
        }
        return new FeedDefinition(url, format, every, Map.copyOf(labels), canonical.toString());
    }

    private static String text(final JsonNode root, final String field) throws InvalidInput
    {
        final JsonNode node = root.get(field);
        if (node == null || node.isNull())
        {
            throw new InvalidInput(field, field + " is required");
        }
        if (!node.isTextual())
        {
            throw new InvalidInput(field, field + " must be a string");
        }
        return node.textValue();
    }

    private static URI url(final String text) throws InvalidInput
    {
        if (text.length() > MAX_URL_LENGTH)
        {
            throw new InvalidInput("url", "url must be at most " + MAX_URL_LENGTH + " characters");
        }
        final URI url;
        try
        {
            url = new URI(text);
        }
        catch (final URISyntaxException ex)
        {
            throw new InvalidInput("url", "url is not a URL: " + ex.getReason());
        }
        final String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || url.getHost() == null)
        {
            throw new InvalidInput("url", "url must be an http or https URL with a host, e.g. " +
                "https://shop.example/feed.xml");
        }
        return url;
    }
}
