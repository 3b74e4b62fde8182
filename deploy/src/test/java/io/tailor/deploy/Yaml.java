package io.tailor.deploy;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads YAML (and JSON) documents as trees, rejecting duplicate keys as Kubernetes and Prometheus do.
 */
final class Yaml
{
    static final YAMLMapper MAPPER = YAMLMapper.builder(YAMLFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build())
        .build();

    private static final Pattern HEADING = Pattern.compile("(?m)^#{1,6}\\s+(.+?)\\s*$");

    private Yaml()
    {
    }

    /**
     * Every non-empty document of a file.
     *
     * @param file a YAML file, possibly with several {@code ---} separated documents.
     * @return the documents in order.
     */
    static List<JsonNode> documents(final Path file)
    {
        try (JsonParser parser = MAPPER.createParser(file.toFile());
            MappingIterator<JsonNode> docs = MAPPER.readValues(parser, JsonNode.class))
        {
            final List<JsonNode> result = new ArrayList<>();
            while (docs.hasNextValue())
            {
                final JsonNode doc = docs.nextValue();
                if (doc != null && !doc.isNull() && !doc.isMissingNode())
                {
                    result.add(doc);
                }
            }
            return result;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot parse " + file + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The single document of a file.
     *
     * @param file a YAML or JSON file.
     * @return its tree.
     */
    static JsonNode document(final Path file)
    {
        final List<JsonNode> docs = documents(file);
        if (docs.size() != 1)
        {
            throw new IllegalArgumentException(file + " holds " + docs.size() + " documents, expected one");
        }
        return docs.get(0);
    }

    /**
     * The anchors GitHub gives the headings of a Markdown file (lower case, punctuation dropped, spaces to dashes).
     *
     * @param markdown the Markdown text.
     * @return the anchors, in order.
     */
    static List<String> headingAnchors(final String markdown)
    {
        final List<String> anchors = new ArrayList<>();
        final Matcher matcher = HEADING.matcher(markdown);
        while (matcher.find())
        {
            anchors.add(matcher.group(1).toLowerCase(java.util.Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N} _-]", "")
                .replace(' ', '-'));
        }
        return anchors;
    }
}
