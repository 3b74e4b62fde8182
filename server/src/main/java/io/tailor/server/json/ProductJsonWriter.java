package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.catalog.Product;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Writes a product as the API shows it (the same shape it is uploaded in).
 */
public final class ProductJsonWriter
{
    private ProductJsonWriter()
    {
    }

    /**
     * Writes a product object.
     *
     * @param json    generator.
     * @param product the product.
     * @throws IOException never in practice.
     */
    public static void write(final JsonGenerator json, final Product product) throws IOException
    {
        json.writeStartObject();
        json.writeStringField("id", product.id());
        json.writeStringField("title", product.title());
        json.writeStringField("category", product.category());
        json.writeStringField("brand", product.brand());
        json.writeNumberField("price", product.price());
        json.writeObjectFieldStart("attributes");
        for (final Map.Entry<String, List<String>> attribute : product.attributes().entrySet())
        {
            json.writeArrayFieldStart(attribute.getKey());
            for (final String value : attribute.getValue())
            {
                json.writeString(value);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
        json.writeBooleanField("inStock", product.inStock());
        if (product.launchedAtMs() != Product.UNKNOWN_LAUNCH)
        {
            json.writeStringField("launchedAt", Instant.ofEpochMilli(product.launchedAtMs()).toString());
        }
        json.writeBooleanField("sensitive", product.sensitive());
        if (product.vector() != null)
        {
            json.writeArrayFieldStart("vector");
            for (final float v : product.vector())
            {
                json.writeNumber(v);
            }
            json.writeEndArray();
        }
        json.writeEndObject();
    }
}
