package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small JSON request bodies read as a tree (with the server's one factory and its limits) and checked field by
 * field: unknown fields refused, types and ids checked, each error naming the field.
 */
public final class JsonTree
{
    private static final ObjectMapper MAPPER = new ObjectMapper(Json.FACTORY);

    private JsonTree()
    {
    }

    /**
     * Parses a body that must be one JSON object.
     *
     * @param body the body.
     * @return the object.
     * @throws InvalidInput when it is not a JSON object.
     */
    public static JsonNode object(final byte[] body) throws InvalidInput
    {
        final JsonNode tree;
        try
        {
            tree = MAPPER.readTree(body);
        }
        catch (final JsonProcessingException ex)
        {
            throw new InvalidInput(null, "the body is not valid JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new InvalidInput(null, "the body could not be read");
        }
        if (tree == null || !tree.isObject())
        {
            throw new InvalidInput(null, "the body must be a JSON object");
        }
        return tree;
    }

    /**
     * Refuses fields other than the allowed ones.
     *
     * @param node    the object.
     * @param allowed allowed field names.
     * @throws InvalidInput naming the first unknown field.
     */
    public static void only(final JsonNode node, final String... allowed) throws InvalidInput
    {
        final String unknown = unknownField(node, allowed);
        if (unknown != null)
        {
            throw new InvalidInput(unknown, "unknown field " + unknown);
        }
    }

    /**
     * The first field of an object whose name is not allowed.
     *
     * @param node    the object.
     * @param allowed allowed field names.
     * @return its name, or {@code null} when every field is allowed.
     */
    public static String unknownField(final JsonNode node, final String... allowed)
    {
        for (final Map.Entry<String, JsonNode> field : node.properties())
        {
            final String name = field.getKey();
            boolean known = false;
            for (final String candidate : allowed)
            {
                known |= candidate.equals(name);
            }
            if (!known)
            {
                return name;
            }
        }
        return null;
    }

    /**
     * An optional id field.
     *
     * @param node  the object.
     * @param field field name.
     * @return the id, or {@code null} when absent.
     * @throws InvalidInput when present but not a valid id.
     */
    public static String id(final JsonNode node, final String field) throws InvalidInput
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return null;
        }
        if (!value.isTextual())
        {
            throw new InvalidInput(field, field + " must be a string");
        }
        return Fields.id(field, value.textValue());
    }

    /**
     * An optional boolean field.
     *
     * @param node  the object.
     * @param field field name.
     * @return the value, or {@code null} when absent.
     * @throws InvalidInput when present but not a boolean.
     */
    public static Boolean bool(final JsonNode node, final String field) throws InvalidInput
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return null;
        }
        if (!value.isBoolean())
        {
            throw new InvalidInput(field, field + " must be true or false");
        }
        return value.booleanValue();
    }

    /**
     * An optional array of strings.
     *
     * @param node  the object.
     * @param field field name.
     * @param max   most elements.
     * @return the strings, empty when absent.
     * @throws InvalidInput when present but not an array of at most {@code max} strings.
     */
    public static List<String> strings(final JsonNode node, final String field, final int max) throws InvalidInput
    {
        final JsonNode value = node.get(field);
        if (value == null)
        {
            return List.of();
        }
        if (!value.isArray() || value.size() > max)
        {
            throw new InvalidInput(field, field + " must be an array of at most " + max + " strings");
        }
        final List<String> strings = new ArrayList<>(value.size());
        for (int i = 0; i < value.size(); i++)
        {
            if (!value.get(i).isTextual())
            {
                throw new InvalidInput(field + "[" + i + "]", field + "[" + i + "] must be a string");
            }
            strings.add(value.get(i).textValue());
        }
        return strings;
    }
}
