package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.tailor.server.config.InputLimits;
import io.tailor.scoring.catalog.Product;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Reads one product object and validates it against the API contract ({@code Product} in openapi.yaml).
 */
public final class ProductJsonReader
{
    private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_-]{1,64}");
    private static final int MAX_SEGMENT_LENGTH = 64;
    private static final int MAX_VALUE_LENGTH = 128;

    private final int dimensions;
    private final InputLimits limits;
    private final int maxValueLength;

    /**
     * Reader for a cluster's vector dimension, with the default limits.
     *
     * @param dimensions length an explicit {@code vector} must have.
     */
    public ProductJsonReader(final int dimensions)
    {
        this(dimensions, InputLimits.DEFAULT);
    }

    /**
     * Reader for a cluster's vector dimension.
     *
     * @param dimensions length an explicit {@code vector} must have.
     * @param limits     input limits: title length, attribute counts, price range.
     */
    public ProductJsonReader(final int dimensions, final InputLimits limits)
    {
        this.dimensions = dimensions;
        this.limits = limits;
        this.maxValueLength = Math.min(MAX_VALUE_LENGTH, limits.maxTextLength());
    }

    /**
     * Reads a product.
     *
     * @param parser parser positioned on the product's {@code START_OBJECT}; left on its {@code END_OBJECT}.
     * @return the validated product.
     * @throws InvalidInput when the product breaks the contract.
     * @throws IOException  when the JSON is malformed.
     */
    public Product read(final JsonParser parser) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw new InvalidInput(null, "a product must be a JSON object");
        }
        String id = null;
        String title = "";
        String category = null;
        String brand = "";
        double price = Double.NaN;
        Map<String, List<String>> attributes = Map.of();
        boolean inStock = true;
        long launchedAt = Product.UNKNOWN_LAUNCH;
        boolean sensitive = false;
        float[] vector = null;

        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = Fields.name(parser.currentName());
            if (parser.nextToken() == JsonToken.VALUE_NULL)
            {
                throw new InvalidInput(name, name + " must not be null; leave it out instead");
            }
            switch (name)
            {
                case "id" -> id = Fields.readId(parser, "id");
                case "title" -> title = Fields.readText(parser, "title", limits.maxTextLength());
                case "category" -> category = category(Fields.readString(parser, "category"));
                case "brand" -> brand = Fields.readText(parser, "brand", maxValueLength);
                case "price" -> price = Fields.readNumber(parser, "price", 0, limits.maxAmount());
                case "attributes" -> attributes = readAttributes(parser);
                case "inStock" -> inStock = Fields.readBoolean(parser, "inStock");
                case "launchedAt" -> launchedAt = Fields.readTime(parser, "launchedAt");
                case "sensitive" -> sensitive = Fields.readBoolean(parser, "sensitive");
                case "vector" -> vector = readVector(parser);
                default -> throw new InvalidInput(name, "unknown field " + name);
            }
        }
        if (id == null)
        {
            throw new InvalidInput("id", "id is required");
        }
        if (category == null)
        {
            throw new InvalidInput("category", "category is required");
        }
        if (Double.isNaN(price))
        {
            throw new InvalidInput("price", "price is required");
        }
        return new Product(id, title, category, brand, price, attributes, inStock, launchedAt, sensitive, vector);
    }

    /**
     * Checks a category path: 1 to 8 non-empty segments separated by {@code /}.
     *
     * @param path the path.
     * @return the path.
     * @throws InvalidInput when not a valid path.
     */
    public static String category(final String path) throws InvalidInput
    {
        Fields.text("category", path, InputLimits.MAX_TEXT_LENGTH);
        int depth = 0;
        int start = 0;
        while (true)
        {
            final int end = path.indexOf(Product.CATEGORY_SEPARATOR, start);
            final String segment = end < 0 ? path.substring(start) : path.substring(start, end);
            if (segment.isEmpty() || segment.isBlank() || segment.equals(".") || segment.equals("..") ||
                segment.length() > MAX_SEGMENT_LENGTH || segment.indexOf('\\') >= 0)
            {
                throw new InvalidInput("category", "category must be a path like apparel/shoes/running: " +
                    "non-empty segments of at most " + MAX_SEGMENT_LENGTH + " characters");
            }
            depth++;
            if (end < 0)
            {
                break;
            }
            start = end + 1;
        }
        if (depth > InputLimits.MAX_CATEGORY_DEPTH)
        {
            throw new InvalidInput("category", "category must have at most " + InputLimits.MAX_CATEGORY_DEPTH +
                " levels");
        }
        return path;
    }

    private Map<String, List<String>> readAttributes(final JsonParser parser) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_OBJECT)
        {
            throw new InvalidInput("attributes", "attributes must be an object of name to string or strings");
        }
        final Map<String, List<String>> attributes = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME)
        {
            final String name = Fields.name(parser.currentName());
            final String field = "attributes." + name;
            if (!ATTRIBUTE_NAME.matcher(name).matches())
            {
                throw new InvalidInput(field, "attribute names must be 1 to 64 letters, digits, _ or -");
            }
            if (attributes.size() == limits.maxAttributes())
            {
                throw new InvalidInput("attributes", "at most " + limits.maxAttributes() + " attributes");
            }
            final JsonToken token = parser.nextToken();
            final List<String> values = new ArrayList<>();
            if (token == JsonToken.VALUE_STRING)
            {
                values.add(Fields.text(field, parser.getText(), maxValueLength));
            }
            else if (token == JsonToken.START_ARRAY)
            {
                while (parser.nextToken() != JsonToken.END_ARRAY)
                {
                    if (values.size() == limits.maxAttributes())
                    {
                        throw new InvalidInput(field, "at most " + limits.maxAttributes() + " values per attribute");
                    }
                    values.add(Fields.readText(parser, field + "[" + values.size() + "]", maxValueLength));
                }
            }
            else
            {
                throw new InvalidInput(field, field + " must be a string or an array of strings");
            }
            attributes.put(name, List.copyOf(values));
        }
        return Collections.unmodifiableMap(attributes);
    }

    private float[] readVector(final JsonParser parser) throws InvalidInput, IOException
    {
        if (parser.currentToken() != JsonToken.START_ARRAY)
        {
            throw new InvalidInput("vector", "vector must be an array of " + dimensions + " numbers");
        }
        final float[] vector = new float[dimensions];
        int count = 0;
        while (parser.nextToken() != JsonToken.END_ARRAY)
        {
            if (count == dimensions)
            {
                throw new InvalidInput("vector", "vector must have exactly " + dimensions + " numbers");
            }
            vector[count] = (float)Fields.readNumber(parser, "vector[" + count + "]", -1e6, 1e6);
            count++;
        }
        if (count != dimensions)
        {
            throw new InvalidInput("vector", "vector must have exactly " + dimensions + " numbers");
        }
        return vector;
    }
}
