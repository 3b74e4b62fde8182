package io.tailor.server.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;

import java.io.IOException;

/**
 * A request body that must be exactly one JSON object: the parse, the checks before and after the object, and
 * the problems they give, for every such body reader.
 */
final class OneJsonObject
{
    /** Reads the fields of the object the parser is at (its START_OBJECT is current). */
    @FunctionalInterface
    interface Fields<T>
    {
        T read(JsonParser parser) throws InvalidInput, IOException;
    }

    private OneJsonObject()
    {
    }

    /**
     * Reads a body that is one JSON object and nothing after it.
     *
     * @param bytes  the body.
     * @param fields reads the object's fields.
     * @param <T>    what the body says.
     * @return what {@code fields} read.
     * @throws InvalidInput from {@code fields}, or with no field for malformed JSON, a body that is not an object
     *                      or something after it.
     */
    static <T> T read(final byte[] bytes, final Fields<T> fields) throws InvalidInput
    {
        try (JsonParser parser = Json.FACTORY.createParser(bytes))
        {
            if (parser.nextToken() != JsonToken.START_OBJECT)
            {
                throw new InvalidInput(null, "the body must be a JSON object");
            }
            final T body = fields.read(parser);
            if (parser.nextToken() != null)
            {
                throw new InvalidInput(null, "the body must hold one JSON object and nothing after it");
            }
            return body;
        }
        catch (final JsonProcessingException ex)
        {
            throw new InvalidInput(null, "malformed JSON: " + ex.getOriginalMessage());
        }
        catch (final IOException ex)
        {
            throw new InvalidInput(null, "unreadable body: " + ex.getMessage());
        }
    }
}
