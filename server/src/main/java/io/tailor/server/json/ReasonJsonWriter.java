package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonGenerator;
import io.tailor.scoring.rank.Reason;

import java.io.IOException;
import java.util.List;

/**
 * Writes the explanation of a recommended item, its {@code reasons} array, for the recommendation answers (with
 * {@code explain=true}) and the item lists alike.
 */
public final class ReasonJsonWriter
{
    private ReasonJsonWriter()
    {
    }

    /**
     * Writes an item's {@code reasons} array ({@code Reason} in openapi.yaml).
     *
     * @param json    generator, inside the item's object.
     * @param reasons the reasons, strongest first.
     * @throws IOException never for an in-memory target.
     */
    public static void write(final JsonGenerator json, final List<Reason> reasons) throws IOException
    {
        json.writeFieldName(JsonNames.REASONS);
        json.writeStartArray();
        for (int r = 0, size = reasons.size(); r < size; r++)
        {
            final Reason reason = reasons.get(r);
            json.writeStartObject();
            json.writeStringField("code", reason.code());
            json.writeStringField("text", reason.text());
            json.writeNumberField("contribution", reason.contribution());
            if (reason.product() != null)
            {
                json.writeStringField("product", reason.product());
            }
            if (reason.category() != null)
            {
                json.writeStringField("category", reason.category());
            }
            if (reason.promotion() != null)
            {
                json.writeStringField("promotion", reason.promotion());
            }
            if (reason.match() != null)
            {
                json.writeStringField("match", reason.match());
            }
            json.writeEndObject();
        }
        json.writeEndArray();
    }
}
